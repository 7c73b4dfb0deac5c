import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Flag } from '../../../schemas/flag.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import { flagFromItem } from './flag-items.ts';

export async function getFlag(
  store: Store,
  id: string,
  options: { consistent?: boolean } = {},
): Promise<Flag | undefined> {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.flag(id), ConsistentRead: options.consistent }),
  );
  return Item ? flagFromItem(Item) : undefined;
}
