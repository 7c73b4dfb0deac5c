import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Coverage } from '../../domain/compliance/sweep-decisions.ts';
import { type CapacityMeter, recordCapacity } from '../capacity.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';

/**
 * Records that a statement covers an organisation's year (its own, or a group statement naming
 * it), in the organisation's partition where the sweep reads it. Writing it twice is harmless.
 */
export async function putCoverage(
  store: Store,
  organisationId: string,
  coverage: Coverage,
  meter?: CapacityMeter,
): Promise<void> {
  const result = await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: {
        ...keys.coverage(organisationId, coverage.year, coverage.statementId),
        entity: 'coverage',
        organisationId,
        ...coverage,
      },
      ReturnConsumedCapacity: meter ? 'TOTAL' : undefined,
    }),
  );
  recordCapacity(meter, 'write', result.ConsumedCapacity);
}

/** A withdrawn statement no longer covers the year. */
export async function deleteCoverage(
  store: Store,
  organisationId: string,
  year: number,
  statementId: string,
) {
  await store.doc.send(
    new DeleteCommand({ TableName: store.tableName, Key: keys.coverage(organisationId, year, statementId) }),
  );
}
