import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import { updateIfStill } from '../update-if-still.ts';

/**
 * Moves the idle deadline on (lastSeenAt and the TTL). Only an existing session is touched: a
 * session ended meanwhile stays ended (the write is refused, and that is not an error).
 */
export async function touchSession(
  store: Store,
  input: { sessionHash: string; lastSeenAt: string; expiresAt: number },
): Promise<void> {
  await updateIfStill(store, {
    Key: keys.session(input.sessionHash),
    UpdateExpression: 'SET lastSeenAt = :seen, expiresAt = :expires',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':seen': input.lastSeenAt, ':expires': input.expiresAt },
  });
}
