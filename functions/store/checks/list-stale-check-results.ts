import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { CHECK_LISTING_SHARDS, keys } from '../keys.ts';
import type { Store } from '../store.ts';

const listingSchema = z.object({
  statementId: z.string(),
  revision: z.number().int(),
  rulesVersion: z.string(),
});

export type StaleCheck = z.infer<typeof listingSchema>;

/** A listing entry's sort key, `<rulesVersion>#<statementId>#<000n>`, is all a listing needs (keys only). */
export function parseCheckListingKey(sortKey: string): StaleCheck | undefined {
  const match = /^(.+)#([0-9A-Z]+)#(\d+)$/.exec(sortKey);
  if (!match) return undefined;
  return { rulesVersion: match[1]!, statementId: match[2]!, revision: Number(match[3]) };
}

async function listRange(
  store: Store,
  index: { name: 'gsi2' | 'gsi4'; pk: string; sk: string },
  partition: string,
  current: string,
): Promise<StaleCheck[]> {
  const found: StaleCheck[] = [];
  const ranges = [
    { expression: `${index.pk} = :pk AND ${index.sk} < :from`, values: { ':from': `${current}#` } },
    { expression: `${index.pk} = :pk AND ${index.sk} > :to`, values: { ':to': `${current}#\uffff` } },
  ];
  for (const range of ranges) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await store.doc.send(
        new QueryCommand({
          TableName: store.tableName,
          IndexName: index.name,
          KeyConditionExpression: range.expression,
          ExpressionAttributeValues: { ':pk': partition, ...range.values },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        const parsed = typeof item[index.sk] === 'string' ? parseCheckListingKey(item[index.sk]) : undefined;
        if (parsed) found.push(parsed);
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return found;
}

/**
 * Check results written by another rules version than `current`: in each of the sharded,
 * keys-only listing partitions (gsi4, read in parallel), sorted by version, the two ranges below
 * and above the current version's prefix; and in the old unsharded gsi2 listing, for results not
 * yet moved by the daily job (move-check-listings). For `npm run recheck`.
 */
export async function listStaleCheckResults(store: Store, current: string): Promise<StaleCheck[]> {
  const shards = Array.from({ length: CHECK_LISTING_SHARDS }, (_, shard) =>
    listRange(
      store,
      { name: 'gsi4', pk: 'gsi4pk', sk: 'gsi4sk' },
      keys.checkResultListingShard(shard),
      current,
    ),
  );
  const legacy = listRange(
    store,
    { name: 'gsi2', pk: 'gsi2pk', sk: 'gsi2sk' },
    keys.legacyCheckResultListingPartition,
    current,
  );
  const seen = new Set<string>();
  return (await Promise.all([...shards, legacy])).flat().filter((check) => {
    const key = `${check.statementId}#${check.revision}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
