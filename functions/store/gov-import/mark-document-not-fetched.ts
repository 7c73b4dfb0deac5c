import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentFetch } from '../../../schemas/gov-import.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import { isConditionFailure } from '../transaction-errors.ts';

/** Records on the header that this revision's document was not fetched, unless a newer revision came. */
export async function markDocumentNotFetched(
  store: Store,
  statementId: string,
  mark: DocumentFetch,
): Promise<boolean> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.statement(statementId),
        UpdateExpression: 'SET #fetch = :fetch',
        ConditionExpression: 'attribute_exists(pk) AND #revision = :revision',
        ExpressionAttributeNames: { '#fetch': 'documentFetch', '#revision': 'revision' },
        ExpressionAttributeValues: { ':fetch': mark, ':revision': mark.revision },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
