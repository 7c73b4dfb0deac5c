import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Membership, membershipSchema } from '../../../schemas/membership.ts';
import { keys, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';

/** The organisations a user may act for (a person acts for a handful: no paging). */
export async function listMembershipsOfUser(store: Store, userId: string): Promise<Membership[]> {
  const memberships: Membership[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.userPartition(userId), ':prefix': keys.membershipPrefix },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) memberships.push(membershipSchema.parse(withoutKeys(item)));
    start = page.LastEvaluatedKey;
  } while (start);
  return memberships;
}
