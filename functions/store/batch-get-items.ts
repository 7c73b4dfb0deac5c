import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { type CapacityMeter, recordCapacity } from './capacity.ts';
import { keyString } from './key-string.ts';
import type { Store } from './store.ts';

type Key = { pk: string; sk: string };

/**
 * Reads many items by key: 100 keys a request, `parallel` requests at a time, retrying what
 * DynamoDB leaves unprocessed. Answers the items found, by "pk\0sk".
 */
export async function batchGetItems(
  store: Store,
  keys: Key[],
  options: { parallel?: number; capacity?: CapacityMeter; consistent?: boolean } = {},
): Promise<Map<string, Record<string, unknown>>> {
  const unique = [...new Map(keys.map((key) => [keyString(key), key])).values()];
  const found = new Map<string, Record<string, unknown>>();
  const chunks: Key[][] = [];
  for (let i = 0; i < unique.length; i += 100) chunks.push(unique.slice(i, i + 100));
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      let pending: Key[] = chunks[next++]!;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 10) throw new Error('DynamoDB kept reads unprocessed after 10 retries.');
        if (attempt > 0)
          await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 25 * 2 ** attempt)));
        const result = await store.doc.send(
          new BatchGetCommand({
            RequestItems: {
              [store.tableName]: { Keys: pending, ConsistentRead: options.consistent ?? true },
            },
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        recordCapacity(options.capacity, 'read', result.ConsumedCapacity);
        for (const item of result.Responses?.[store.tableName] ?? []) {
          found.set(keyString(item as Key), item);
        }
        pending = (result.UnprocessedKeys?.[store.tableName]?.Keys ?? []) as Key[];
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.parallel ?? 4) }, worker));
  return found;
}
