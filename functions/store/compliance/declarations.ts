import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../../schemas/audit.ts';
import { type OutOfScopeDeclaration, outOfScopeDeclarationSchema } from '../../../schemas/out-of-scope.ts';
import { conflict } from '../../domain/errors.ts';
import { auditPut } from '../audit/audit-item.ts';
import { keys, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';
import { ConditionsFailedError, transactWrite } from '../transact.ts';

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
 * Records (or replaces) an organisation's declaration for a year. A declaration an officer has
 * challenged cannot be replaced by the organisation: 409.
 */
export async function putDeclaration(
  store: Store,
  declaration: OutOfScopeDeclaration,
  audit: AuditEvent,
): Promise<void> {
  try {
    await transactWrite(store, [
      {
        Put: {
          TableName: store.tableName,
          Item: declarationItem(declaration),
          ConditionExpression: 'attribute_not_exists(pk) OR #status <> :challenged',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':challenged': 'challenged' },
        },
      },
      auditPut(store, audit),
    ]);
  } catch (error) {
    if (error instanceof ConditionsFailedError) {
      throw conflict('A compliance officer has challenged this declaration; contact them about it.');
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
    new GetCommand({ TableName: store.tableName, Key: keys.outOfScope(organisationId, year) }),
  );
  return Item ? fromItem(Item) : undefined;
}

/** An officer disputes a declaration: the sweep expects a statement for that year again. */
export async function challengeDeclaration(
  store: Store,
  organisationId: string,
  year: number,
  challenge: { note: string; by: string; at: string },
  audit: AuditEvent,
): Promise<OutOfScopeDeclaration> {
  try {
    await transactWrite(store, [
      {
        Update: {
          TableName: store.tableName,
          Key: keys.outOfScope(organisationId, year),
          UpdateExpression: 'SET #status = :challenged, challenge = :challenge',
          ConditionExpression: 'attribute_exists(pk) AND #status = :declared',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':challenged': 'challenged',
            ':declared': 'declared',
            ':challenge': challenge,
          },
        },
      },
      auditPut(store, audit),
    ]);
  } catch (error) {
    if (error instanceof ConditionsFailedError)
      throw conflict('This declaration has already been challenged.');
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
