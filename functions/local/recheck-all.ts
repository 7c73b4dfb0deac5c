import { RULES_VERSION } from '../checker/check.ts';
import { type RatingChange, recheckReport } from '../checker/rating-changes.ts';
import {
  applyReviews,
  type ReviewDisagreement,
  reviewDisagreements,
} from '../domain/reviews/apply-reviews.ts';
import { listStaleCheckResults } from '../store/checks/list-stale-check-results.ts';
import { getCheckResult } from '../store/public/get-check-result.ts';
import { listReviews } from '../store/reviews/list-reviews.ts';
import { computeRevisionCheck, storeRevisionCheck } from '../worker/check-revision.ts';
import type { WorkerDeps } from '../worker/deps.ts';

export interface RecheckOutcome {
  stale: number;
  /** Rechecked (in a dry run: would be rechecked). */
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
 * listing, never a scan) and notes each rating that changed. A dry run computes the same and
 * writes nothing: no result, listing, archived file or flag.
 */
export async function recheckStale(
  deps: WorkerDeps,
  options: { offline: boolean; dryRun?: boolean; log?: (line: string) => void },
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
    const computed = await computeRevisionCheck(
      deps,
      statementId,
      revision,
      { offline: options.offline },
      undefined,
      true,
    );
    const after = computed === 'skipped' ? undefined : computed.outcome.result;
    if (computed !== 'skipped' && !options.dryRun)
      await storeRevisionCheck(deps, statementId, revision, computed);
    if (after) rechecked++;
    options.log?.(
      `${statementId} revision ${revision}: ${rulesVersion} → ${after ? RULES_VERSION : 'skipped'}${options.dryRun ? ' (dry run, not written)' : ''}`,
    );
    if (!after || !before) continue;
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

/**
 * `npm run recheck`'s output: a line per stale result, then how many were rechecked and the
 * summary (recheckReport). A dry run prints the same summary, says it wrote nothing, and writes nothing.
 */
export async function recheckAndReport(
  deps: WorkerDeps,
  options: { offline: boolean; dryRun: boolean },
  print: (line: string) => void,
): Promise<RecheckOutcome> {
  const outcome = await recheckStale(deps, { ...options, log: print });
  print(
    options.dryRun
      ? `Dry run, nothing written: would recheck ${outcome.rechecked} of ${outcome.stale}.`
      : `Rechecked ${outcome.rechecked} of ${outcome.stale}.`,
  );
  print(recheckReport(outcome));
  return outcome;
}
