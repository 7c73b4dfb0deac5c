import { isRestoreInsert } from '../store/backup/restore-marker.ts';
import { keyString } from '../store/key-string.ts';
import type { ChangeRecord } from '../store/stream-records.ts';

/** What a reactor may know of the rest of its batch. */
export interface BatchContext {
  /** Whether a change of the item pk/sk comes later in this batch than the change being handled. */
  comesLater(pk: string, sk: string): boolean;
}

/** Reacts to one change; must be idempotent, since streams deliver at least once. */
export type Reactor = (change: ChangeRecord, batch?: BatchContext) => Promise<void>;

/** The batch context of each position, from the changes' keys (undefined: a record not parsed). */
function batchContexts(changes: readonly (ChangeRecord | undefined)[]): (position: number) => BatchContext {
  const last = new Map<string, number>();
  changes.forEach((change, position) => {
    if (change && !isRestoreInsert(change)) last.set(keyString(change), position);
  });
  return (position) => ({
    comesLater: (pk, sk) => (last.get(keyString({ pk, sk })) ?? -1) > position,
  });
}

export interface ProcessResult {
  /** Sequence number of the first change that failed; the stream resumes from it. */
  firstFailure: string | undefined;
}

/**
 * Runs every reactor on each change, in stream order (not on a restore's own inserts). On the first failure it stops, so the
 * platform retries from that change (Lambda's partial batch response) and order is kept.
 */
export async function processChanges(
  changes: readonly ChangeRecord[],
  reactors: readonly Reactor[],
  onError: (change: ChangeRecord, error: unknown) => void,
): Promise<ProcessResult> {
  const contextAt = batchContexts(changes);
  for (const [position, change] of changes.entries()) {
    if (isRestoreInsert(change)) continue;
    try {
      const batch = contextAt(position);
      for (const react of reactors) await react(change, batch);
    } catch (error) {
      onError(change, error);
      return { firstFailure: change.sequenceNumber };
    }
  }
  return { firstFailure: undefined };
}

/** The parts of a DynamoDB stream record the batch needs before it is parsed. */
export interface StreamBatchRecord {
  dynamodb?: { SequenceNumber?: string | undefined; Keys?: Record<string, unknown> | undefined } | undefined;
}

export interface StreamBatchResult {
  /** Sequence numbers of the records that failed: not parsable, or a reactor threw. */
  failures: string[];
  /** Records every reactor ran on. */
  processed: number;
  /** Records not parsable (counted in failures when they carry a sequence number). */
  malformed: number;
  /** Later changes of an item whose earlier change failed: left for the redelivery, to keep that item's order. */
  heldBack: number;
  /** A restore's own inserts (restore-marker.ts), which no reactor needs to see. */
  skipped: number;
}

/**
 * A Lambda stream batch: every record is tried, in order, so one poison record (one that cannot
 * be parsed, or that a reactor always throws on) costs the others nothing. Failed records are
 * named for the partial batch response; Lambda resumes from the lowest of them, so the records
 * after it are delivered again (harmless: reactors are idempotent). Later changes of a failed
 * item are held back so each item's changes still apply in order.
 */
export async function processStreamBatch<R extends StreamBatchRecord>(
  records: readonly R[],
  parse: (record: R) => ChangeRecord,
  reactors: readonly Reactor[],
  onError: (record: R, error: unknown) => void,
): Promise<StreamBatchResult> {
  const result: StreamBatchResult = { failures: [], processed: 0, malformed: 0, heldBack: 0, skipped: 0 };
  const failedItems = new Set<string>();
  const parsed = records.map((record) => {
    try {
      return { change: parse(record) };
    } catch (error) {
      return { error };
    }
  });
  const contextAt = batchContexts(parsed.map((entry) => entry.change));
  for (const [position, record] of records.entries()) {
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    const item = JSON.stringify(record.dynamodb?.Keys ?? null);
    if (failedItems.has(item)) {
      result.heldBack++;
      continue;
    }
    const entry = parsed[position]!;
    if (!entry.change) {
      result.malformed++;
      onError(record, entry.error);
      // Without a sequence number the record cannot be named (nor ever read again): logged only.
      if (sequenceNumber) {
        result.failures.push(sequenceNumber);
        if (record.dynamodb?.Keys) failedItems.add(item);
      }
      continue;
    }
    const change = entry.change;
    if (isRestoreInsert(change)) {
      result.skipped++;
      continue;
    }
    try {
      const batch = contextAt(position);
      for (const react of reactors) await react(change, batch);
      result.processed++;
    } catch (error) {
      onError(record, error);
      result.failures.push(change.sequenceNumber);
      failedItems.add(item);
    }
  }
  return result;
}
