import * as z from 'zod';
import { timestampSchema } from './common.ts';
import { checkSummarySchema } from './statement-summary.ts';

/** Every rule id of the catalogue (rules.md). Ids are stable: the API, the CSV and the pages use them. */
export const RULE_IDS = [
  'uk-in-scope',
  'uk-statement-for-year',
  'uk-steps-or-none',
  'uk-approval',
  'uk-signature',
  'uk-published',
  'uk-homepage-link',
  'uk-period',
  'uk-on-time',
  'uk-approval-date',
  'uk-group-members-named',
  'uk-area-structure',
  'uk-area-policies',
  'uk-area-due-diligence',
  'uk-area-risk',
  'uk-area-effectiveness',
  'uk-area-training',
  'uk-declared-matches-text',
  'uk-risks-identified',
  'uk-previous-online',
  'uk-kpis-measurable',
  'uk-remediation',
  'uk-not-copied',
  'uk-not-boilerplate',
  'uk-actions-not-promises',
  'uk-machine-readable',
] as const;

export const ruleIdSchema = z.enum(RULE_IDS);
export const severitySchema = z.enum(['legal', 'guidance', 'best_practice']);
export const findingStatusSchema = z.enum(['pass', 'fail', 'warn', 'not_applicable', 'unknown']);

/** The sentence tags of criteria.md. */
export const SENTENCE_TAGS = [
  'approval',
  'signature',
  'reporting_entity',
  'structure',
  'operations',
  'supply_chains',
  'risk',
  'policies',
  'due_diligence',
  'training',
  'remediation',
  'effectiveness',
  'consultation',
] as const;
export const sentenceTagSchema = z.enum(SENTENCE_TAGS);

/**
 * One piece of evidence behind a finding: a quoted sentence (its index in `sentences` and its
 * text), or a submission field and/or a URL that was used.
 */
export const evidenceSchema = z.object({
  sentence: z.number().int().min(0).optional(),
  text: z.string().optional(),
  field: z.string().optional(),
  url: z.string().optional(),
});

/**
 * A person's review of an automated finding (functions/domain/reviews). When present and not
 * `outdated`, the finding's `status` is the reviewed one and the summary is recomputed from it.
 * Who reviewed is kept in the audit trail, not here: publicly it is "the register".
 */
export const findingReviewSchema = z
  .object({
    decision: z.enum(['confirm', 'overturn']),
    /** The status the register decided on. */
    status: findingStatusSchema,
    /** What the automated check had said when it was reviewed. */
    automatedStatus: findingStatusSchema,
    reason: z.string(),
    reviewedAt: timestampSchema,
    by: z.literal('register'),
    /**
     * The check was run again since (new rules version) and now says something other than
     * `automatedStatus`: the review is about the earlier automated result and is not applied.
     */
    outdated: z.boolean().optional(),
  })
  .meta({ id: 'FindingReview' });

export const findingSchema = z.object({
  rule: ruleIdSchema,
  severity: severitySchema,
  status: findingStatusSchema,
  message: z.string(),
  evidence: z.array(evidenceSchema),
  confidence: z.number().min(0).max(1).optional(),
  certainty: z.enum(['confident', 'unclear']).optional(),
  review: findingReviewSchema.optional(),
});

export const checkedSentenceSchema = z.object({
  text: z.string(),
  tags: z.array(sentenceTagSchema),
  /** The heading the sentence sits under, when the document has headings. */
  heading: z.string().optional(),
  /** The PDF page (1-based) the sentence starts on. */
  page: z.number().int().min(1).optional(),
});

/** The check result: the same shape from POST /api/v1/check, `register check --json`, and a stored statement. */
export const checkResultSchema = z.object({
  rulesVersion: z.string(),
  summary: checkSummarySchema,
  findings: z.array(findingSchema),
  sentences: z.array(checkedSentenceSchema),
});

export type RuleId = z.infer<typeof ruleIdSchema>;
export type Severity = z.infer<typeof severitySchema>;
export type FindingStatus = z.infer<typeof findingStatusSchema>;
export type SentenceTag = z.infer<typeof sentenceTagSchema>;
export type Evidence = z.infer<typeof evidenceSchema>;
export type Finding = z.infer<typeof findingSchema>;
export type FindingReview = z.infer<typeof findingReviewSchema>;
export type CheckedSentence = z.infer<typeof checkedSentenceSchema>;
export type CheckResult = z.infer<typeof checkResultSchema>;
