import { type StatementSummary, statementSummarySchema } from '../../../schemas/statement-summary.ts';
import { batchGetItems } from '../batch-get-items.ts';
import type { CapacityMeter } from '../capacity.ts';
import { keys, withoutKeys } from '../keys.ts';
import { queryPrefix } from '../query-prefix.ts';
import type { Store } from '../store.ts';

/**
 * The submitted statements' summaries, by id, read from their headers (one BatchGet per 100): how
 * a typo-tolerant (`fuzzy`) hit is resolved. A header that breaks the summary contract is left
 * out rather than failing the search.
 */
export async function getSubmittedSummaries(
  store: Store,
  statementIds: string[],
  options: { capacity?: CapacityMeter | undefined } = {},
): Promise<Map<string, StatementSummary>> {
  const found = await batchGetItems(
    store,
    statementIds.map((id) => keys.statement(id)),
    { consistent: false, ...(options.capacity ? { capacity: options.capacity } : {}) },
  );
  const summaries = new Map<string, StatementSummary>();
  for (const item of found.values()) {
    const summary = statementSummarySchema.safeParse(withoutKeys(item));
    if (summary.success && summary.data.status === 'submitted') summaries.set(summary.data.id, summary.data);
  }
  return summaries;
}

/**
 * The ids of an organisation's statements (of one reporting year, when given), from its
 * keys.statementForYear claims: one small Query, eventually consistent, ids only.
 */
export async function statementIdsOfOrganisation(
  store: Store,
  organisationId: string,
  options: { year?: number | undefined; capacity?: CapacityMeter | undefined } = {},
): Promise<string[]> {
  const ids: string[] = [];
  const items = queryPrefix(
    store,
    keys.organisation(organisationId).pk,
    `${keys.statementForYearPrefix}${options.year ?? ''}`,
    { newestFirst: true, projection: 'statementId', capacity: options.capacity },
  );
  for await (const item of items) if (typeof item.statementId === 'string') ids.push(item.statementId);
  return ids;
}
