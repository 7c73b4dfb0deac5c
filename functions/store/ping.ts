import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys.ts';
import type { Store } from './store.ts';

/** Proves the table answers: a strongly consistent read of a key that need not exist. */
export async function ping(store: Store): Promise<void> {
  await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.health(), ConsistentRead: true }),
  );
}
