import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type StatementHeader, statementHeaderSchema } from '../../../schemas/statement.ts';
import { keys, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';

/**
 * The statement's header item: the public summary fields (statementSummarySchema) plus the
 * submission side's own (etag, draft state, entityType). Drafts included: check `status`.
 */
export async function getStatement(
  store: Store,
  id: string,
  options: { consistent?: boolean } = {},
): Promise<StatementHeader | undefined> {
  const { Item } = await store.doc.send(
    new GetCommand({
      TableName: store.tableName,
      Key: keys.statement(id),
      ConsistentRead: options.consistent,
    }),
  );
  return Item ? statementHeaderSchema.parse(withoutKeys(Item)) : undefined;
}
