import { RULES_VERSION } from '../checker/check.ts';
import type { RatingChange } from '../checker/rating-changes.ts';
import {
  applyReviews,
  type ReviewDisagreement,
  reviewDisagreements,
} from '../domain/reviews/apply-reviews.ts';
import { listStaleCheckResults } from '../store/checks/list-stale-check-results.ts';
import { getCheckResult } from '../store/public/get-check-result.ts';
import { listReviews } from '../store/reviews/list-reviews.ts';
import { checkRevision } from '../worker/check-revision.ts';
import type { WorkerDeps } from '../worker/deps.ts';

export interface RecheckOutcome {
  stale: number;
  rechecked: number;
  /** The statements whose automated rating the new rules changed, in the order they were rechecked. */
  changed: RatingChange[];
  /**
   * The ratings the public sees (the register's reviews applied) that changed: a reviewed
   * finding keeps its reviewed status, so these can be fewer than `changed`.
   */
  publicChanged: RatingChange[];
  /** Reviewed findings the new automated check disagrees with, each queued for an officer. */
  disagreements: (ReviewDisagreement & { statementId: string; revision: number })[];
}

/**
 * Recomputes every stored check result of an older rules version (found through the CHECKS
 * listing, never a scan) and notes each rating that changed.
 */
export async function recheckStale(
  deps: WorkerDeps,
  options: { offline: boolean; log?: (line: string) => void },
): Promise<RecheckOutcome> {
  const stale = await listStaleCheckResults(deps.store, RULES_VERSION);
  options.log?.(`${stale.length} check result(s) older than rules ${RULES_VERSION}.`);
  let rechecked = 0;
  const changed: RatingChange[] = [];
  const publicChanged: RatingChange[] = [];
  const disagreements: RecheckOutcome['disagreements'] = [];
  for (const { statementId, revision, rulesVersion } of stale) {
    const before = await getCheckResult(deps.store, statementId, revision).catch(() => undefined);
    const reviews = await listReviews(deps.store, statementId, revision, { consistent: true });
    const outcome = await checkRevision(
      deps,
      statementId,
      revision,
      { offline: options.offline },
      undefined,
      true,
    );
    if (outcome === 'checked') rechecked++;
    options.log?.(
      `${statementId} revision ${revision}: ${rulesVersion} → ${outcome === 'checked' ? RULES_VERSION : 'skipped'}`,
    );
    if (outcome !== 'checked' || !before) continue;
    const after = await getCheckResult(deps.store, statementId, revision);
    if (!after) continue;
    if (after.summary.rating !== before.summary.rating)
      changed.push({ statementId, revision, from: before.summary.rating, to: after.summary.rating });
    const [shownBefore, shownAfter] = [before, after].map((r) => applyReviews(r, reviews).summary.rating);
    if (shownBefore !== shownAfter)
      publicChanged.push({ statementId, revision, from: shownBefore!, to: shownAfter! });
    for (const disagreement of reviewDisagreements(after, reviews))
      disagreements.push({ statementId, revision, ...disagreement });
  }
  return { stale: stale.length, rechecked, changed, publicChanged, disagreements };
}
