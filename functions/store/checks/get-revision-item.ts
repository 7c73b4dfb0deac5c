import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';

/**
 * A revision item as stored (keys.revision), unparsed: the checker reads it with its own lenient
 * schema, so a field it does not use never stops a check.
 */
export async function getRevisionItem(
  store: Store,
  statementId: string,
  revision: number,
): Promise<Record<string, unknown> | undefined> {
  const { Item } = await store.doc.send(
    new GetCommand({
      TableName: store.tableName,
      Key: keys.revision(statementId, revision),
      ConsistentRead: true,
    }),
  );
  return Item ? withoutKeys(Item) : undefined;
}
