import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { ensureTable } from '../../functions/store/ensure-table.ts';
import { createStore, type Store } from '../../functions/store/store.ts';
import { dynamoEndpoint } from './dynamo.ts';

export const testRegion = 'eu-west-2';

/** A fresh table on the run's DynamoDB Local, made before this file's tests and dropped after. */
export function useTestTable(): { readonly store: Store; readonly endpoint: string } {
  const endpoint = dynamoEndpoint();
  const tableName = `test-${randomUUID()}`;
  const holder = { store: createStore({ tableName, region: testRegion, endpoint }), endpoint };
  beforeAll(async () => {
    await ensureTable(holder.store.client, tableName);
  });
  afterAll(async () => {
    await holder.store.client.send(new DeleteTableCommand({ TableName: tableName }));
    holder.store.client.destroy();
  });
  return holder;
}
