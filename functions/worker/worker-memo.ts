import type { CheckResult } from '../../schemas/check-result.ts';
import { type CheckSummary, checkSummarySchema } from '../../schemas/statement-summary.ts';

/** Entries kept of each kind: a worker handles a few submissions at a time, not thousands. */
const KEPT = 500;

function put<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > KEPT) map.delete(map.keys().next().value as string);
}

/**
 * The check results one stream worker's checker stored (as a read would parse them), so the
 * index and the checker flags need not read them again. The checker's summary on the header
 * comes back as a change in the *next* batch, so this outlives a batch; it is only a shortcut
 * for a read that would find the same (guarded by the header's summary), and a fresh worker reads.
 */
export class WorkerMemo {
  private readonly checks = new Map<string, { result: CheckResult; shown: string }>();

  /** A result the checker stored, and the summary it put on the header with it. */
  rememberCheckResult(
    statementId: string,
    revision: number,
    result: CheckResult,
    headerSummary: unknown,
  ): void {
    const shown = JSON.stringify(checkSummarySchema.parse(headerSummary));
    put(this.checks, `${statementId}#${revision}`, { result, shown });
  }

  /**
   * The result this worker stored, while the header shows the summary stored with it (a recheck
   * by someone else since then shows another: read it).
   */
  checkResult(statementId: string, revision: number, shown: CheckSummary | null): CheckResult | undefined {
    const known = this.checks.get(`${statementId}#${revision}`);
    return known && shown && known.shown === JSON.stringify(checkSummarySchema.parse(shown))
      ? known.result
      : undefined;
  }
}
