import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type Membership, membershipSchema } from '../../../schemas/membership.ts';
import { keys, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';

/** Whether (and how) a user may act for an organisation. */
export async function getMembership(
  store: Store,
  userId: string,
  organisationId: string,
): Promise<Membership | undefined> {
  const key = keys.membership(userId, organisationId);
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: { pk: key.pk, sk: key.sk }, ConsistentRead: true }),
  );
  return Item ? membershipSchema.parse(withoutKeys(Item)) : undefined;
}
