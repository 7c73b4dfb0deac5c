import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import { isConditionFailure } from '../transaction-errors.ts';

/**
 * Moves the idle deadline on (lastSeenAt and the TTL). Only an existing session is touched: a
 * session ended meanwhile stays ended (the write is refused, and that is not an error).
 */
export async function touchSession(
  store: Store,
  input: { sessionHash: string; lastSeenAt: string; expiresAt: number },
): Promise<void> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.session(input.sessionHash),
        UpdateExpression: 'SET lastSeenAt = :seen, expiresAt = :expires',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':seen': input.lastSeenAt, ':expires': input.expiresAt },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
