import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type CapacityMeter, recordCapacity } from '../capacity.ts';
import { isTransient, type Slot } from '../claim-unique.ts';
import type { Store } from '../store.ts';

export type WriteRequest =
  | { PutRequest: { Item: Record<string, unknown> } }
  | { DeleteRequest: { Key: Record<string, unknown> } };

/** Waits before retry `attempt` (1, 2, …): 25 ms doubling, at most 2 s. Tests pass their own. */
export type Backoff = (attempt: number) => Promise<void>;
const defaultBackoff: Backoff = (attempt) =>
  new Promise((resolve) => setTimeout(resolve, Math.min(2000, 25 * 2 ** attempt)));

/**
 * Puts and deletes in batches of 25, `parallel` batches at a time (each in a `slot` when given),
 * retrying with backoff what DynamoDB leaves unprocessed, and a batch that failed without an
 * answer. Not atomic: only for items a retry converges on (derived data such as search entries
 * and open-data rows, benchmark seeds, and new items under ids nobody else writes).
 */
export async function batchWriteItems(
  store: Store,
  requests: WriteRequest[],
  options: {
    parallel?: number;
    capacity?: CapacityMeter;
    slot?: Slot;
    backoff?: Backoff;
    /** Sends of a batch that failed without an answer (default 10; 0 where the caller retries). */
    transientRetries?: number;
  } = {},
): Promise<void> {
  const slot: Slot = options.slot ?? ((task) => task());
  const backoff = options.backoff ?? defaultBackoff;
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += 25) batches.push(requests.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let pending = batches[next++]!;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 10) throw new Error('DynamoDB kept writes unprocessed after 10 retries.');
        if (attempt > 0) await backoff(attempt);
        try {
          const result = await slot(() =>
            store.doc.send(
              new BatchWriteCommand({
                RequestItems: { [store.tableName]: pending },
                ReturnConsumedCapacity: 'TOTAL',
              }),
            ),
          );
          recordCapacity(options.capacity, 'write', result.ConsumedCapacity);
          pending = (result.UnprocessedItems?.[store.tableName] ?? []) as WriteRequest[];
        } catch (error) {
          // Puts and deletes of whole items: sending the same batch again writes the same result.
          if (!isTransient(error) || attempt >= (options.transientRetries ?? 10)) throw error;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.parallel ?? 4) }, worker));
}
