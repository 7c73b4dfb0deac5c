import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { SearchPage } from '../../../schemas/search.ts';
import { badRequest } from '../../domain/errors.ts';
import { hasOwnRelevance } from '../../domain/search/index-entries.ts';
import { planFingerprint, type SearchPlan } from '../../domain/search/plan.ts';
import { type CapacityMeter, recordCapacity } from '../capacity.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import { searchResultFromItem } from './entry-items.ts';

export interface SearchOptions {
  limit: number;
  cursor?: string | undefined;
  capacity?: CapacityMeter | undefined;
  /**
   * Read units one page may spend. A page with filters stops reading when the budget is spent,
   * even if it is not full; its nextCursor carries on from there.
   */
  readBudget?: number;
}

/** Read units per page: under 10, whatever the register's size. */
export const DEFAULT_READ_BUDGET = 8;
/** Calls to DynamoDB per page at most. */
const MAX_CALLS = 6;
/**
 * While a page has no result yet it reads on, past the budget, up to this many units and calls:
 * a page is never empty while the partition holds more (issue 15), and still bounded.
 */
export const EMPTY_PAGE_READ_LIMIT = 40;
const MAX_CALLS_EMPTY = 16;
/** A first guess at an entry's size in bytes, until the first answer tells. */
const ASSUMED_ENTRY_BYTES = 600;

export type IndexChoice = { indexName?: 'gsi1' | 'gsi2' | 'gsi3'; pk: string; sk: string };

export function indexFor(plan: SearchPlan): IndexChoice {
  if (plan.inYear !== undefined) return { indexName: 'gsi3', pk: 'gsi3pk', sk: 'gsi3sk' };
  if (plan.sort === 'name') return { indexName: 'gsi1', pk: 'gsi1pk', sk: 'gsi1sk' };
  if (plan.sort === 'date' && hasOwnRelevance(plan.facet))
    return { indexName: 'gsi2', pk: 'gsi2pk', sk: 'gsi2sk' };
  return { pk: 'pk', sk: 'sk' };
}

const cursorSchema = z.object({
  v: z.literal(1),
  h: z.string(),
  k: z.record(z.string(), z.string()),
});

export function encodeCursor(fingerprint: string, key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ v: 1, h: fingerprint, k: key })).toString('base64url');
}

function decodeCursor(cursor: string, fingerprint: string, partition: string, index: IndexChoice) {
  let parsed: z.infer<typeof cursorSchema>;
  try {
    parsed = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw badRequest('The cursor is not valid: use the nextCursor of the previous page as given.');
  }
  const expected = new Set(['pk', 'sk', index.pk, index.sk]);
  const names = Object.keys(parsed.k);
  if (
    parsed.h !== fingerprint ||
    names.length !== expected.size ||
    !names.every((name) => expected.has(name)) ||
    parsed.k[index.pk] !== partition
  ) {
    throw badRequest('The cursor belongs to another search: keep the same filters and sort when paging.');
  }
  return parsed.k;
}

export function filterExpression(plan: SearchPlan, input: QueryCommandInput): boolean {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  plan.filters.words.forEach((word, i) => {
    names['#tx'] = 'tx';
    values[`:w${i}`] = ` ${word}`;
    parts.push(`contains(#tx, :w${i})`);
  });
  const { year, sector, turnover, rating } = plan.filters;
  if (year !== undefined) {
    names['#y'] = 'y';
    values[':y'] = year;
    parts.push('#y = :y');
  }
  if (sector !== undefined) {
    names['#sx'] = 'sx';
    values[':sx'] = sector;
    parts.push('contains(#sx, :sx)');
  }
  if (turnover !== undefined) {
    names['#to'] = 'to';
    values[':to'] = turnover;
    parts.push('#to = :to');
  }
  if (rating !== undefined) {
    names['#r'] = 'r';
    values[':r'] = rating;
    parts.push('#r = :r');
  }
  if (parts.length === 0) return false;
  input.FilterExpression = parts.join(' AND ');
  input.ExpressionAttributeNames = { ...input.ExpressionAttributeNames, ...names };
  input.ExpressionAttributeValues = { ...input.ExpressionAttributeValues, ...values };
  return true;
}

/**
 * How many entries the next filtered read should ask for: enough to fill the page at the share of
 * entries kept so far (with a margin), rather than doubling blindly, so a page of a large
 * partition reads about what it needs. The first read guesses from nothing.
 */
function nextBatch(previous: number, wanted: number, kept: number, scanned: number): number {
  if (previous === 0) return Math.max(wanted * 2, 25);
  if (kept === 0) return previous * 2;
  return Math.ceil((wanted * scanned * 1.25) / kept) + 1;
}

/**
 * One page of search results: Query calls on one index partition, in the plan's order, never a
 * Scan. Without filters a page reads `limit + 1` entries. With filters it reads in growing
 * batches until the page is full or the read budget is spent; nextCursor then resumes after the
 * last entry read, so no entry is skipped or repeated.
 */
export async function searchStatements(
  store: Store,
  plan: SearchPlan,
  options: SearchOptions,
): Promise<SearchPage> {
  const partition =
    plan.inYear === undefined
      ? keys.searchPartition(plan.facet)
      : keys.searchYearPartition(plan.facet, plan.inYear);
  const index = indexFor(plan);
  const fingerprint = planFingerprint(plan);
  const budget = options.readBudget ?? DEFAULT_READ_BUDGET;
  const limit = options.limit;
  let start = options.cursor ? decodeCursor(options.cursor, fingerprint, partition, index) : undefined;

  const keyOf = (item: Record<string, unknown>) => ({
    pk: item.pk,
    sk: item.sk,
    [index.pk]: item[index.pk],
    [index.sk]: item[index.sk],
  });

  const items: SearchPage['items'] = [];
  let spent = 0;
  let entryBytes = ASSUMED_ENTRY_BYTES;
  let scannedSoFar = 0;
  let batch = 0;
  let next: Record<string, unknown> | undefined;

  for (let call = 0; call < (items.length === 0 ? MAX_CALLS_EMPTY : MAX_CALLS); call++) {
    const input: QueryCommandInput = {
      TableName: store.tableName,
      ...(index.indexName ? { IndexName: index.indexName } : {}),
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': index.pk },
      ExpressionAttributeValues: { ':pk': partition },
      ExclusiveStartKey: start,
      ReturnConsumedCapacity: 'TOTAL',
    };
    const filtered = filterExpression(plan, input);
    const wanted = limit - items.length;
    if (!filtered) {
      // One more than needed tells whether another page exists.
      input.Limit = wanted + 1;
    } else {
      // Eventually consistent reads: 0.5 units per 4 KB read, filtered out or not.
      const left = (items.length === 0 ? EMPTY_PAGE_READ_LIMIT : budget) - spent;
      const affordable = Math.floor((Math.max(0.5, left) / 0.5) * (4096 / entryBytes));
      batch = nextBatch(batch, wanted, items.length, scannedSoFar);
      input.Limit = Math.max(1, Math.min(batch, affordable, 1000));
    }
    const page = await store.doc.send(new QueryCommand(input));
    const units = recordCapacity(options.capacity, 'read', page.ConsumedCapacity);
    spent += units;
    const scanned = page.ScannedCount ?? page.Count ?? 0;
    scannedSoFar += scanned;
    if (scanned > 0 && units > 0)
      entryBytes = Math.max(200, Math.min(4000, (units / 0.5) * (4096 / scanned)));

    let full = false;
    for (const item of page.Items ?? []) {
      if (items.length === limit) {
        full = true;
        break;
      }
      items.push(searchResultFromItem(item));
      next = keyOf(item);
    }
    if (full) break;
    if (!page.LastEvaluatedKey) {
      next = undefined;
      break;
    }
    start = page.LastEvaluatedKey;
    next = start;
    if (items.length === limit) break;
    if (items.length > 0 ? spent >= budget - 0.5 : spent >= EMPTY_PAGE_READ_LIMIT - 0.5) break;
  }

  return { items, nextCursor: next ? encodeCursor(fingerprint, next) : null };
}
