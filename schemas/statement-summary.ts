import * as z from 'zod';
import { idSchema, isoDateSchema, timestampSchema } from './common.ts';

export const statementStatusSchema = z.enum(['draft', 'submitted', 'withdrawn']);
/**
 * `not_determined`: the checker could not read the statement (no text layer, too little text,
 * not in English), so it gives no rating rather than a confident one it has no grounds for.
 */
export const ratingSchema = z.enum(['strong', 'adequate', 'weak', 'non_compliant', 'not_determined']);

/** The headline of a check, as search, lists and the open data show it. */
export const checkSummarySchema = z.object({
  meetsLegalMinimum: z.boolean().nullable(),
  areasCovered: z.number().int().min(0).max(6),
  rating: ratingSchema,
});

/**
 * What the register shows of a statement in lists, search and downloads. The submission
 * capability keeps these fields on the statement's header item; the stream worker builds the
 * search index from them. Changing a name here changes the public contract: extend, don't rename.
 */
export const statementSummarySchema = z.object({
  id: idSchema,
  organisationId: idSchema,
  organisationName: z.string(),
  companyNumber: z.string().nullable(),
  isGroup: z.boolean(),
  groupMembers: z.array(z.object({ name: z.string(), companyNumber: z.string().nullable().optional() })),
  year: z.number().int(),
  periodStart: isoDateSchema,
  periodEnd: isoDateSchema,
  sectors: z.array(z.string()),
  turnover: z.string().nullable(),
  status: statementStatusSchema,
  /** The latest submitted revision (0 while the statement is only a draft). */
  revision: z.number().int().min(0),
  submittedAt: timestampSchema.nullable(),
  updatedAt: timestampSchema,
  check: checkSummarySchema.nullable(),
});

export type StatementSummary = z.infer<typeof statementSummarySchema>;
export type CheckSummary = z.infer<typeof checkSummarySchema>;
export type Rating = z.infer<typeof ratingSchema>;
