import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CheckResult } from '../../../schemas/check-result.ts';
import { keys } from '../keys.ts';
import { packJson } from '../packed-json.ts';
import { batchWriteItems } from '../search/batch-write-items.ts';
import { checkPageItem } from '../statements/statement-page.ts';
import type { Store } from '../store.ts';

/** DynamoDB's item limit is 400 KB; results are trimmed well below it. */
export const MAX_RESULT_BYTES = 300_000;

export interface StoredCheck {
  statementId: string;
  organisationId: string;
  organisationName?: string | undefined;
  revision: number;
  result: CheckResult;
  checkedAt: string;
  /** The MinHash signature (base64) and its LSH band keys, for the near-copy index. */
  signature?: { encoded: string; bands: string[] } | undefined;
  /** Where the register archived the statement it fetched, if it did. */
  archivedFile?: { key: string; contentType: string; bytes: number; sha256: string } | undefined;
  /** The summary the header shows when it differs from the result's: the register's reviews applied. */
  headerSummary?: CheckResult['summary'] | undefined;
}

/**
 * Keeps a result under the item limit: first the long texts of untagged sentences are cut, then
 * untagged sentences are emptied (their indices stay, so evidence still points at the right place).
 */
export function fitResult(result: CheckResult): { result: CheckResult; trimmed: boolean } {
  const size = (r: CheckResult) => Buffer.byteLength(JSON.stringify(r));
  if (size(result) <= MAX_RESULT_BYTES) return { result, trimmed: false };
  let sentences = result.sentences.map((s) =>
    s.tags.length || s.text.length <= 300 ? s : { ...s, text: `${s.text.slice(0, 297)}…` },
  );
  let trimmed: CheckResult = { ...result, sentences };
  if (size(trimmed) <= MAX_RESULT_BYTES) return { result: trimmed, trimmed: true };
  sentences = sentences.map((s) => (s.tags.length ? s : { text: '', tags: [] }));
  trimmed = { ...result, sentences };
  if (size(trimmed) <= MAX_RESULT_BYTES) return { result: trimmed, trimmed: true };
  sentences = sentences.map((s) => ({ ...s, text: s.text.slice(0, 200), heading: undefined }));
  return {
    result: { ...result, sentences: sentences.map(({ heading: _h, ...rest }) => rest) },
    trimmed: true,
  };
}

/**
 * Stores one revision's check result and its near-copy band entries (plain BatchWrite puts:
 * they are keyed by revision, so writing the same result again changes nothing), then — when this
 * revision is still the statement's latest submitted one — the `check` summary on the header
 * item (a conditional UpdateItem). No transaction: a transaction costs twice the write units of
 * the same puts, and the order makes it unnecessary. A header never shows a summary whose result
 * is not stored; a result stored without its header summary (the worker stopped in between) is
 * written again with it when the stream delivers the change again. Idempotent. Answers the result
 * as stored (trimmed to the item limit).
 */
export async function putCheckResult(
  store: Store,
  check: StoredCheck,
): Promise<{ headerUpdated: boolean; stored: CheckResult }> {
  const { result, trimmed } = fitResult(check.result);
  const resultItem = {
    ...keys.checkResult(check.statementId, check.revision),
    ...keys.checkResultListing(result.rulesVersion, check.statementId, check.revision),
    entity: 'checkResult',
    statementId: check.statementId,
    organisationId: check.organisationId,
    revision: check.revision,
    rulesVersion: result.rulesVersion,
    checkedAt: check.checkedAt,
    trimmed,
    // The result deflated (about a fifth of its JSON): read whole by checkResultFromItem only.
    resultPacked: packJson(result),
    ...(check.archivedFile ? { archivedFile: check.archivedFile } : {}),
  };
  const bandItems = (check.signature?.bands ?? []).map((band) => ({
    ...keys.minhashBand(band, check.statementId),
    entity: 'minhashBand',
    statementId: check.statementId,
    organisationId: check.organisationId,
    ...(check.organisationName ? { organisationName: check.organisationName } : {}),
    signature: check.signature!.encoded,
  }));
  // The statement page's copy: summary and findings with evidence, no sentences (statement-page.ts).
  const pageItem = checkPageItem(check.statementId, check.revision, result);
  await batchWriteItems(
    store,
    [resultItem, pageItem, ...bandItems].map((Item) => ({ PutRequest: { Item } })),
    // A failure goes back to the stream, which delivers the change again (and the check reruns).
    { transientRetries: 0 },
  );
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.statement(check.statementId),
        UpdateExpression: 'SET #check = :check',
        ConditionExpression: 'attribute_exists(pk) AND #revision = :revision',
        ExpressionAttributeNames: { '#check': 'check', '#revision': 'revision' },
        ExpressionAttributeValues: {
          ':check': check.headerSummary ?? result.summary,
          ':revision': check.revision,
        },
      }),
    );
    return { headerUpdated: true, stored: result };
  } catch (error) {
    // A newer revision (or no header yet): this revision's result is kept, the header left alone.
    if (error instanceof ConditionalCheckFailedException) return { headerUpdated: false, stored: result };
    throw error;
  }
}
