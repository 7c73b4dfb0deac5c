import * as z from 'zod';
import { idSchema, isoDateSchema, timestampSchema } from './common.ts';
import { FLAG_TYPES } from './flag.ts';

const count = z.number().int().min(0);

export const flagCountsSchema = z.object({
  /** Every flag of the type raised for the year, whatever its status now. */
  raised: count,
  /** Still open or contacted. */
  outstanding: count,
});

export const legalMinimumSchema = z.object({
  pass: count,
  fail: count,
  /** Checked, but some legal rule could not be determined (meetsLegalMinimum null). */
  unknown: count,
  /** pass / (pass + fail + unknown); null when nothing was checked. */
  passRate: z.number().min(0).max(1).nullable(),
});

export const complianceSummarySchema = z
  .object({
    year: z.number().int(),
    /** Organisations expected to file for the year: in scope, on the register by then, not declared out of scope. */
    organisationsInScope: count,
    /** Statements submitted for the year (withdrawn ones not counted). */
    statementsReceived: count,
    declaredOutOfScope: count,
    flags: z.object(
      Object.fromEntries(FLAG_TYPES.map((type) => [type, flagCountsSchema])) as {
        [K in (typeof FLAG_TYPES)[number]]: typeof flagCountsSchema;
      },
    ),
    legalMinimum: legalMinimumSchema,
    bySector: z.array(legalMinimumSchema.extend({ sector: z.string() })),
    /** Every reporting year from 2016 to this one: organisations in scope against statements received. */
    years: z.array(
      z.object({ year: z.number().int(), organisationsInScope: count, statementsReceived: count }),
    ),
    /** Open and contacted flags of any type, by how long ago they were raised. */
    openFlagsByAge: z.array(
      z.object({ label: z.string(), minDays: count, maxDays: count.nullable(), count }),
    ),
    lastSweep: z
      .object({
        id: idSchema,
        status: z.string(),
        startedAt: timestampSchema,
        finishedAt: timestampSchema.nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'ComplianceSummary' });

export const sweepRunStatusSchema = z.enum(['requested', 'running', 'done', 'failed']);

export const sweepStatsSchema = z.object({
  organisations: count,
  yearsChecked: count,
  missingRaised: count,
  lateRaised: count,
  remindersQueued: count,
  /** Read and write capacity the sweep consumed (ReturnConsumedCapacity), where the store reports it. */
  readUnits: z.number().min(0),
  writeUnits: z.number().min(0),
});

export const sweepRunSchema = z
  .object({
    id: idSchema,
    status: sweepRunStatusSchema,
    trigger: z.enum(['schedule', 'officer']),
    requestedBy: z.string(),
    requestedAt: timestampSchema,
    startedAt: timestampSchema.nullable(),
    finishedAt: timestampSchema.nullable(),
    /** The day the sweep judged deadlines against. */
    asOf: isoDateSchema.nullable(),
    stats: sweepStatsSchema.nullable(),
    error: z.string().nullable(),
    /**
     * How far an officer's sweep has got: the register's listing is swept in parts (shards) in
     * parallel, and `partsDone` counts the finished ones. Absent on runs stored without parts.
     */
    progress: z.object({ partsDone: count, partsTotal: count }).optional(),
  })
  .meta({ id: 'SweepRun' });

export const noticeKindSchema = z.enum(['reminder', 'overdue']);

/** A reminder or overdue notice waiting in (or sent from) the outbox. */
export const outboxMessageSchema = z.object({
  id: z.string(),
  kind: noticeKindSchema,
  organisationId: idSchema,
  organisationName: z.string(),
  year: z.number().int(),
  deadline: isoDateSchema,
  status: z.enum(['pending', 'sent', 'no_recipient', 'failed']),
  recipients: z.array(z.string()),
  subject: z.string(),
  body: z.string(),
  createdAt: timestampSchema,
  sentAt: timestampSchema.nullable(),
});

export type ComplianceSummary = z.infer<typeof complianceSummarySchema>;
export type LegalMinimum = z.infer<typeof legalMinimumSchema>;
export type SweepRun = z.infer<typeof sweepRunSchema>;
export type SweepStats = z.infer<typeof sweepStatsSchema>;
export type NoticeKind = z.infer<typeof noticeKindSchema>;
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;
