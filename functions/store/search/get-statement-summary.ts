import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type StatementSummary, statementSummarySchema } from '../../../schemas/statement-summary.ts';
import { type CapacityMeter, recordCapacity } from '../capacity.ts';
import { keys, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';

/**
 * The statement header's public summary fields, read strongly consistent: the search index is
 * built from what the header says now, not from the (possibly re-delivered or older) stream image.
 */
export async function getStatementSummary(
  store: Store,
  statementId: string,
  capacity?: CapacityMeter,
): Promise<StatementSummary | undefined> {
  const { Item, ConsumedCapacity } = await store.doc.send(
    new GetCommand({
      TableName: store.tableName,
      Key: keys.statement(statementId),
      ConsistentRead: true,
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  recordCapacity(capacity, 'read', ConsumedCapacity);
  return Item ? statementSummarySchema.parse(withoutKeys(Item)) : undefined;
}
