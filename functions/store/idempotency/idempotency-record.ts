import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { keys, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';
import type { TransactItem } from '../transact.ts';

/** The first answer to a request made with an Idempotency-Key, kept for a day (TTL). */
export const idempotencyRecordSchema = z.object({
  scope: z.string(),
  key: z.string(),
  requestHash: z.string(),
  status: z.number().int(),
  body: z.string(),
  createdAt: z.string(),
  expiresAt: z.number().int(),
});

export type IdempotencyRecord = z.infer<typeof idempotencyRecordSchema>;

export async function getIdempotencyRecord(
  store: Store,
  scope: string,
  key: string,
  nowSeconds: number,
): Promise<IdempotencyRecord | undefined> {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.idempotency(scope, key), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const record = idempotencyRecordSchema.parse(withoutKeys(Item));
  // TTL deletes lazily: an expired record no longer counts.
  return record.expiresAt > nowSeconds ? record : undefined;
}

/** The Put that stores the answer, in the same transaction as the change it answers for. */
export function idempotencyPut(store: Store, record: IdempotencyRecord): TransactItem {
  return {
    Put: {
      TableName: store.tableName,
      Item: { ...keys.idempotency(record.scope, record.key), entity: 'idempotency', ...record },
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
      ExpressionAttributeValues: { ':now': Math.floor(Date.parse(record.createdAt) / 1000) },
    },
  };
}
