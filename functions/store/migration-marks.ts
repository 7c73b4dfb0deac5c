import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys.ts';
import type { Store } from './store.ts';

/** Whether the one-off migration `name` has run to the end (so a daily job need not run it again). */
export async function getMigrationMark(store: Store, name: string): Promise<boolean> {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.migrationMark(name) }),
  );
  return Item !== undefined;
}

export async function putMigrationMark(store: Store, name: string, at: string): Promise<void> {
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: { ...keys.migrationMark(name), entity: 'migrationMark', doneAt: at },
    }),
  );
}
