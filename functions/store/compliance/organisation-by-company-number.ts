import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { type Organisation, organisationSchema } from '../../../schemas/organisation.ts';
import { keys, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';

const claimSchema = z.object({ organisationId: z.string() });

/** The id of the organisation holding a company number, if the register has it. */
export async function organisationIdByCompanyNumber(
  store: Store,
  companyNumber: string,
): Promise<string | undefined> {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.companyNumber(companyNumber) }),
  );
  const parsed = claimSchema.safeParse(Item);
  return parsed.success ? parsed.data.organisationId : undefined;
}

async function batchGet(
  store: Store,
  keyList: Record<string, unknown>[],
  consistent: boolean,
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < keyList.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead?: boolean }> | undefined = {
      [store.tableName]: { Keys: keyList.slice(i, i + 100), ...(consistent ? { ConsistentRead: true } : {}) },
    };
    for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
      if (attempt > 8) throw new Error('The table kept refusing reads.');
      const result = await store.doc.send(new BatchGetCommand({ RequestItems: request }));
      found.push(...(result.Responses?.[store.tableName] ?? []));
      request = result.UnprocessedKeys as typeof request;
      if (request && Object.keys(request).length > 0)
        await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
    }
  }
  return found;
}

const claimItemSchema = z.object({
  pk: z.string(),
  organisationId: z.string(),
  claimedBy: z.literal('import').optional(),
  claimedAt: z.string().optional(),
});

/** A company number's claim; `importedAt` when the officers' import made it (see companyNumberItem). */
export interface CompanyNumberClaim {
  organisationId: string;
  importedAt?: string;
}

/**
 * Which of these company numbers the register holds, and for which organisation (BatchGet, 100 at
 * a time); `consistent` reads strongly (after a write was refused because of a change meanwhile).
 */
export async function companyNumberClaims(
  store: Store,
  companyNumbers: readonly string[],
  consistent = false,
): Promise<Map<string, CompanyNumberClaim>> {
  const unique = [...new Set(companyNumbers)];
  const items = await batchGet(
    store,
    unique.map((number) => keys.companyNumber(number)),
    consistent,
  );
  const found = new Map<string, CompanyNumberClaim>();
  for (const item of items) {
    const parsed = claimItemSchema.safeParse(item);
    if (!parsed.success) continue;
    const { pk, organisationId, claimedBy, claimedAt } = parsed.data;
    found.set(pk.slice('COMPANY#'.length), {
      organisationId,
      ...(claimedBy === 'import' && claimedAt ? { importedAt: claimedAt } : {}),
    });
  }
  return found;
}

/** The organisation id holding each of these company numbers (see companyNumberClaims). */
export async function organisationIdsByCompanyNumbers(
  store: Store,
  companyNumbers: readonly string[],
  consistent = false,
): Promise<Map<string, string>> {
  const claims = await companyNumberClaims(store, companyNumbers, consistent);
  return new Map([...claims].map(([number, claim]) => [number, claim.organisationId]));
}

/** Organisations by id (BatchGet, 100 at a time); missing ones are left out. */
export async function organisationsByIds(
  store: Store,
  ids: readonly string[],
  consistent = false,
): Promise<Map<string, Organisation>> {
  const items = await batchGet(
    store,
    [...new Set(ids)].map((id) => keys.organisation(id)),
    consistent,
  );
  const found = new Map<string, Organisation>();
  for (const item of items) {
    const organisation = organisationSchema.parse(withoutKeys(item));
    found.set(organisation.id, organisation);
  }
  return found;
}
