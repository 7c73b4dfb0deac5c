import { type Membership, membershipSchema } from '../../../schemas/membership.ts';
import { keys, withoutKeys } from '../keys.ts';
import { queryPrefix } from '../query-prefix.ts';
import type { Store } from '../store.ts';

/** The organisations a user may act for (a person acts for a handful: no paging). */
export async function listMembershipsOfUser(store: Store, userId: string): Promise<Membership[]> {
  const memberships: Membership[] = [];
  for await (const item of queryPrefix(store, keys.userPartition(userId), keys.membershipPrefix))
    memberships.push(membershipSchema.parse(withoutKeys(item)));
  return memberships;
}
