import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type CapacityMeter, recordCapacity } from './capacity.ts';
import type { Store } from './store.ts';

/**
 * Every item of one partition whose sort key starts with `prefix`, page after page (for the small
 * item collections of one organisation, user, statement or import job), in sort-key order or
 * newest first; strongly consistent and with only the projected attributes when asked.
 */
export async function* queryPrefix(
  store: Store,
  pk: string,
  prefix: string,
  options: {
    newestFirst?: boolean;
    consistent?: boolean;
    projection?: string;
    capacity?: CapacityMeter | undefined;
  } = {},
): AsyncGenerator<Record<string, unknown>> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ScanIndexForward: !options.newestFirst,
        ...(options.consistent ? { ConsistentRead: true } : {}),
        ...(options.projection ? { ProjectionExpression: options.projection } : {}),
        ...(options.capacity ? { ReturnConsumedCapacity: 'TOTAL' as const } : {}),
        ExclusiveStartKey: start,
      }),
    );
    recordCapacity(options.capacity, 'read', page.ConsumedCapacity);
    yield* page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}
