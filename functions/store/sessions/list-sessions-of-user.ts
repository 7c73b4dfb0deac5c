import { type UserSessionEntry, userSessionEntrySchema } from '../../../schemas/session.ts';
import { keys, withoutKeys } from '../keys.ts';
import { queryPrefix } from '../query-prefix.ts';
import type { Store } from '../store.ts';

/** A user's sessions (a handful), strongly consistent so a session made a moment ago is listed. */
export async function listSessionsOfUser(store: Store, userId: string): Promise<UserSessionEntry[]> {
  const entries: UserSessionEntry[] = [];
  for await (const item of queryPrefix(store, keys.userPartition(userId), keys.userSessionPrefix, {
    consistent: true,
  })) {
    entries.push(userSessionEntrySchema.parse(withoutKeys(item)));
  }
  return entries;
}
