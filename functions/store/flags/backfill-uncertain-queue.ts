import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { FLAG_STATUSES, FLAG_TYPES } from '../../../schemas/flag.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import { updateIfStill } from '../update-if-still.ts';
import { flagFromItem } from './flag-items.ts';

export interface UncertainQueueBackfill {
  /** Flags that had no `order=uncertain` entry and were given one. */
  added: number;
  /** Query pages read. */
  pages: number;
}

/**
 * Flags stored before the `order=uncertain` queue (gsi1) existed lack its entry, so that order
 * skipped them. Every flag is in exactly one date-queue partition (gsi2, FLAGQ#<status>#<type>), so
 * reading those partitions page by page finds them all without a Scan. Idempotent: the write is
 * conditional on the entry still missing and the flag's status and type unchanged (a flag moved
 * meanwhile got its entry from update-flag). Keyed on gsi1sk: update-flag sets gsi1pk on a status
 * change but keeps the sort key, so an old flag moved since has gsi1pk and still no entry.
 */
export async function backfillUncertainQueue(store: Store, pageSize = 100): Promise<UncertainQueueBackfill> {
  const result: UncertainQueueBackfill = { added: 0, pages: 0 };
  for (const status of FLAG_STATUSES) {
    for (const type of FLAG_TYPES) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await store.doc.send(
          new QueryCommand({
            TableName: store.tableName,
            IndexName: 'gsi2',
            KeyConditionExpression: 'gsi2pk = :pk',
            FilterExpression: 'attribute_not_exists(gsi1sk)',
            ExpressionAttributeValues: { ':pk': keys.flagQueuePartition(status, type) },
            Limit: pageSize,
            ExclusiveStartKey: start,
          }),
        );
        result.pages += 1;
        for (const item of page.Items ?? []) {
          const flag = flagFromItem(item);
          const entry = keys.flagUncertainQueue(
            flag.status,
            flag.type,
            flag.confidence ?? 1,
            flag.createdAt,
            flag.id,
          );
          const added = await updateIfStill(store, {
            Key: keys.flag(flag.id),
            UpdateExpression: 'SET gsi1pk = :gsi1pk, gsi1sk = :gsi1sk',
            ConditionExpression: 'attribute_not_exists(gsi1sk) AND #status = :status AND #type = :type',
            ExpressionAttributeNames: { '#status': 'status', '#type': 'type' },
            ExpressionAttributeValues: {
              ':gsi1pk': entry.gsi1pk,
              ':gsi1sk': entry.gsi1sk,
              ':status': flag.status,
              ':type': flag.type,
            },
          });
          if (added) result.added += 1;
        }
        start = page.LastEvaluatedKey;
      } while (start);
    }
  }
  return result;
}
