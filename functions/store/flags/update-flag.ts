import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Flag, FlagHistoryEntry, FlagStatus } from '../../../schemas/flag.ts';
import { conflict } from '../../domain/errors.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import type { TransactItem } from '../transact.ts';
import { isConditionFailure } from '../transaction-errors.ts';
import { flagFromItem } from './flag-items.ts';

export interface FlagChangeInput {
  status: FlagStatus;
  assignee: string | null;
  entry: FlagHistoryEntry;
}

/**
 * Applies an officer's change to a flag read at `expectedVersion`: status (moving it to its new
 * queue partition), assignee, and one more history entry. 409 when someone changed it meanwhile.
 */
export async function updateFlag(
  store: Store,
  flag: Pick<Flag, 'id' | 'type' | 'createdAt'>,
  expectedVersion: number,
  change: FlagChangeInput,
): Promise<Flag> {
  try {
    const { Attributes } = await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.flag(flag.id),
        UpdateExpression:
          'SET #status = :status, assignee = :assignee, updatedAt = :at, version = version + :one, ' +
          'history = list_append(history, :entry), gsi2pk = :queue, gsi1pk = :uqueue',
        ConditionExpression: 'attribute_exists(pk) AND version = :expected',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': change.status,
          ':assignee': change.assignee,
          ':at': change.entry.at,
          ':one': 1,
          ':entry': [change.entry],
          ':queue': keys.flagQueuePartition(change.status, flag.type),
          ':uqueue': keys.flagUncertainQueuePartition(change.status, flag.type),
          ':expected': expectedVersion,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return flagFromItem(Attributes ?? {});
  } catch (error) {
    if (isConditionFailure(error)) {
      throw conflict('The flag was changed by someone else since you read it; reload it and try again.');
    }
    throw error;
  }
}

/**
 * The Update that closes an outstanding (open or contacted) flag, on the condition given as well:
 * that it exists, or that it is still at the version the caller read.
 */
function closeFlagUpdate(
  store: Store,
  flag: Pick<Flag, 'id' | 'type'>,
  entry: FlagHistoryEntry & { to: FlagStatus },
  seenVersion: number | undefined,
) {
  return {
    TableName: store.tableName,
    Key: keys.flag(flag.id),
    UpdateExpression:
      'SET #status = :to, updatedAt = :at, version = version + :one, ' +
      'history = list_append(history, :entry), gsi2pk = :queue, gsi1pk = :uqueue',
    ConditionExpression: `${seenVersion === undefined ? 'attribute_exists(pk)' : 'version = :seen'} AND #status IN (:open, :contacted)`,
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':to': entry.to,
      ':at': entry.at,
      ':one': 1,
      ':entry': [entry],
      ':queue': keys.flagQueuePartition(entry.to, flag.type),
      ':uqueue': keys.flagUncertainQueuePartition(entry.to, flag.type),
      ...(seenVersion === undefined ? {} : { ':seen': seenVersion }),
      ':open': 'open',
      ':contacted': 'contacted',
    },
  };
}

/**
 * The Update that closes a flag read outstanding (open or contacted) at `flag.version`, for a
 * caller's own transaction: refused (the whole transaction with it) if the flag moved meanwhile.
 */
export function closeSeenFlagItem(
  store: Store,
  flag: Pick<Flag, 'id' | 'type' | 'version'>,
  entry: FlagHistoryEntry & { to: FlagStatus },
): TransactItem {
  return { Update: closeFlagUpdate(store, flag, entry, flag.version) };
}

/**
 * The register closes a flag itself (a statement arrived for a `missing` year): only when it is
 * still open or contacted. Answers whether it did.
 */
export async function closeOutstandingFlag(
  store: Store,
  flag: Pick<Flag, 'id' | 'type'>,
  entry: FlagHistoryEntry & { to: FlagStatus },
): Promise<boolean> {
  try {
    await store.doc.send(new UpdateCommand(closeFlagUpdate(store, flag, entry, undefined)));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
