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

/** A reviewed finding whose automated status a recheck changed to one the review does not give. */
export interface ReviewDisagreement {
  rule: Finding['rule'];
  /** The status the register's review gave, which stays what the public sees. */
  reviewed: Finding['status'];
  /** What the automated check said when it was reviewed, and what it says now. */
  automatedBefore: Finding['status'];
  automatedNow: Finding['status'];
  confidence?: number | undefined;
}

/**
 * The reviews a (re)checked result disagrees with: the automated status is no longer the one
 * reviewed, and not the reviewed status either. A person looks again; until then the review stands.
 */
export function reviewDisagreements(
  result: CheckResult,
  reviews: readonly StoredReview[],
): ReviewDisagreement[] {
  const byRule = new Map(reviews.map((review) => [review.rule, review]));
  return result.findings.flatMap((finding) => {
    const review = byRule.get(finding.rule);
    if (!review || finding.status === review.automatedStatus || finding.status === review.status) return [];
    return [
      {
        rule: finding.rule,
        reviewed: review.status,
        automatedBefore: review.automatedStatus,
        automatedNow: finding.status,
        confidence: finding.confidence,
      },
    ];
  });
}

/**
 * A revision's automated check result with the register's reviews laid over it. A review is a
 * person's verdict on this revision's text, so it stays in force through a recheck under new
 * rules: the finding shows the reviewed status and the summary is recomputed from it. When the
 * recheck's automated status differs from the one reviewed, the review carries `automatedNow`
 * (and, where that is not the reviewed status either, the recheck queues a `review_disagreement`
 * flag for an officer). A reviewed finding counts as confident (an officer can settle an
 * unclear one either way).
 */
export function applyReviews(result: CheckResult, reviews: readonly StoredReview[]): CheckResult {
  if (reviews.length === 0) return result;
  const byRule = new Map(reviews.map((review) => [review.rule, review]));
  let applied = false;
  const findings = result.findings.map((finding): Finding => {
    const review = byRule.get(finding.rule);
    if (!review) return finding;
    applied = true;
    const changed = review.automatedStatus !== finding.status;
    // A person's decision is not the checker's guess: the rating counts it as confident.
    return {
      ...finding,
      status: review.status,
      certainty: 'confident',
      review: { ...publicReview(review), ...(changed ? { automatedNow: finding.status } : {}) },
    };
  });
  return { ...result, findings, ...(applied ? { summary: summarise(findings) } : {}) };
}
