import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { statementSummarySchema } from '../../../schemas/statement-summary.ts';
import { type CapacityMeter, recordCapacity } from '../capacity.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';

/**
 * What the search index holds for one statement: the summary it was last built from (so the next
 * change knows which entries to replace and which counters to adjust), a fingerprint of what was
 * written, and — while a change is being applied — the summary being written, so entries of an
 * interrupted change are cleaned up by the next one.
 */
export const searchIndexStateSchema = z.object({
  fingerprint: z.string(),
  /** The INDEX_VERSION the entries were built with; states written before versions were recorded are 1. */
  indexVersion: z.number().int().default(1),
  indexed: statementSummarySchema.nullable(),
  pending: statementSummarySchema.nullable(),
});

export type SearchIndexState = z.infer<typeof searchIndexStateSchema>;

export const EMPTY_SEARCH_INDEX_STATE: SearchIndexState = {
  fingerprint: '',
  indexVersion: 1,
  indexed: null,
  pending: null,
};

export async function getSearchIndexState(
  store: Store,
  statementId: string,
  capacity?: CapacityMeter,
): Promise<SearchIndexState & { exists: boolean }> {
  const { Item, ConsumedCapacity } = await store.doc.send(
    new GetCommand({
      TableName: store.tableName,
      Key: keys.searchState(statementId),
      ConsistentRead: true,
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  recordCapacity(capacity, 'read', ConsumedCapacity);
  if (!Item) return { ...EMPTY_SEARCH_INDEX_STATE, exists: false };
  return { ...searchIndexStateSchema.parse(Item), exists: true };
}
