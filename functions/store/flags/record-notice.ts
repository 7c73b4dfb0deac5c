import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FlagHistoryEntry, FlagNotice } from '../../../schemas/flag.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import { isConditionFailure } from '../transaction-errors.ts';

/**
 * Adds a notice to a flag and the matching entry to its history in one conditional write, so the
 * record of who was told and the flag's trail never disagree. Answers false when there is no such flag.
 */
export async function recordFlagNotice(store: Store, flagId: string, notice: FlagNotice): Promise<boolean> {
  const entry: FlagHistoryEntry = {
    at: notice.at,
    by: notice.by,
    action: 'notice',
    note: `Notice by ${notice.channel} to ${notice.to}: ${notice.about}`,
  };
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.flag(flagId),
        UpdateExpression:
          'SET notices = list_append(if_not_exists(notices, :none), :notice), ' +
          'history = list_append(history, :entry), updatedAt = :at, version = version + :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: {
          ':none': [],
          ':notice': [notice],
          ':entry': [entry],
          ':at': notice.at,
          ':one': 1,
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
