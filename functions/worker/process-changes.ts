import type { ChangeRecord } from '../store/stream-records.ts';

/** Reacts to one change; must be idempotent, since streams deliver at least once. */
export type Reactor = (change: ChangeRecord) => Promise<void>;

export interface ProcessResult {
  /** Sequence number of the first change that failed; the stream resumes from it. */
  firstFailure: string | undefined;
}

/**
 * Runs every reactor on each change, in stream order. On the first failure it stops, so the
 * platform retries from that change (Lambda's partial batch response) and order is kept.
 */
export async function processChanges(
  changes: readonly ChangeRecord[],
  reactors: readonly Reactor[],
  onError: (change: ChangeRecord, error: unknown) => void,
): Promise<ProcessResult> {
  for (const change of changes) {
    try {
      for (const react of reactors) await react(change);
    } catch (error) {
      onError(change, error);
      return { firstFailure: change.sequenceNumber };
    }
  }
  return { firstFailure: undefined };
}
