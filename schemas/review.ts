import * as z from 'zod';
import { findingStatusSchema, ruleIdSchema } from './check-result.ts';
import { idSchema, timestampSchema } from './common.ts';
import { freeText } from './free-text.ts';

/** The statuses an officer may give a finding (every finding status). */
export const FINDING_STATUSES_FOR_REVIEW = findingStatusSchema.options;

const reasonSchema = freeText({ message: 'Enter a reason' })
  .trim()
  .min(1, 'Enter a reason')
  .max(2000, 'The reason must be 2,000 characters or fewer');

/**
 * POST /api/v1/statements/{id}/findings/{rule}/reviews (officers): confirm the automated finding
 * of the statement's latest check, or overturn it to another status; always with a reason.
 */
export const findingReviewInputSchema = z
  .object({
    decision: z.enum(['confirm', 'overturn']),
    status: findingStatusSchema.optional(),
    reason: reasonSchema,
  })
  .refine((value) => value.decision === 'confirm' || value.status !== undefined, {
    message: 'Choose the status the finding should have',
    path: ['status'],
  })
  .meta({ id: 'FindingReviewInput' });

/** POST /api/v1/statements/{id}/findings/{rule}/review-requests: a business asks for a review. */
export const reviewRequestInputSchema = z.object({ reason: reasonSchema }).meta({ id: 'ReviewRequestInput' });

/**
 * A review as the store keeps it: one per revision and rule (a later review of the same finding
 * replaces it; the audit trail keeps every one), with the officer who made it.
 */
export const storedReviewSchema = z.object({
  statementId: idSchema,
  revision: z.number().int().min(1),
  rule: ruleIdSchema,
  /** The rules version of the automated result that was reviewed. */
  rulesVersion: z.string(),
  decision: z.enum(['confirm', 'overturn']),
  status: findingStatusSchema,
  automatedStatus: findingStatusSchema,
  reason: z.string(),
  reviewedAt: timestampSchema,
  officer: z.object({ id: z.string(), email: z.string() }),
  /** Bumped by every review of the finding (reviews stored before it was kept count as 1). */
  version: z.number().int().min(1).default(1),
});

export const reviewRuleParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .meta({ param: { name: 'id', in: 'path' }, example: '01JDQ8Z4V6W4Y0B3C9E7K2M5N8' }),
  rule: ruleIdSchema.meta({ param: { name: 'rule', in: 'path' }, example: 'uk-area-risk' }),
});

export type FindingReviewInput = z.infer<typeof findingReviewInputSchema>;
export type ReviewRequestInput = z.infer<typeof reviewRequestInputSchema>;
export type StoredReview = z.infer<typeof storedReviewSchema>;
