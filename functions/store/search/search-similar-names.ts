import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SearchResult } from '../../../schemas/search.ts';
import type { SearchPlan } from '../../domain/search/plan.ts';
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
import { searchResultFromItem } from './entry-items.ts';

/** Entries read from each deletion-key partition at most: a key is shared by few names. */
const PER_KEY = 50;

/**
 * Statements whose names are within one letter of the query's words (typo-tolerant search):
 * one Query per deletion key of the longest uncommon query word (at most 17, in parallel, on
 * small partitions), then of the second longest if that found nothing; never a Scan. Candidates are kept when every query word is within one edit of
 * (or starts) a word of their names, and when they pass the search's other filters; best first.
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
  const { year, sector, turnover, rating } = plan.filters;
  const best = new Map<string, { sk: string; item: Record<string, unknown> }>();
  for (const page of pages) {
    recordCapacity(options.capacity, 'read', page.ConsumedCapacity);
    for (const item of page.Items ?? []) {
      const id = String(item.id);
      const sk = String(item.sk);
      const names = String(item.tx ?? '')
        .split('|')
        .map((name) => name.trim().split(' ').filter(Boolean));
      if (!names.some((words) => nameMatchesWithTypos(similar.words, words))) continue;
      if (year !== undefined && item.y !== year) continue;
      if (sector !== undefined && !(Array.isArray(item.sx) && item.sx.includes(sector))) continue;
      if (turnover !== undefined && item.to !== turnover) continue;
      if (rating !== undefined && item.r !== rating) continue;
      const seen = best.get(id);
      if (!seen || sk < seen.sk) best.set(id, { sk, item });
    }
  }
  return [...best.values()]
    .sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0))
    .slice(0, options.limit)
    .map(({ item }) => searchResultFromItem(item));
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
