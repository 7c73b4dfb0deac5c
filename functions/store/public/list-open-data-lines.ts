import { inflateRawSync } from 'node:zlib';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { type CapacityMeter, recordCapacity } from '../capacity.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';

const lineItemSchema = z.object({ v: z.number().int(), z: z.instanceof(Uint8Array) });

/**
 * Lines a Query page holds: small pages keep what one page costs in memory (the response text,
 * its parsed items, the inflated lines) to a few hundred KB, whatever the year's size; a 1 MB
 * page (DynamoDB's own limit) left several MB of garbage per page for the collector.
 */
export const OPEN_DATA_PAGE_LINES = 250;

/**
 * The stored open-data lines of a reporting year in one format (CSV records or JSON lines), in
 * organisation-name order, one Query page at a time and only when the caller asks for the next
 * (a generator: the stream pulls it), so a year is never held in memory whole. Yields each page's
 * lines as bytes, ready to send.
 */
export async function* listOpenDataLines(
  store: Store,
  year: number,
  format: 'csv' | 'jsonl',
  options: { capacity?: CapacityMeter; onLine?: (version: number) => void; pageLines?: number } = {},
): AsyncGenerator<Uint8Array> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.openDataPartition(year, format) },
        ExclusiveStartKey: start,
        Limit: options.pageLines ?? OPEN_DATA_PAGE_LINES,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    recordCapacity(options.capacity, 'read', page.ConsumedCapacity);
    const lines: Uint8Array[] = [];
    for (const item of page.Items ?? []) {
      const line = lineItemSchema.parse(item);
      options.onLine?.(line.v);
      lines.push(inflateRawSync(line.z));
    }
    if (lines.length > 0) yield Buffer.concat(lines);
    start = page.LastEvaluatedKey;
  } while (start);
}
