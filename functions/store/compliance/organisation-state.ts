import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { type OutOfScopeStatus, outOfScopeStatusSchema } from '../../../schemas/out-of-scope.ts';
import type { Coverage } from '../../domain/compliance/sweep-decisions.ts';
import { type CapacityMeter, recordCapacity } from '../capacity.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';

/** What the sweep needs to know of one organisation, all from its own partition (one Query). */
export interface StoredOrganisationState {
  /** keys.statementForYear claims: year → statement id (a draft claims its year too). */
  claims: Map<number, string>;
  coverage: Coverage[];
  marks: Set<string>;
  outOfScope: Map<number, OutOfScopeStatus>;
}

const claimSchema = z.object({ sk: z.string(), statementId: z.string() });
const coverageSchema = z.object({
  year: z.number().int(),
  statementId: z.string(),
  receivedAt: z.string(),
  deadline: z.string(),
  viaGroupOf: z.string().optional(),
  sectors: z.array(z.string()).optional(),
});
const markSchema = z.object({ kind: z.string(), year: z.number().int() });
const declarationSchema = z.object({ year: z.number().int(), status: outOfScopeStatusSchema });

export async function readOrganisationState(
  store: Store,
  organisationId: string,
  meter?: CapacityMeter,
): Promise<StoredOrganisationState> {
  const state: StoredOrganisationState = {
    claims: new Map(),
    coverage: [],
    marks: new Set(),
    outOfScope: new Map(),
  };
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.organisationPartition(organisationId) },
        ExclusiveStartKey: start,
        ReturnConsumedCapacity: meter ? 'TOTAL' : undefined,
      }),
    );
    recordCapacity(meter, 'read', page.ConsumedCapacity);
    for (const item of page.Items ?? []) {
      const sk = String(item.sk);
      if (sk.startsWith(keys.statementForYearPrefix)) {
        const claim = claimSchema.safeParse(item);
        const year = Number(sk.slice(keys.statementForYearPrefix.length));
        if (claim.success && Number.isInteger(year)) state.claims.set(year, claim.data.statementId);
      } else if (sk.startsWith(keys.coveragePrefix)) {
        const coverage = coverageSchema.safeParse(item);
        if (coverage.success) state.coverage.push(coverage.data);
      } else if (sk.startsWith(keys.sweepMarkPrefix)) {
        const mark = markSchema.safeParse(item);
        if (mark.success) state.marks.add(`${mark.data.kind}#${mark.data.year}`);
      } else if (sk.startsWith(keys.outOfScopePrefix)) {
        const declaration = declarationSchema.safeParse(item);
        if (declaration.success) state.outOfScope.set(declaration.data.year, declaration.data.status);
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return state;
}
