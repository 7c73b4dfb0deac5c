import type { CheckResult, Finding, RuleId } from '../../../schemas/check-result.ts';
import type { FindingReviewInput, StoredReview } from '../../../schemas/review.ts';
import type { User } from '../../../schemas/user.ts';
import { invalid, notFound } from '../errors.ts';
import { applyReviews } from './apply-reviews.ts';

export interface PlannedReview {
  review: StoredReview;
  /** The automated finding that was reviewed and the finding as the public now sees it. */
  automated: Finding;
  reviewed: Finding;
  /** The revision's result with every review (this one included) applied. */
  result: CheckResult;
}

/**
 * An officer's review of one finding of a revision's automated result, with the reviews already
 * made of its other findings: what to store, and the summary the public will see.
 */
export function planReview(
  input: {
    statementId: string;
    revision: number;
    rule: RuleId;
    automatedResult: CheckResult;
    otherReviews: readonly StoredReview[];
    /** The review's version: one more than the finding's last review's (1, the first, by default). */
    version?: number;
  },
  body: FindingReviewInput,
  officer: Pick<User, 'id' | 'email'>,
  at: string,
): PlannedReview {
  const automated = input.automatedResult.findings.find((finding) => finding.rule === input.rule);
  if (!automated) throw notFound(`The finding ${input.rule} of this statement’s check`);
  const status = body.decision === 'confirm' ? automated.status : body.status!;
  if (body.decision === 'overturn' && status === automated.status) {
    throw invalid([
      {
        path: '/status',
        message: `The automated finding is already ${status}: choose another status, or confirm it`,
      },
    ]);
  }
  const review: StoredReview = {
    statementId: input.statementId,
    revision: input.revision,
    rule: input.rule,
    rulesVersion: input.automatedResult.rulesVersion,
    decision: body.decision,
    status,
    automatedStatus: automated.status,
    reason: body.reason,
    reviewedAt: at,
    officer: { id: officer.id, email: officer.email },
    version: input.version ?? 1,
  };
  const result = applyReviews(input.automatedResult, [
    ...input.otherReviews.filter((other) => other.rule !== input.rule),
    review,
  ]);
  const reviewed = result.findings.find((finding) => finding.rule === input.rule)!;
  return { review, automated, reviewed, result };
}
