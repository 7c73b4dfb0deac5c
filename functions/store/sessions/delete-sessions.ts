import { keys } from '../keys.ts';
import { batchWriteItems } from '../search/batch-write-items.ts';
import type { Store } from '../store.ts';

/** Ends sessions of one user: each session item and its index entry (deleting is idempotent). */
export async function deleteSessions(store: Store, userId: string, sessionHashes: string[]): Promise<void> {
  if (sessionHashes.length === 0) return;
  await batchWriteItems(
    store,
    sessionHashes.flatMap((hash) => [
      { DeleteRequest: { Key: keys.session(hash) } },
      { DeleteRequest: { Key: keys.userSession(userId, hash) } },
    ]),
    { parallel: 1 },
  );
}
