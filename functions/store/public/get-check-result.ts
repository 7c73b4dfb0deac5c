import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type CheckResult, checkResultSchema, upgradeCheckResult } from '../../../schemas/check-result.ts';
import { keys, withoutKeys } from '../keys.ts';
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
  if (!Item) return undefined;
  const item = withoutKeys(Item);
  return checkResultSchema.parse(upgradeCheckResult('result' in item && item.result ? item.result : item));
}
