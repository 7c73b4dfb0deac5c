import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type StoredReview, storedReviewSchema } from '../../../schemas/review.ts';
import { type CapacityMeter, recordCapacity } from '../capacity.ts';
import { keys, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';

/** The reviews of one revision's findings (at most one per rule): one query on the statement's partition. */
export async function listReviews(
  store: Store,
  statementId: string,
  revision: number,
  options: { consistent?: boolean; capacity?: CapacityMeter | undefined } = {},
): Promise<StoredReview[]> {
  const reviews: StoredReview[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.statementPartition(statementId),
          ':prefix': keys.findingReviewPrefix(revision),
        },
        ConsistentRead: options.consistent,
        ExclusiveStartKey: start,
        ...(options.capacity ? { ReturnConsumedCapacity: 'TOTAL' } : {}),
      }),
    );
    recordCapacity(options.capacity, 'read', page.ConsumedCapacity);
    for (const item of page.Items ?? []) reviews.push(storedReviewSchema.parse(withoutKeys(item)));
    start = page.LastEvaluatedKey;
  } while (start);
  return reviews;
}
