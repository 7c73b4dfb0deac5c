import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { type CapacityMeter, recordCapacity } from '../capacity.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';

const headerSchema = z.object({
  status: z.string(),
  year: z.number().int(),
  periodEnd: z.string(),
  revision: z.number().int(),
  submittedAt: z.string().nullable(),
  sectors: z.array(z.string()).optional(),
});
const revisionSchema = z.object({ submittedAt: z.string() });

export interface StatementReceipt {
  status: string;
  year: number;
  periodEnd: string;
  /** When the statement was first submitted (revision 1), or null for a draft. */
  receivedAt: string | null;
  /** The sectors the statement names (its latest revision). */
  sectors: string[];
}

/**
 * When a statement first arrived: its header's status and period, and the first revision's
 * submission time (the header's own when it is still at revision 1).
 */
export async function readStatementReceipt(
  store: Store,
  statementId: string,
  meter?: CapacityMeter,
): Promise<StatementReceipt | undefined> {
  const header = await store.doc.send(
    new GetCommand({
      TableName: store.tableName,
      Key: keys.statement(statementId),
      ProjectionExpression: '#status, #year, periodEnd, revision, submittedAt, sectors',
      ExpressionAttributeNames: { '#status': 'status', '#year': 'year' },
      ReturnConsumedCapacity: meter ? 'TOTAL' : undefined,
    }),
  );
  recordCapacity(meter, 'read', header.ConsumedCapacity);
  const parsed = headerSchema.safeParse(header.Item);
  if (!parsed.success) return undefined;
  const { status, year, periodEnd, revision, submittedAt } = parsed.data;
  const sectors = parsed.data.sectors ?? [];
  if (revision <= 1 || !submittedAt) return { status, year, periodEnd, receivedAt: submittedAt, sectors };
  const first = await store.doc.send(
    new GetCommand({
      TableName: store.tableName,
      Key: keys.revision(statementId, 1),
      ProjectionExpression: 'submittedAt',
      ReturnConsumedCapacity: meter ? 'TOTAL' : undefined,
    }),
  );
  recordCapacity(meter, 'read', first.ConsumedCapacity);
  const revisionOne = revisionSchema.safeParse(first.Item);
  return {
    status,
    year,
    periodEnd,
    receivedAt: revisionOne.success ? revisionOne.data.submittedAt : submittedAt,
    sectors,
  };
}
