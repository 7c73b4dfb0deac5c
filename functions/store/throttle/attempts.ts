import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';

/**
 * Counters of failed attempts per fixed window (e.g. wrong enrolment codes per user per 15
 * minutes). They expire with the window (TTL), so the table does not keep them.
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

export async function countAttempts(store: Store, window: AttemptWindow): Promise<number> {
  const { Item } = await store.doc.send(
    new GetCommand({
      TableName: store.tableName,
      Key: keys.throttle(window.scope, window.who, window.windowStart),
      ConsistentRead: true,
    }),
  );
  return typeof Item?.count === 'number' ? Item.count : 0;
}

/** Adds one failure; answers the count so far in this window. */
export async function recordAttempt(store: Store, window: AttemptWindow): Promise<number> {
  const { Attributes } = await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: keys.throttle(window.scope, window.who, window.windowStart),
      UpdateExpression: 'ADD #count :one SET expiresAt = :expires, entity = :entity',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: { ':one': 1, ':expires': window.windowEnd + 60, ':entity': 'throttle' },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return typeof Attributes?.count === 'number' ? Attributes.count : 1;
}
