import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../../schemas/audit.ts';
import {
  type OutOfScopeDeclaration,
  type OutOfScopeHistoryEntry,
  type OutOfScopeStatus,
  outOfScopeDeclarationSchema,
} from '../../../schemas/out-of-scope.ts';
import { conflict } from '../../domain/errors.ts';
import { auditPut } from '../audit/audit-item.ts';
import { keys, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';
import { ConditionsFailedError, type TransactItem, transactWrite } from '../transact.ts';

/** One of the items a caller added to a declaration's review was refused (it changed meanwhile). */
export class ReviewItemRefusedError extends Error {}

const fromItem = (item: Record<string, unknown>) => outOfScopeDeclarationSchema.parse(withoutKeys(item));

function declarationItem(declaration: OutOfScopeDeclaration) {
  return {
    ...keys.outOfScope(declaration.organisationId, declaration.year),
    ...keys.outOfScopeListing(declaration.year, declaration.declaredAt, declaration.organisationId),
    entity: 'outOfScope',
    ...declaration,
  };
}

/**
 * Records (or replaces) an organisation's declaration for a year; `previous` is the declaration
 * it replaces, as read (its history is carried over, the new declaration's entry appended). Made
 * only if nothing changed since that read, and never over a challenged declaration: else 409.
 */
export async function putDeclaration(
  store: Store,
  declaration: OutOfScopeDeclaration,
  previous: OutOfScopeDeclaration | undefined,
  audit: AuditEvent,
): Promise<void> {
  const unchanged = previous
    ? {
        ConditionExpression:
          '#status = :previous AND #status <> :challenged AND declaredAt = :declaredAt AND ' +
          '(attribute_not_exists(history) OR size(history) = :entries)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':previous': previous.status,
          ':challenged': 'challenged',
          ':declaredAt': previous.declaredAt,
          ':entries': previous.history.length,
        },
      }
    : { ConditionExpression: 'attribute_not_exists(pk)' };
  try {
    await transactWrite(store, [
      { Put: { TableName: store.tableName, Item: declarationItem(declaration), ...unchanged } },
      auditPut(store, audit),
    ]);
  } catch (error) {
    if (error instanceof ConditionsFailedError) {
      const now = await getDeclaration(store, declaration.organisationId, declaration.year);
      throw conflict(
        now?.status === 'challenged'
          ? 'A compliance officer has challenged this declaration; contact them about it.'
          : 'The declaration changed while you were making yours. Look at it again and try again.',
      );
    }
    throw error;
  }
}

export async function getDeclaration(
  store: Store,
  organisationId: string,
  year: number,
): Promise<OutOfScopeDeclaration | undefined> {
  const { Item } = await store.doc.send(
    new GetCommand({
      TableName: store.tableName,
      Key: keys.outOfScope(organisationId, year),
      ConsistentRead: true,
    }),
  );
  return Item ? fromItem(Item) : undefined;
}

/** Which statuses an officer's decision can follow. */
const REVIEWABLE_FROM: Record<'challenged' | 'accepted', OutOfScopeStatus[]> = {
  challenged: ['declared', 'accepted'],
  accepted: ['declared', 'challenged'],
};

/**
 * An officer's decision on a declaration, appended to its history with the note: `challenged`
 * (the sweep expects a statement for that year again) or `accepted` (it does not). 409 when the
 * declaration is already in that status; undefined when there is no declaration. `also` goes in
 * the same transaction (e.g. the year's `missing` flag dismissed on acceptance); when one of those
 * is refused, nothing is written and ReviewItemRefusedError is thrown, for the caller to re-read.
 */
export async function reviewDeclaration(
  store: Store,
  organisationId: string,
  year: number,
  decision: { action: 'challenged' | 'accepted'; note: string; by: string; at: string },
  audit: AuditEvent,
  also: TransactItem[] = [],
): Promise<OutOfScopeDeclaration | undefined> {
  const { action, note, by, at } = decision;
  const entry: OutOfScopeHistoryEntry = { action, at, by, note };
  const from = REVIEWABLE_FROM[action];
  try {
    await transactWrite(store, [
      {
        Update: {
          TableName: store.tableName,
          Key: keys.outOfScope(organisationId, year),
          UpdateExpression:
            'SET #status = :to, history = list_append(if_not_exists(history, :none), :entry)' +
            (action === 'challenged' ? ', challenge = :challenge' : ''),
          ConditionExpression: `attribute_exists(pk) AND #status IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':to': action,
            ':none': [],
            ':entry': [entry],
            ...Object.fromEntries(from.map((status, i) => [`:from${i}`, status])),
            ...(action === 'challenged' ? { ':challenge': { note, by, at } } : {}),
          },
        },
      },
      auditPut(store, audit),
      ...also,
    ]);
  } catch (error) {
    if (
      error instanceof ConditionsFailedError &&
      !error.failed.includes(0) &&
      error.failed.some((i) => i >= 2)
    )
      throw new ReviewItemRefusedError();
    if (error instanceof ConditionsFailedError) {
      const now = await getDeclaration(store, organisationId, year);
      if (!now) return undefined;
      throw conflict(
        action === 'challenged'
          ? 'This declaration has already been challenged.'
          : 'This declaration has already been accepted.',
      );
    }
    throw error;
  }
  const declaration = await getDeclaration(store, organisationId, year);
  if (!declaration) throw conflict('The declaration was removed meanwhile.');
  return declaration;
}

/** A year's declarations, newest first (gsi2 OOS#<year>). */
export async function listDeclarations(
  store: Store,
  year: number,
  limit = 100,
): Promise<OutOfScopeDeclaration[]> {
  const declarations: OutOfScopeDeclaration[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.outOfScopeListingPartition(year) },
        ScanIndexForward: false,
        ExclusiveStartKey: start,
        Limit: limit,
      }),
    );
    for (const item of page.Items ?? []) declarations.push(fromItem(item));
    start = page.LastEvaluatedKey;
  } while (start && declarations.length < limit);
  return declarations.slice(0, limit);
}
