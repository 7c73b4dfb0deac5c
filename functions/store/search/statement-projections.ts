import { statementSummarySchema } from '../../../schemas/statement-summary.ts';
import { type IndexProjection, projectionOf } from '../../domain/search/index-entries.ts';
import { batchGetItems } from '../batch-get-items.ts';
import type { CapacityMeter } from '../capacity.ts';
import { keys, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';

/**
 * What the results list shows of each statement, read from the statement headers by key (one
 * BatchGet per 100): how a typo-tolerant (`fuzzy`) hit, which carries only the statement id, is
 * resolved. Only submitted statements are answered; a header that breaks the summary contract is
 * left out rather than failing the search.
 */
export async function getStatementProjections(
  store: Store,
  statementIds: string[],
  options: { capacity?: CapacityMeter | undefined } = {},
): Promise<Map<string, IndexProjection>> {
  const found = await batchGetItems(
    store,
    statementIds.map((id) => keys.statement(id)),
    { consistent: false, ...(options.capacity ? { capacity: options.capacity } : {}) },
  );
  const projections = new Map<string, IndexProjection>();
  for (const item of found.values()) {
    const summary = statementSummarySchema.safeParse(withoutKeys(item));
    if (summary.success && summary.data.status === 'submitted')
      projections.set(summary.data.id, projectionOf(summary.data));
  }
  return projections;
}
