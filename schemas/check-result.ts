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
 * One piece of evidence behind a finding: a quoted sentence (its number in `sentences`, 1-based:
 * sentence 1 is `sentences[0]`, as people count, everywhere: JSON, pages, CLI), or a submission
 * field and/or a URL that was used.
 */
export const evidenceSchema = z.object({
  sentence: z.number().int().min(1).optional(),
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
     * No longer given (kept for older readers): a review now stays in force through a recheck,
     * with `automatedNow` saying what the new automated check says.
     */
    outdated: z.boolean().optional(),
    /**
     * The check was run again since (new rules version) and its automated status is now this,
     * not `automatedStatus`. The reviewed `status` still stands; when the two disagree an
     * officer is asked to look again (a `review_disagreement` flag).
     */
    automatedNow: findingStatusSchema.optional(),
    /**
     * How many times the finding has been reviewed; the finding's etag (for If-Match) is
     * `"<revision>.<version>"` (`"<revision>.0"` before any review).
     */
    version: z.number().int().min(1).optional(),
  })
  .meta({ id: 'FindingReview' });
/** How sure the checker is of a finding's status: an unclear finding never lowers the rating. */
export const certaintySchema = z.enum(['confident', 'unclear']);

/**
 * What an area's evidence reports: actions taken, only promises for the future, a denial that
 * there is anything to do ("we have not identified any risk"), or nothing at all.
 */
export const evidenceStatusSchema = z.enum(['actions', 'promises', 'denial', 'none']);

/** Advice for the writer of a failing or unclear finding: what was looked for, where, and what would do. */
export const adviceSchema = z.object({
  lookedFor: z.string(),
  /** The sections searched, by heading (or "the whole statement"). */
  searchedIn: z.string(),
  howToSatisfy: z.string(),
});

export const findingSchema = z.object({
  rule: ruleIdSchema,
  severity: severitySchema,
  status: findingStatusSchema,
  message: z.string(),
  evidence: z.array(evidenceSchema),
  /** The probability that the status is right (0..1), where the checker can estimate it. */
  confidence: z.number().min(0).max(1).optional(),
  certainty: certaintySchema.optional(),
  evidenceStatus: evidenceStatusSchema.optional(),
  advice: adviceSchema.optional(),
  review: findingReviewSchema.optional(),
});

export const checkedSentenceSchema = z.object({
  text: z.string(),
  tags: z.array(sentenceTagSchema),
  /** The heading the sentence sits under, when the document has headings. */
  heading: z.string().optional(),
  /** Every heading above the sentence, outermost first (the last is `heading`). */
  headingPath: z.array(z.string()).optional(),
  /** A list item or a table row (omitted for running text). */
  unit: z.enum(['sentence', 'list_item', 'table_row']).optional(),
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
export type Certainty = z.infer<typeof certaintySchema>;
export type EvidenceStatus = z.infer<typeof evidenceStatusSchema>;
export type Advice = z.infer<typeof adviceSchema>;
export type CheckedSentence = z.infer<typeof checkedSentenceSchema>;
export type CheckResult = z.infer<typeof checkResultSchema>;

/** The first rules version whose evidence numbers sentences from 1 (earlier ones counted from 0). */
export const ONE_BASED_SINCE = '2026.3';

const olderThan = (version: string, than: string) => {
  const a = version.split('.').map(Number);
  const b = than.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (Number.isNaN(x) || Number.isNaN(y)) return false;
    if (x !== y) return x < y;
  }
  return false;
};

/**
 * A stored result of an older rules version, read as today's shape: its 0-based evidence sentence
 * indices become 1-based numbers (until `npm run recheck` recomputes it).
 */
export function upgradeCheckResult(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  const result = raw as { rulesVersion?: unknown; findings?: unknown };
  if (typeof result.rulesVersion !== 'string' || !olderThan(result.rulesVersion, ONE_BASED_SINCE)) return raw;
  if (!Array.isArray(result.findings)) return raw;
  return {
    ...result,
    findings: result.findings.map((f) =>
      f && typeof f === 'object' && Array.isArray((f as { evidence?: unknown }).evidence)
        ? {
            ...f,
            evidence: (f as { evidence: unknown[] }).evidence.map((e) =>
              e && typeof e === 'object' && typeof (e as { sentence?: unknown }).sentence === 'number'
                ? { ...e, sentence: (e as { sentence: number }).sentence + 1 }
                : e,
            ),
          }
        : f,
    ),
  };
}
