import * as z from 'zod';
import { idSchema, isoDateSchema, timestampSchema } from './common.ts';
import { freeText } from './free-text.ts';

/**
 * The compliance officers' queue: a flag says "someone should look at this organisation (and
 * year, and statement)". Types and statuses are part of the public contract (api.md).
 */
export const FLAG_TYPES = [
  'missing',
  'late',
  'weak',
  'legal_minimum',
  'report',
  'manual',
  /** A business asks the register to review one automated finding of its statement. */
  'review_request',
  /** A recheck under new rules disagrees with a finding the register reviewed: look again. */
  'review_disagreement',
  /**
   * The checker could not rate a submitted revision (rating `not_determined`: a scan without a
   * text layer, too little text, not in English): a person has to read it.
   */
  'not_determined',
] as const;
export const FLAG_STATUSES = ['open', 'contacted', 'resolved', 'dismissed'] as const;
/** Statuses that still need an officer's attention. */
export const OUTSTANDING_STATUSES = ['open', 'contacted'] as const;
export const REPORT_REASONS = ['broken_link', 'wrong_organisation', 'other'] as const;

export const flagTypeSchema = z.enum(FLAG_TYPES);
export const flagStatusSchema = z.enum(FLAG_STATUSES);
export const reportReasonSchema = z.enum(REPORT_REASONS);

/**
 * Flag ids are opaque. Flags raised by the sweep and the checker have deterministic ids
 * (type + organisation or statement + year or revision), so raising one twice is a no-op;
 * reports and hand-made flags get a ULID.
 */
export const flagIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,120}$/, 'must be a flag id');

export const flagActionSchema = z.enum(['raised', 'status', 'assigned', 'note', 'notice']);

export const NOTICE_CHANNELS = ['email', 'post', 'phone'] as const;

/** One notice sent to the organisation about the flag: by the register itself, or noted by an officer. */
export const flagNoticeSchema = z
  .object({
    at: timestampSchema,
    /** The officer's email, or `system` for a notice the register sent itself (an overdue notice). */
    by: z.string(),
    channel: z.enum(NOTICE_CHANNELS),
    /** The email addresses, postal address or phone number it went to. */
    to: z.string().min(1).max(500),
    /** What it said, in short (its subject, or the officer's words). */
    about: z.string().max(500),
  })
  .meta({ id: 'FlagNotice' });

/** An officer records a notice they sent (POST /officers/flags/{id}/notices). */
export const newFlagNoticeSchema = z.object({
  channel: z.enum(NOTICE_CHANNELS, { message: 'Choose how you sent it' }),
  to: z
    .string()
    .trim()
    .min(1, 'Enter where you sent it: the email address, postal address or phone number')
    .max(500, 'Where you sent it must be 500 characters or fewer'),
  about: z
    .string()
    .trim()
    .min(1, 'Enter what the notice said, in a few words')
    .max(500, 'What it said must be 500 characters or fewer'),
});

/** One move in a flag's life: kept for ever, in order. */
export const flagHistoryEntrySchema = z
  .object({
    at: timestampSchema,
    /** The officer's email, `system` (sweep, checker, statement arrival) or `public` (a report). */
    by: z.string(),
    action: flagActionSchema,
    from: flagStatusSchema.optional(),
    to: flagStatusSchema.optional(),
    assignee: z.string().nullable().optional(),
    note: z.string(),
  })
  .meta({ id: 'FlagHistoryEntry' });

export const flagFindingSchema = z.object({
  rule: z.string(),
  status: z.string(),
  message: z.string(),
  /** The checker's confidence in this finding (0..1), when it gave one. */
  confidence: z.number().min(0).max(1).optional(),
});

export const flagSchema = z
  .object({
    id: flagIdSchema,
    type: flagTypeSchema,
    status: flagStatusSchema,
    organisationId: idSchema,
    organisationName: z.string(),
    /** The reporting year the flag is about (null for a hand-made flag about the organisation). */
    year: z.number().int().nullable(),
    statementId: idSchema.optional(),
    /** The checked revision a `legal_minimum`, `weak` or `not_determined` flag is about. */
    revision: z.number().int().min(1).optional(),
    /** The statement's sectors, when the flag is about a statement (for filtering). */
    sectors: z.array(z.string()),
    /** `missing` / `late`: the filing deadline (period end + six months). */
    deadline: isoDateSchema.optional(),
    /** `late`: when the statement was first submitted. */
    receivedAt: timestampSchema.optional(),
    /** `report`: what the member of the public chose and wrote. */
    reason: reportReasonSchema.optional(),
    details: z.string().optional(),
    /**
     * `legal_minimum` / `weak` / `not_determined`: the findings behind the flag (failing legal
     * rules; the rating's failing and warning findings; the unclear findings saying why not rated).
     */
    findings: z.array(flagFindingSchema).optional(),
    /**
     * `legal_minimum` / `weak` / `not_determined`: how sure the checker was of the findings behind the flag (the lowest
     * confidence among them, 0..1); `order=uncertain` lists the least sure first.
     */
    confidence: z.number().min(0).max(1).optional(),
    /** `review_request`: the finding the business asks the register to review; `review_disagreement`: the finding rechecked. */
    rule: z.string().optional(),
    /** Where to see the evidence: the statement page's findings, the organisation page. */
    links: z.object({
      organisation: z.string(),
      statement: z.string().optional(),
      findings: z.string().optional(),
    }),
    assignee: z.string().nullable(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
    /** Bumped by every change; PATCH may send it back as If-Match. */
    version: z.number().int().min(1),
    history: z.array(flagHistoryEntrySchema),
    /** Every notice sent about the flag, oldest first (absent on flags from before notices were kept). */
    notices: z.array(flagNoticeSchema).optional(),
  })
  .meta({ id: 'Flag' });

export const flagListQuerySchema = z.object({
  type: flagTypeSchema.optional(),
  status: flagStatusSchema.optional(),
  sector: z.string().max(200).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  assignee: z.string().max(254).optional(),
  organisationId: idSchema.optional(),
  order: z.enum(['newest', 'oldest', 'uncertain']).default('newest'),
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const flagPageSchema = z
  .object({ items: z.array(flagSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'FlagPage' });

const noteSchema = freeText({ message: 'Enter a note' })
  .trim()
  .min(1, 'Enter a note')
  .max(2000, 'The note must be 2,000 characters or fewer');

/** POST /api/v1/flags: an officer flags an organisation or a statement by hand. */
export const newManualFlagSchema = z
  .object({
    organisationId: idSchema.optional(),
    statementId: idSchema.optional(),
    year: z.number().int().min(2016).max(2100).optional(),
    note: noteSchema,
    assignee: z.email().optional(),
  })
  .refine((value) => value.organisationId || value.statementId, {
    message: 'Give the organisation or the statement to flag',
    path: ['organisationId'],
  })
  .meta({ id: 'NewManualFlag' });

/** PATCH /api/v1/flags/{id}: move it, (re)assign it, or add a note; always with a note. */
export const flagUpdateSchema = z
  .object({
    status: flagStatusSchema.optional(),
    assignee: z.email().nullable().optional(),
    note: noteSchema,
  })
  .meta({ id: 'FlagUpdate' });

/** POST /api/v1/reports: anyone reports a problem with a statement. */
export const newReportSchema = z
  .object({
    statementId: idSchema,
    reason: reportReasonSchema,
    details: freeText().trim().max(1000, 'Details must be 1,000 characters or fewer').optional(),
  })
  .meta({ id: 'NewReport' });

export type FlagType = z.infer<typeof flagTypeSchema>;
export type FlagStatus = z.infer<typeof flagStatusSchema>;
export type ReportReason = z.infer<typeof reportReasonSchema>;
export type FlagHistoryEntry = z.infer<typeof flagHistoryEntrySchema>;
export type FlagFinding = z.infer<typeof flagFindingSchema>;
export type Flag = z.infer<typeof flagSchema>;
export type FlagListQuery = z.infer<typeof flagListQuerySchema>;
export type NewManualFlag = z.infer<typeof newManualFlagSchema>;
export type FlagUpdate = z.infer<typeof flagUpdateSchema>;
export type NewReport = z.infer<typeof newReportSchema>;
export type FlagNotice = z.infer<typeof flagNoticeSchema>;
export type NewFlagNotice = z.infer<typeof newFlagNoticeSchema>;
