import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboxMessage } from '../../../schemas/compliance.ts';
import type { Flag } from '../../../schemas/flag.ts';
import { type CapacityMeter, recordCapacity } from '../capacity.ts';
import { outboxItem } from '../compliance/outbox-items.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import { isConditionFailure } from '../transaction-errors.ts';
import { flagItem } from './flag-items.ts';

export interface SweepMarkInput {
  organisationId: string;
  kind: string;
  year: number;
}

export interface Raising {
  /** The flag to raise; nothing is written when a flag with its id exists already. */
  flag?: Flag | undefined;
  /** What the sweep records in the organisation's partition so the next run knows (sweep marks). */
  marks?: readonly SweepMarkInput[];
  /** Notices to queue in the outbox with it. */
  notices?: readonly OutboxMessage[];
}

function raisingItems(store: Store, raising: Raising) {
  return [
    ...(raising.flag
      ? [
          {
            Put: {
              TableName: store.tableName,
              Item: flagItem(raising.flag),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ]
      : []),
    ...(raising.notices ?? []).map((notice) => ({
      Put: {
        TableName: store.tableName,
        Item: outboxItem(notice),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    })),
    ...(raising.marks ?? []).map((mark) => ({
      Put: {
        TableName: store.tableName,
        Item: { ...keys.sweepMark(mark.organisationId, mark.kind, mark.year), entity: 'sweepMark', ...mark },
      },
    })),
  ];
}

/**
 * Raises a flag with its sweep marks and outbox notices in one transaction: all of it, or (when
 * the flag or a notice exists already: raised before, or by a concurrent run) none of it.
 * Answers whether it was written.
 */
export async function raise(store: Store, raising: Raising, meter?: CapacityMeter): Promise<boolean> {
  return raiseAll(store, [raising], meter);
}

/**
 * Several raisings (an organisation's missing years, say) in one transaction, all or none; the
 * caller falls back to raising them one by one when it answers false.
 */
export async function raiseAll(
  store: Store,
  raisings: readonly Raising[],
  meter?: CapacityMeter,
): Promise<boolean> {
  const items = raisings.flatMap((raising) => raisingItems(store, raising));
  if (items.length === 0 || items.length > 100) return false;
  try {
    // One item (a flag alone, the usual case for the stream worker) is all or nothing by itself:
    // a conditional PutItem, at half a transaction's write units.
    const only = items.length === 1 ? items[0]?.Put : undefined;
    const ReturnConsumedCapacity = meter ? ('TOTAL' as const) : undefined;
    const result = only
      ? await store.doc.send(new PutCommand({ ...only, ReturnConsumedCapacity }))
      : await store.doc.send(new TransactWriteCommand({ TransactItems: items, ReturnConsumedCapacity }));
    recordCapacity(meter, 'write', result.ConsumedCapacity);
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
