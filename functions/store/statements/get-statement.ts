import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type StatementHeader, statementHeaderSchema } from '../../../schemas/statement.ts';
import { type CapacityMeter, recordCapacity } from '../capacity.ts';
import { keys, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';

/**
 * The statement's header item: the public summary fields (statementSummarySchema) plus the
 * submission side's own (etag, draft state, entityType). Drafts included: check `status`.
 */
export async function getStatement(
  store: Store,
  id: string,
  options: { consistent?: boolean; capacity?: CapacityMeter | undefined } = {},
): Promise<StatementHeader | undefined> {
  const { Item, ConsumedCapacity } = await store.doc.send(
    new GetCommand({
      TableName: store.tableName,
      Key: keys.statement(id),
      ConsistentRead: options.consistent,
      ...(options.capacity ? { ReturnConsumedCapacity: 'TOTAL' } : {}),
    }),
  );
  recordCapacity(options.capacity, 'read', ConsumedCapacity);
  return Item ? statementHeaderSchema.parse(withoutKeys(Item)) : undefined;
}
