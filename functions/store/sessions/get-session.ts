import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type SessionRecord, sessionRecordSchema } from '../../../schemas/session.ts';
import { keys, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';

/**
 * The session under this hash: the one read of every signed-in page request. Strongly consistent,
 * so a session ended a moment ago (sign-out, a role change) is never seen again.
 */
export async function getSession(store: Store, sessionHash: string): Promise<SessionRecord | undefined> {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.session(sessionHash), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  return sessionRecordSchema.parse(withoutKeys(Item));
}
