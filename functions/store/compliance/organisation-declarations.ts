import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type OutOfScopeDeclaration, outOfScopeDeclarationSchema } from '../../../schemas/out-of-scope.ts';
import { keys, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';

/** One organisation's out-of-scope declarations, newest year first (its own partition, OUTOFSCOPE#…). */
export async function listOrganisationDeclarations(
  store: Store,
  organisationId: string,
): Promise<OutOfScopeDeclaration[]> {
  const declarations: OutOfScopeDeclaration[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.organisationPartition(organisationId),
          ':prefix': keys.outOfScopePrefix,
        },
        ScanIndexForward: false,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? [])
      declarations.push(outOfScopeDeclarationSchema.parse(withoutKeys(item)));
    start = page.LastEvaluatedKey;
  } while (start);
  return declarations;
}
