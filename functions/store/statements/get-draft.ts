import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type Draft, draftSchema } from '../../../schemas/statement.ts';
import { keys, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';

/** The pending draft of a statement, if any (only enrolled users see it). */
export async function getDraft(store: Store, id: string): Promise<Draft | undefined> {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.statementDraft(id), ConsistentRead: true }),
  );
  return Item ? draftSchema.parse(withoutKeys(Item)) : undefined;
}
