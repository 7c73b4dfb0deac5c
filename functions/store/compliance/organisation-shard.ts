import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { SweptOrganisation } from '../../domain/compliance/sweep-decisions.ts';
import { type CapacityMeter, recordCapacity } from '../capacity.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';

const sweptSchema = z.object({
  id: z.string(),
  name: z.string(),
  financialYearEnd: z.string(),
  createdAt: z.string(),
  inScope: z.boolean().default(true),
});

/**
 * Every organisation of one listing shard (gsi1 ORGS#<shard>), page by page: the sweep reads the
 * shards in parallel. Only what the sweep needs is read from each item.
 */
export async function* organisationsOfShard(
  store: Store,
  shard: number,
  meter?: CapacityMeter,
): AsyncGenerator<SweptOrganisation[]> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await organisationsPage(store, shard, start, undefined, meter);
    yield page.organisations;
    start = page.lastKey;
  } while (start);
}

/** One page of a listing shard from `startKey`, and the key to go on from (undefined at the end). */
export async function organisationsPage(
  store: Store,
  shard: number,
  startKey: Record<string, unknown> | undefined,
  limit: number | undefined,
  meter?: CapacityMeter,
): Promise<{ organisations: SweptOrganisation[]; lastKey: Record<string, unknown> | undefined }> {
  const page = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.organisationShard(shard) },
      ProjectionExpression: 'id, #name, financialYearEnd, createdAt, inScope',
      ExpressionAttributeNames: { '#name': 'name' },
      ExclusiveStartKey: startKey,
      Limit: limit,
      ReturnConsumedCapacity: meter ? 'TOTAL' : undefined,
    }),
  );
  recordCapacity(meter, 'read', page.ConsumedCapacity);
  const organisations: SweptOrganisation[] = [];
  for (const item of page.Items ?? []) {
    const parsed = sweptSchema.safeParse(item);
    if (parsed.success) organisations.push(parsed.data);
  }
  return { organisations, lastKey: page.LastEvaluatedKey };
}
