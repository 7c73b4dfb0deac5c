import { RULES_VERSION } from '../checker/check.ts';
import type { RatingChange } from '../checker/rating-changes.ts';
import { listStaleCheckResults } from '../store/checks/list-stale-check-results.ts';
import { getCheckResult } from '../store/public/get-check-result.ts';
import { checkRevision } from '../worker/check-revision.ts';
import type { WorkerDeps } from '../worker/deps.ts';

export interface RecheckOutcome {
  stale: number;
  rechecked: number;
  /** The statements whose rating the new rules changed, in the order they were rechecked. */
  changed: RatingChange[];
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
  for (const { statementId, revision, rulesVersion } of stale) {
    const before = await getCheckResult(deps.store, statementId, revision).catch(() => undefined);
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
    if (after && after.summary.rating !== before.summary.rating)
      changed.push({ statementId, revision, from: before.summary.rating, to: after.summary.rating });
  }
  return { stale: stale.length, rechecked, changed };
}
