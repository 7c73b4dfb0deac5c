import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { planFingerprint, type SearchPlan } from '../../domain/search/plan.ts';
import { type CapacityMeter, recordCapacity } from '../capacity.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import { encodeCursor, filterExpression, indexFor } from './search-statements.ts';

/** Entries a count reads at most (about 36 read units at 600 bytes each): beyond, "more than". */
export const COUNT_READ_CAP = 500;

export interface SearchCount {
  /** Results counted; the exact total when `complete`. */
  total: number;
  complete: boolean;
  /** The cursor that opens each page after the first: pageCursors[0] opens page 2. */
  pageCursors: string[];
}

/**
 * How many results a search has, and where each of its pages starts, for a result count and
 * numbered pages: Query calls on the search's one partition, keys only, with the same filters,
 * never a Scan. Reads at most COUNT_READ_CAP entries, so its cost does not grow with the register.
 */
export async function countSearch(
  store: Store,
  plan: SearchPlan,
  options: { pageSize: number; capacity?: CapacityMeter | undefined },
): Promise<SearchCount> {
  const index = indexFor(plan);
  const fingerprint = planFingerprint(plan);
  const pageCursors: string[] = [];
  let total = 0;
  let read = 0;
  let start: Record<string, unknown> | undefined;
  const onIndex = index.indexName !== undefined;
  const names: Record<string, string> = onIndex
    ? { '#pk': index.pk, '#k1': 'pk', '#k2': 'sk', '#ik': index.sk }
    : { '#pk': 'pk', '#k2': 'sk' };
  const projection = onIndex ? '#k1, #k2, #pk, #ik' : '#pk, #k2';
  for (;;) {
    const input: QueryCommandInput = {
      TableName: store.tableName,
      ...(index.indexName ? { IndexName: index.indexName } : {}),
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { ...names },
      ExpressionAttributeValues: {
        ':pk':
          plan.inYear === undefined
            ? keys.searchPartition(plan.facet)
            : keys.searchYearPartition(plan.facet, plan.inYear),
      },
      ProjectionExpression: projection,
      ExclusiveStartKey: start,
      Limit: COUNT_READ_CAP - read,
      ReturnConsumedCapacity: 'TOTAL',
    };
    filterExpression(plan, input);
    const page = await store.doc.send(new QueryCommand(input));
    recordCapacity(options.capacity, 'read', page.ConsumedCapacity);
    read += page.ScannedCount ?? 0;
    for (const item of page.Items ?? []) {
      total++;
      if (total % options.pageSize === 0) {
        const key = { pk: item.pk, sk: item.sk, [index.pk]: item[index.pk], [index.sk]: item[index.sk] };
        pageCursors.push(encodeCursor(fingerprint, key));
      }
    }
    if (!page.LastEvaluatedKey) {
      // A last page that is exactly full opens no further page.
      if (total > 0 && total % options.pageSize === 0) pageCursors.pop();
      return { total, complete: true, pageCursors };
    }
    if (read >= COUNT_READ_CAP) return { total, complete: false, pageCursors };
    start = page.LastEvaluatedKey;
  }
}
