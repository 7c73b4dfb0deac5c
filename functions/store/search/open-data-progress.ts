import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';

/**
 * How far the open-data lines have been rendered in the current format: the version every listed
 * statement's lines are known to be in, and — while a re-render is under way — the version being
 * rendered and where it got to in the list of all statements.
 */
export const openDataProgressSchema = z.object({
  version: z.number().int(),
  rendering: z
    .object({ version: z.number().int(), after: z.record(z.string(), z.string()).nullable() })
    .nullable(),
});
export type OpenDataProgress = z.infer<typeof openDataProgressSchema>;

export async function getOpenDataProgress(store: Store): Promise<OpenDataProgress> {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.openDataProgress(), ConsistentRead: true }),
  );
  return Item ? openDataProgressSchema.parse(Item) : { version: 0, rendering: null };
}

export async function putOpenDataProgress(store: Store, progress: OpenDataProgress): Promise<void> {
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: { ...keys.openDataProgress(), entity: 'openDataProgress', ...progress },
    }),
  );
}

/** One page of the ids of every listed statement (the `all` facet), for jobs; never on a request path. */
export async function listIndexedStatementIds(
  store: Store,
  after: Record<string, string> | null,
  limit = 200,
): Promise<{ ids: string[]; next: Record<string, string> | null }> {
  const page = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.searchPartition({ kind: 'all' }) },
      ProjectionExpression: 'pk, sk, id',
      ExclusiveStartKey: after ?? undefined,
      Limit: limit,
    }),
  );
  const ids = (page.Items ?? []).flatMap((item) => (typeof item.id === 'string' ? [item.id] : []));
  const next = page.LastEvaluatedKey
    ? { pk: String(page.LastEvaluatedKey.pk), sk: String(page.LastEvaluatedKey.sk) }
    : null;
  return { ids, next };
}
