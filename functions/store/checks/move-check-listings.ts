import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import { updateIfStill } from '../update-if-still.ts';
import { parseCheckListingKey } from './list-stale-check-results.ts';

/**
 * Check results stored before the sharded listing sit whole in gsi2's one CHECKS partition
 * (projection ALL). This moves each to its keys-only gsi4 shard and takes it out of gsi2, page
 * by page, until the old partition is empty. Idempotent: an item already moved (or rewritten by a
 * recheck meanwhile) no longer has gsi2pk = CHECKS and is left alone.
 */
export async function moveCheckListings(
  store: Store,
  pageSize = 100,
): Promise<{ moved: number; pages: number }> {
  const result = { moved: 0, pages: 0 };
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.legacyCheckResultListingPartition },
        ProjectionExpression: 'pk, sk, gsi2pk, gsi2sk',
        Limit: pageSize,
        ExclusiveStartKey: start,
      }),
    );
    result.pages += 1;
    for (const item of page.Items ?? []) {
      const listing = typeof item.gsi2sk === 'string' ? parseCheckListingKey(item.gsi2sk) : undefined;
      if (!listing) continue;
      const entry = keys.checkResultListing(listing.rulesVersion, listing.statementId, listing.revision);
      const moved = await updateIfStill(store, {
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: 'SET gsi4pk = :pk4, gsi4sk = :sk4 REMOVE gsi2pk, gsi2sk',
        ConditionExpression: 'gsi2pk = :old',
        ExpressionAttributeValues: {
          ':pk4': entry.gsi4pk,
          ':sk4': entry.gsi4sk,
          ':old': keys.legacyCheckResultListingPartition,
        },
      });
      if (moved) result.moved += 1;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return result;
}
