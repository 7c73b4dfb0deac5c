import type { SessionRecord } from '../../../schemas/session.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import { transactWrite } from '../transact.ts';

/** The session and its entry in the user's index, in one transaction; both expire (TTL) with it. */
export async function putSession(
  store: Store,
  input: { sessionHash: string; record: SessionRecord; expiresAt: number },
): Promise<void> {
  const { sessionHash, record, expiresAt } = input;
  await transactWrite(store, [
    {
      Put: {
        TableName: store.tableName,
        Item: { ...keys.session(sessionHash), entity: 'session', ...record, expiresAt },
        // 32 random bytes do not collide; the condition makes sure an existing session is never replaced.
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: store.tableName,
        Item: {
          ...keys.userSession(record.userId, sessionHash),
          entity: 'user_session',
          sessionHash,
          isOfficer: record.isOfficer,
          createdAt: record.createdAt,
          expiresAt: Math.floor(Date.parse(record.absoluteExpiresAt) / 1000),
        },
      },
    },
  ]);
}
