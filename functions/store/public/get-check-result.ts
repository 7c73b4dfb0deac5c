import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type CheckResult, checkResultSchema, upgradeCheckResult } from '../../../schemas/check-result.ts';
import { keys, withoutKeys } from '../keys.ts';
import { isPacked, unpackJson } from '../packed-json.ts';
import type { Store } from '../store.ts';

/**
 * The stored check result of one revision (keys.checkResult), written by the check reactor:
 * the check result shape of api.md, either as the item itself or under `result`.
 */
export async function getCheckResult(
  store: Store,
  statementId: string,
  revision: number,
): Promise<CheckResult | undefined> {
  if (!Number.isInteger(revision) || revision < 1) return undefined;
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.checkResult(statementId, revision) }),
  );
  return Item ? checkResultFromItem(Item) : undefined;
}

/**
 * A stored check result item as the contract's shape: deflated under `resultPacked`, or (stored
 * before results were packed) the result itself or under `result`, in any earlier form
 * `upgradeCheckResult` knows. Also for a result the worker has just written.
 */
export function checkResultFromItem(stored: Record<string, unknown>): CheckResult {
  const item = withoutKeys(stored);
  const result = isPacked(item.resultPacked)
    ? unpackJson(item.resultPacked)
    : 'result' in item && item.result
      ? item.result
      : item;
  return checkResultSchema.parse(upgradeCheckResult(result));
}
