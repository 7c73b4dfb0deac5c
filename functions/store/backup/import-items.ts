import { type AttributeValue, BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import type { Store } from '../store.ts';
import { itemFromJson } from './attribute-json.ts';
import { RESTORED_ATTRIBUTE } from './restore-marker.ts';

const exportedItemSchema = z.record(z.string(), z.record(z.string(), z.unknown()));

/**
 * Writes exported JSON lines back into a table (normally an empty one), 25 items a batch,
 * retrying what DynamoDB leaves unprocessed, each item marked with the import's run id
 * (restore-marker.ts: the stream worker does not apply them again). Answers how many items were
 * written.
 */
export async function importItems(
  store: Store,
  lines: AsyncIterable<string> | Iterable<string>,
  runId: string = new Date().toISOString(),
): Promise<number> {
  let batch: Record<string, AttributeValue>[] = [];
  let count = 0;
  const flush = async () => {
    let requests = batch.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 50 * 2 ** attempt)));
      if (attempt > 10) throw new Error('Import: DynamoDB kept items unprocessed after 10 retries.');
      const result = await store.client.send(
        new BatchWriteItemCommand({ RequestItems: { [store.tableName]: requests } }),
      );
      requests = (result.UnprocessedItems?.[store.tableName] ?? []).flatMap((request) =>
        request.PutRequest?.Item ? [{ PutRequest: { Item: request.PutRequest.Item } }] : [],
      );
    }
    count += batch.length;
    batch = [];
  };
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    const parsed = exportedItemSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`Import: line ${lineNumber} is not an exported item.`);
    batch.push({ ...itemFromJson(parsed.data), [RESTORED_ATTRIBUTE]: { S: runId } });
    if (batch.length === 25) await flush();
  }
  if (batch.length > 0) await flush();
  return count;
}
