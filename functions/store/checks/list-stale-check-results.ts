import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';

const listingSchema = z.object({
  statementId: z.string(),
  revision: z.number().int(),
  rulesVersion: z.string(),
});

export type StaleCheck = z.infer<typeof listingSchema>;

/**
 * Check results written by another rules version than `current` (gsi2 CHECKS partition, sorted by
 * version): the two ranges below and above the current version's prefix. For `npm run recheck`.
 */
export async function listStaleCheckResults(store: Store, current: string): Promise<StaleCheck[]> {
  const found: StaleCheck[] = [];
  const ranges = [
    { expression: 'gsi2pk = :pk AND gsi2sk < :from', values: { ':from': `${current}#` } },
    { expression: 'gsi2pk = :pk AND gsi2sk > :to', values: { ':to': `${current}#\uffff` } },
  ];
  for (const range of ranges) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await store.doc.send(
        new QueryCommand({
          TableName: store.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: range.expression,
          ExpressionAttributeValues: { ':pk': keys.checkResultListingPartition, ...range.values },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        const parsed = listingSchema.safeParse(item);
        if (parsed.success) found.push(parsed.data);
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return found;
}
