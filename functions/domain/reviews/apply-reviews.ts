import type { CheckResult, Finding, FindingReview } from '../../../schemas/check-result.ts';
import type { StoredReview } from '../../../schemas/review.ts';
import { summarise } from '../../checker/summary.ts';

/** What the public sees of a review: the decision and reason, never the officer. */
export function publicReview(review: StoredReview, outdated = false): FindingReview {
  return {
    decision: review.decision,
    status: review.status,
    automatedStatus: review.automatedStatus,
    reason: review.reason,
    reviewedAt: review.reviewedAt,
    by: 'register',
    version: review.version,
    ...(outdated ? { outdated: true } : {}),
  };
}

/**
 * A revision's automated check result with the register's reviews laid over it. A review is
 * applied while the rule's automated status is still the one that was reviewed — so a recheck
 * under a new rules version that reaches the same automated status keeps the review in force.
 * When the recheck says something else, the new automated status stands and the review is still
 * shown, marked `outdated` (it is about the earlier automated result) until an officer reviews
 * again. The summary is recomputed from the reviewed findings whenever a review applies; a
 * reviewed finding counts as confident (an officer can settle an unclear one either way).
 */
export function applyReviews(result: CheckResult, reviews: readonly StoredReview[]): CheckResult {
  if (reviews.length === 0) return result;
  const byRule = new Map(reviews.map((review) => [review.rule, review]));
  let applied = false;
  const findings = result.findings.map((finding): Finding => {
    const review = byRule.get(finding.rule);
    if (!review) return finding;
    if (review.automatedStatus !== finding.status) return { ...finding, review: publicReview(review, true) };
    applied = true;
    // A person's decision is not the checker's guess: the rating counts it as confident.
    return { ...finding, status: review.status, certainty: 'confident', review: publicReview(review) };
  });
  return { ...result, findings, ...(applied ? { summary: summarise(findings) } : {}) };
}
