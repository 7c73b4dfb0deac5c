import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type Revision, revisionSchema } from '../../../schemas/statement.ts';
import { keys, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';

/** One submitted revision (1, 2, …) of a statement, with its whole document. */
export async function getRevision(store: Store, id: string, revision: number): Promise<Revision | undefined> {
  if (!Number.isInteger(revision) || revision < 1) return undefined;
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.revision(id, revision) }),
  );
  return Item ? revisionFromItem(Item) : undefined;
}

/** A revision item (as read, or as a stream image) as the contract's shape. */
export const revisionFromItem = (item: Record<string, unknown>): Revision =>
  revisionSchema.parse(withoutKeys(item));
