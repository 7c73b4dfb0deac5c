import { UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Store } from './store.ts';
import { isConditionFailure } from './transaction-errors.ts';

/**
 * One conditional update whose refusal is expected (a migration moving items page by page, a
 * session touched after it ended): true when it was
 * applied, false when its condition no longer held (another writer got there first), so a rerun
 * is harmless. Any other failure is thrown.
 */
export async function updateIfStill(
  store: Store,
  input: Omit<UpdateCommandInput, 'TableName'>,
): Promise<boolean> {
  try {
    await store.doc.send(new UpdateCommand({ TableName: store.tableName, ...input }));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
