import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import { isConditionFailure } from '../transaction-errors.ts';

/**
 * Fixed-window counters (e.g. searches per address per minute, enrolment guesses per user per 15
 * minutes). Each hit is ONE conditional UpdateItem that adds 1 only while the count is under the
 * limit, so concurrent hits on any number of Lambda instances never pass the limit (there is no
 * read-then-write). The item expires with its window (TTL), so the table does not keep them.
 */
export interface AttemptWindow {
  scope: string;
  who: string;
  /** Start of the window, ISO timestamp. */
  windowStart: string;
  /** When the window ends, epoch seconds. */
  windowEnd: number;
}

export function attemptWindow(scope: string, who: string, now: Date, windowSeconds: number): AttemptWindow {
  const startSeconds = Math.floor(now.getTime() / 1000 / windowSeconds) * windowSeconds;
  return {
    scope,
    who,
    windowStart: new Date(startSeconds * 1000).toISOString(),
    windowEnd: startSeconds + windowSeconds,
  };
}

/** Takes one of the window's `limit` slots; false (nothing written) when they are all taken. */
export async function takeAttempt(store: Store, window: AttemptWindow, limit: number): Promise<boolean> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.throttle(window.scope, window.who, window.windowStart),
        UpdateExpression: 'ADD #count :one SET expiresAt = :expires, entity = :entity',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':limit': limit,
          ':expires': window.windowEnd + 60,
          ':entity': 'throttle',
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Gives a slot back (an attempt that should not count, e.g. a right enrolment code). */
export async function returnAttempt(store: Store, window: AttemptWindow): Promise<void> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.throttle(window.scope, window.who, window.windowStart),
        UpdateExpression: 'ADD #count :minusOne',
        ConditionExpression: '#count > :zero',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
