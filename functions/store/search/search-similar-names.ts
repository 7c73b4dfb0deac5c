import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SearchResult } from '../../../schemas/search.ts';
import { filtersOf, type SearchPlan } from '../../domain/search/plan.ts';
import {
  correctedWords,
  nameMatchesWithTypos,
  planSimilarNames,
  queryDeletionKeys,
  wordsToCorrect,
} from '../../domain/search/typos.ts';
import { type CapacityMeter, recordCapacity } from '../capacity.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import { searchResultFromProjection } from './entry-items.ts';
import { getStatementProjections } from './statement-projections.ts';

/** Entries read from each deletion-key partition at most: a key is shared by few names. */
const PER_KEY = 50;
/** Candidates resolved through their headers per BatchGet, best first, until the page is full. */
const RESOLVE_CHUNK = 100;

/**
 * Statements whose names are within one letter of the query's words (typo-tolerant search):
 * one Query per deletion key of the longest uncommon query word (at most 17, in parallel, on
 * small partitions), then of the second longest if that found nothing; never a Scan. Candidates are kept when every query word is within one edit of
 * (or starts) a word of their names; their headers are then read by key (a second, BatchGet
 * read, on this rare path only) for what the result shows and the search's other filters; best first.
 */
export async function searchSimilarNames(
  store: Store,
  plan: SearchPlan,
  queryWords: string[],
  options: { limit: number; capacity?: CapacityMeter | undefined },
): Promise<SearchResult[]> {
  for (const similar of planSimilarNames(queryWords)) {
    const found = await similarTo(store, plan, similar, options);
    if (found.length > 0) return found;
  }
  return [];
}

async function similarTo(
  store: Store,
  plan: SearchPlan,
  similar: { keys: string[]; words: string[] },
  options: { limit: number; capacity?: CapacityMeter | undefined },
): Promise<SearchResult[]> {
  const pages = await Promise.all(
    similar.keys.map((key) =>
      store.doc.send(
        new QueryCommand({
          TableName: store.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.searchPartition({ kind: 'fuzzy', key }) },
          Limit: PER_KEY,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      ),
    ),
  );
  const best = new Map<string, { sk: string; matchedName: string | undefined }>();
  for (const page of pages) {
    recordCapacity(options.capacity, 'read', page.ConsumedCapacity);
    for (const item of page.Items ?? []) {
      const id = String(item.id);
      const sk = String(item.sk);
      const names = String(item.tx ?? '')
        .split('|')
        .map((name) => name.trim().split(' ').filter(Boolean));
      if (!names.some((words) => nameMatchesWithTypos(similar.words, words))) continue;
      const seen = best.get(id);
      if (!seen || sk < seen.sk)
        best.set(id, { sk, matchedName: typeof item.mn === 'string' ? item.mn : undefined });
    }
  }
  // The entries hold ids and names only: the results and their filters come from the headers.
  // Filters the exact search reads by partition (a year, a sector) are filters here.
  const { year, sector, turnover, rating } = filtersOf(plan);
  const candidates = [...best].sort((a, b) => (a[1].sk < b[1].sk ? -1 : a[1].sk > b[1].sk ? 1 : 0));
  const results: SearchResult[] = [];
  for (let i = 0; i < candidates.length && results.length < options.limit; i += RESOLVE_CHUNK) {
    const chunk = candidates.slice(i, i + RESOLVE_CHUNK);
    const projections = await getStatementProjections(
      store,
      chunk.map(([id]) => id),
      { capacity: options.capacity },
    );
    for (const [id, { matchedName }] of chunk) {
      const p = projections.get(id);
      if (!p) continue;
      if (year !== undefined && p.year !== year) continue;
      if (sector !== undefined && !p.sectors.includes(sector)) continue;
      if (turnover !== undefined && p.turnover !== turnover) continue;
      if (rating !== undefined && p.check?.rating !== rating) continue;
      results.push(searchResultFromProjection(p, matchedName));
      if (results.length === options.limit) break;
    }
  }
  return results;
}

/**
 * "Did you mean": the query with one word corrected to a name word on the register one typo away,
 * found in the deletion-key partitions of each of the (at most two) words worth correcting, in
 * turn. Each partition is read 50 entries deep, enough to meet a frequent word; the exact search
 * then runs with the correction, with its own partitions, filters and pages.
 */
export async function correctQuery(
  store: Store,
  words: string[],
  options: { capacity?: CapacityMeter | undefined } = {},
): Promise<string[] | undefined> {
  for (const typed of wordsToCorrect(words)) {
    const pages = await Promise.all(
      queryDeletionKeys(typed).map((key) =>
        store.doc.send(
          new QueryCommand({
            TableName: store.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.searchPartition({ kind: 'fuzzy', key }) },
            ProjectionExpression: 'tx',
            Limit: PER_KEY,
            ReturnConsumedCapacity: 'TOTAL',
          }),
        ),
      ),
    );
    const seen: string[] = [];
    for (const page of pages) {
      recordCapacity(options.capacity, 'read', page.ConsumedCapacity);
      for (const item of page.Items ?? [])
        seen.push(
          ...String(item.tx ?? '')
            .split(/[\s|]+/)
            .filter(Boolean),
        );
    }
    const corrected = correctedWords(words, typed, seen);
    if (corrected) return corrected;
  }
  return undefined;
}
