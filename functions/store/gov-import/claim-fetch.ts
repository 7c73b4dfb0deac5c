import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';

export interface FetchPolicy {
  /** Fetches of one host in one minute, at most. */
  perHostPerMinute: number;
  /** Fetches of imported statements in one UTC day, at most. */
  dailyBudget: number;
}

/**
 * Takes one fetch from the host's minute and from the day's budget, both or neither (one
 * transaction, each counter conditional on staying within its limit; the counters expire).
 * Answers which limit said no, if one did.
 */
export async function claimFetch(
  store: Store,
  host: string,
  now: Date,
  policy: FetchPolicy,
): Promise<'ok' | 'host_rate' | 'daily_budget'> {
  const minute = now.toISOString().slice(0, 16);
  const day = now.toISOString().slice(0, 10);
  const expiresAt = Math.floor(now.getTime() / 1000) + 2 * 86_400;
  const counter = (key: { pk: string; sk: string }, limit: number) => ({
    Update: {
      TableName: store.tableName,
      Key: key,
      UpdateExpression: 'SET #entity = :entity, #expiresAt = :expiresAt ADD #n :one',
      ConditionExpression: 'attribute_not_exists(#n) OR #n < :limit',
      ExpressionAttributeNames: { '#n': 'fetches', '#entity': 'entity', '#expiresAt': 'expiresAt' },
      ExpressionAttributeValues: {
        ':one': 1,
        ':limit': limit,
        ':entity': 'fetchCounter',
        ':expiresAt': expiresAt,
      },
    },
  });
  try {
    await store.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          counter(keys.fetchRate(host, minute), policy.perHostPerMinute),
          counter(keys.fetchBudget(day), policy.dailyBudget),
        ],
      }),
    );
    return 'ok';
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const reasons = error.CancellationReasons ?? [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'host_rate';
      if (reasons[1]?.Code === 'ConditionalCheckFailed') return 'daily_budget';
    }
    throw error;
  }
}
