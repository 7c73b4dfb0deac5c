import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { checkResultSchema, findingSchema, upgradeCheckResult } from '../../../schemas/check-result.ts';
import { type Revision, revisionListItemSchema, revisionSchema } from '../../../schemas/statement.ts';
import { type CapacityMeter, recordCapacity } from '../capacity.ts';
import { keys, withoutKeys } from '../keys.ts';
import { isPacked, packJson, unpackJson } from '../packed-json.ts';
import { queryPrefix } from '../query-prefix.ts';
import type { Store } from '../store.ts';
import type { TransactItem } from '../transact.ts';

/**
 * The statement page's own items, so that a page reads a few small items whatever the statement's
 * length and revision count (issue 15: at most 4 read units):
 * - PAGE#<n>: the revision without its pasted text, with the history (revisions 1..n) beside it;
 * - PAGE#<n>#CHECK: the check's summary and findings with their evidence excerpts, without the
 *   sentence-by-sentence text (that is the full check result, read only by the text page and the API).
 * Both are read by one Query. Statements stored before these items existed have neither: the
 * page falls back to the full items (functions/app/public-views.ts).
 */
export const historySchema = z.array(revisionListItemSchema);
export type History = z.infer<typeof historySchema>;

export const revisionPageSchema = revisionSchema.extend({ history: historySchema });
export type RevisionPage = z.infer<typeof revisionPageSchema>;

export const checkPageSchema = z.object({
  rulesVersion: z.string(),
  summary: checkResultSchema.shape.summary,
  findings: z.array(findingSchema),
  /** How many sentences the full result holds (the text page shows them). */
  sentenceCount: z.number().int().min(0),
});
export type CheckPage = z.infer<typeof checkPageSchema>;

/** The revision without its pasted text: the text is in the revision item, for the API and the checker. */
export function leanRevision(revision: Revision): Revision {
  const { statementText: _text, ...document } = revision.document;
  return { ...revision, document };
}

export const historyEntry = (revision: Revision) => ({
  revision: revision.revision,
  submittedAt: revision.submittedAt,
  periodStart: revision.document.periodStart,
  periodEnd: revision.document.periodEnd,
});

/** The Put of a revision's page item, given the history of the revisions before it. */
export function revisionPagePut(store: Store, revision: Revision, before: History): TransactItem {
  return {
    Put: {
      TableName: store.tableName,
      Item: {
        ...keys.revisionPage(revision.statementId, revision.revision),
        entity: 'revisionPage',
        ...leanRevision(revision),
        history: [...before.filter((h) => h.revision < revision.revision), historyEntry(revision)],
      },
    },
  };
}

/**
 * The history before revision `n`: from the previous revision's page item, or, for statements
 * stored before page items existed, from the revision items themselves (once per new revision).
 */
export async function historyBefore(store: Store, id: string, revision: number): Promise<History> {
  if (revision <= 1) return [];
  const { Item } = await store.doc.send(
    new GetCommand({
      TableName: store.tableName,
      Key: keys.revisionPage(id, revision - 1),
      ConsistentRead: true,
    }),
  );
  if (Item) return historySchema.parse(Item.history);
  const history: History = [];
  for await (const item of queryPrefix(store, keys.statementPartition(id), keys.revisionPrefix, {
    consistent: true,
    projection: 'revision, submittedAt, document.periodStart, document.periodEnd',
  })) {
    const document = (item.document ?? {}) as Record<string, unknown>;
    history.push(
      revisionListItemSchema.parse({
        revision: item.revision,
        submittedAt: item.submittedAt,
        periodStart: document.periodStart,
        periodEnd: document.periodEnd,
      }),
    );
  }
  return history.filter((h) => h.revision < revision);
}

/** The check's page item, built from the full result (the check reactor writes both). */
export function checkPageItem(
  statementId: string,
  revision: number,
  result: {
    rulesVersion: string;
    summary: CheckPage['summary'];
    findings: CheckPage['findings'];
    sentences: unknown[];
  },
): Record<string, unknown> {
  return {
    ...keys.checkPage(statementId, revision),
    entity: 'checkPage',
    rulesVersion: result.rulesVersion,
    summary: result.summary,
    // Findings with their evidence, deflated (about a fifth): the page reads them whole.
    findingsPacked: packJson(result.findings),
    sentenceCount: result.sentences.length,
  };
}

/** What one Query finds of a revision's page: either item may be missing (older statements, not yet checked). */
export async function getStatementPage(
  store: Store,
  id: string,
  revision: number,
  capacity?: CapacityMeter,
): Promise<{ revision?: RevisionPage; check?: CheckPage }> {
  const page = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.statementPartition(id), ':prefix': keys.pagePrefix(revision) },
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  recordCapacity(capacity, 'read', page.ConsumedCapacity);
  const found: { revision?: RevisionPage; check?: CheckPage } = {};
  for (const item of page.Items ?? []) {
    if (item.sk === keys.revisionPage(id, revision).sk)
      found.revision = revisionPageSchema.parse(withoutKeys(item));
    else if (item.sk === keys.checkPage(id, revision).sk) {
      // Stored before findings were packed: a plain `findings` list.
      const { findingsPacked, ...rest } = withoutKeys(item);
      const findings = isPacked(findingsPacked) ? unpackJson(findingsPacked) : rest.findings;
      const upgraded = upgradeCheckResult({ ...rest, findings, sentences: [] }) as Record<string, unknown>;
      found.check = checkPageSchema.parse(upgraded);
    }
  }
  return found;
}

/** The whole history, from the latest revision's page item (for a page of an earlier revision). */
export async function getHistory(
  store: Store,
  id: string,
  latest: number,
  capacity?: CapacityMeter,
): Promise<History | undefined> {
  const { Item, ConsumedCapacity } = await store.doc.send(
    new GetCommand({
      TableName: store.tableName,
      Key: keys.revisionPage(id, latest),
      ProjectionExpression: 'history',
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  recordCapacity(capacity, 'read', ConsumedCapacity);
  return Item ? historySchema.parse(Item.history) : undefined;
}
