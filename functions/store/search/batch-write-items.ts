import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type CapacityMeter, recordCapacity } from '../capacity.ts';
import type { Store } from '../store.ts';

export type WriteRequest =
  | { PutRequest: { Item: Record<string, unknown> } }
  | { DeleteRequest: { Key: Record<string, unknown> } };

/**
 * Puts and deletes in batches of 25, `parallel` batches at a time, retrying what DynamoDB leaves
 * unprocessed. Not atomic: only for derived, idempotent data (search entries, open-data rows,
 * benchmark seeds), where a retry converges to the same result.
 */
export async function batchWriteItems(
  store: Store,
  requests: WriteRequest[],
  options: { parallel?: number; capacity?: CapacityMeter } = {},
): Promise<void> {
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += 25) batches.push(requests.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let pending = batches[next++]!;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 10) throw new Error('DynamoDB kept writes unprocessed after 10 retries.');
        if (attempt > 0)
          await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 25 * 2 ** attempt)));
        const result = await store.doc.send(
          new BatchWriteCommand({
            RequestItems: { [store.tableName]: pending },
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        recordCapacity(options.capacity, 'write', result.ConsumedCapacity);
        pending = (result.UnprocessedItems?.[store.tableName] ?? []) as WriteRequest[];
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.parallel ?? 4) }, worker));
}
