import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { Store } from '../store.ts';
import { itemToJson } from './attribute-json.ts';

/**
 * Every item of the table as JSON lines of DynamoDB-typed attributes (lossless: numbers, sets
 * and binaries keep their types). An operator's export, never a request path: it scans, in
 * parallel segments, and writes each page as it arrives.
 */
export async function exportItems(
  store: Store,
  write: (line: string) => Promise<void> | void,
  segments = 4,
): Promise<number> {
  let count = 0;
  await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await store.client.send(
          new ScanCommand({
            TableName: store.tableName,
            Segment: segment,
            TotalSegments: segments,
            ConsistentRead: true,
            ...(start ? { ExclusiveStartKey: start as never } : {}),
          }),
        );
        for (const item of page.Items ?? []) {
          await write(`${JSON.stringify(itemToJson(item))}\n`);
          count++;
        }
        start = page.LastEvaluatedKey;
      } while (start);
    }),
  );
  return count;
}
