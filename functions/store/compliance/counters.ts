import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Contribution, Counts } from '../../domain/compliance/counters.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import { isConditionFailure } from '../transaction-errors.ts';

/** How long a change is remembered as counted: longer than a stream keeps a record (24 hours). */
const MARKER_SECONDS = 3 * 24 * 3600;

export interface ChangeIdentity {
  sequenceNumber: string;
  pk: string;
  sk: string;
}

const isConflict = (error: unknown) =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict');

/**
 * Adds a change's counter deltas exactly once: the counters and a marker for the change (its
 * stream sequence number) are written in one transaction that fails when the marker exists, so
 * a change delivered twice is counted once. Answers whether it counted it now.
 */
export async function applyCounterDeltas(
  store: Store,
  change: ChangeIdentity,
  deltas: Contribution,
  now: Date,
): Promise<boolean> {
  const groups = Object.entries(deltas).filter(([, counts]) => Object.keys(counts).length > 0);
  if (groups.length === 0) return false;
  const updates = groups.map(([group, counts]) => {
    const entries = Object.entries(counts);
    return {
      Update: {
        TableName: store.tableName,
        Key: keys.complianceCounter(group),
        UpdateExpression: `ADD ${entries.map((_, i) => `#n${i} :v${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#n${i}`, name])),
        ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], i) => [`:v${i}`, value])),
      },
    };
  });
  const marker = {
    Put: {
      TableName: store.tableName,
      Item: {
        ...keys.countedChange(change.sequenceNumber, change.pk, change.sk),
        entity: 'countedChange',
        expiresAt: Math.floor(now.getTime() / 1000) + MARKER_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
  for (let attempt = 0; ; attempt++) {
    try {
      await store.doc.send(new TransactWriteCommand({ TransactItems: [marker, ...updates] }));
      return true;
    } catch (error) {
      if (isConflict(error) && attempt < 8) {
        await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * Math.random()));
        continue;
      }
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

/** Every counter group (one Query of the COMPLIANCE partition). */
export async function readCounters(store: Store): Promise<Record<string, Counts>> {
  const groups: Record<string, Counts> = {};
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.compliancePartition },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const counts: Counts = {};
      for (const [name, value] of Object.entries(item)) {
        if (typeof value === 'number' && name !== 'expiresAt') counts[name] = value;
      }
      groups[String(item.sk)] = counts;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return groups;
}
