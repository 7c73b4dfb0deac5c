import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Revision, revisionSchema } from '../../../schemas/statement.ts';
import { keys, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';

/** Every submitted revision of a statement, oldest first (a statement has few: no paging needed). */
export async function listRevisions(store: Store, id: string): Promise<Revision[]> {
  const revisions: Revision[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.statementPartition(id), ':prefix': keys.revisionPrefix },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) revisions.push(revisionSchema.parse(withoutKeys(item)));
    start = page.LastEvaluatedKey;
  } while (start);
  return revisions;
}
