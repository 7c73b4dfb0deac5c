import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type Organisation, organisationSchema } from '../../../schemas/organisation.ts';
import { keys, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';

export async function getOrganisation(store: Store, id: string): Promise<Organisation | undefined> {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.organisation(id) }),
  );
  return Item ? organisationSchema.parse(withoutKeys(Item)) : undefined;
}
