import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Store } from './store.ts';

/**
 * Every item of one partition whose sort key starts with `prefix`, page after page (for the small
 * item collections of one organisation, user or statement), in sort-key order or newest first.
 */
export async function* queryPrefix(
  store: Store,
  pk: string,
  prefix: string,
  options: { newestFirst?: boolean } = {},
): AsyncGenerator<Record<string, unknown>> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ScanIndexForward: !options.newestFirst,
        ExclusiveStartKey: start,
      }),
    );
    yield* page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}
