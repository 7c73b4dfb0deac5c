import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type AuditEvent, auditEventSchema } from '../../../schemas/audit.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { keys, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';

/**
 * Audit events, newest first: of one entity ("statement/<id>"), or of the whole register (gsi1).
 */
export async function listAuditEvents(
  store: Store,
  query: { entity?: string | undefined; cursor?: string | undefined; limit: number },
): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
  const page = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      ...(query.entity
        ? {
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.audit(query.entity, '', '').pk },
          }
        : {
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.audit('', '', '').gsi1pk },
          }),
      ScanIndexForward: false,
      Limit: query.limit,
      ExclusiveStartKey: decodeCursor(query.cursor),
    }),
  );
  return {
    items: (page.Items ?? []).map((item) => {
      const { subject, ...rest } = withoutKeys(item);
      return auditEventSchema.parse({ ...rest, entity: subject });
    }),
    nextCursor: encodeCursor(page.LastEvaluatedKey),
  };
}
