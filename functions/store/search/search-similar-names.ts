import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SearchResult } from '../../../schemas/search.ts';
import { normaliseName, significantWords } from '../../domain/names.ts';
import { invertDigits, projectionOf } from '../../domain/search/index-entries.ts';
import { typoNamesOf } from '../../domain/search/organisation-typos.ts';
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
import { getSubmittedSummaries, statementIdsOfOrganisation } from './statement-projections.ts';

/** Entries read from each deletion-key partition at most: a key is shared by few names. */
const PER_KEY = 50;
/** Candidates resolved through their headers per BatchGet, best first, until the page is full. */
const RESOLVE_CHUNK = 100;

/**
 * Statements whose names are within one letter of the query's words (typo-tolerant search):
 * one Query per deletion key of the longest uncommon query word (at most 17, in parallel, on
 * small partitions), then of the second longest if that found nothing; never a Scan. Candidates
 * are kept when every query word is within one edit of (or starts) a word of their names; an
 * organisation's statements are then found in its partition (a small Query each, of the year
 * when one is asked for) and their headers read by key (a BatchGet, on this rare path only) for
 * what the result shows and the search's other filters; best first.
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
  // Entries of an organisation (INDEX_VERSION 5) carry its id; entries of one statement (3 and 4,
  // until re-indexed) the statement's.
  const best = new Map<string, Candidate>();
  for (const page of pages) {
    recordCapacity(options.capacity, 'read', page.ConsumedCapacity);
    for (const item of page.Items ?? []) {
      const candidate: Candidate | undefined =
        typeof item.o === 'string'
          ? { kind: 'organisation', id: item.o, sk: String(item.sk) }
          : typeof item.id === 'string'
            ? {
                kind: 'statement',
                id: item.id,
                sk: String(item.sk),
                matchedName: typeof item.mn === 'string' ? item.mn : undefined,
              }
            : undefined;
      if (!candidate) continue;
      const names = String(item.tx ?? '')
        .split('|')
        .map((name) => name.trim().split(' ').filter(Boolean));
      if (!names.some((words) => nameMatchesWithTypos(similar.words, words))) continue;
      const key = `${candidate.kind}#${candidate.id}`;
      const seen = best.get(key);
      if (!seen || candidate.sk < seen.sk) best.set(key, candidate);
    }
  }
  // The entries hold ids and names only: the results and their filters come from the headers.
  // Filters the exact search reads by partition (a year, a sector) are filters here.
  const { year, sector, turnover, rating } = filtersOf(plan);
  const candidates = [...best.values()].sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0));
  const found = new Map<string, { order: string; result: SearchResult }>();
  for (let i = 0; i < candidates.length && found.size < options.limit; i += RESOLVE_CHUNK) {
    const chunk = candidates.slice(i, i + RESOLVE_CHUNK);
    // An organisation's statements (of the year asked for), from its own partition.
    const ofOrganisations = await Promise.all(
      chunk.map(async (candidate) =>
        candidate.kind === 'organisation'
          ? (await statementIdsOfOrganisation(store, candidate.id, { year, capacity: options.capacity })).map(
              (id) => ({ id, candidate }),
            )
          : [{ id: candidate.id, candidate }],
      ),
    );
    const wanted = ofOrganisations.flat();
    const summaries = await getSubmittedSummaries(
      store,
      wanted.map(({ id }) => id),
      { capacity: options.capacity },
    );
    for (const { id, candidate } of wanted) {
      const summary = summaries.get(id);
      if (!summary || found.has(id)) continue;
      let matchedName = candidate.matchedName;
      if (candidate.kind === 'organisation') {
        // The organisation's entries hold the names of all its statements: this one's must match.
        const match = typoNamesOf(summary).find(({ name }) =>
          nameMatchesWithTypos(similar.words, significantWords(name)),
        );
        if (!match) continue;
        matchedName = match.own ? undefined : match.name;
      }
      const p = projectionOf(summary);
      if (year !== undefined && p.year !== year) continue;
      if (sector !== undefined && !p.sectors.includes(sector)) continue;
      if (turnover !== undefined && p.turnover !== turnover) continue;
      if (rating !== undefined && p.check?.rating !== rating) continue;
      // Best entry first, then newest year, then name, as the per-statement entries were ordered.
      const order = `${candidate.sk.slice(0, 2)}#${invertDigits(String(p.year).padStart(4, '0'))}#${normaliseName(p.organisationName)}#${id}`;
      found.set(id, { order, result: searchResultFromProjection(p, matchedName) });
    }
  }
  return [...found.values()]
    .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))
    .slice(0, options.limit)
    .map(({ result }) => result);
}

type Candidate =
  | { kind: 'organisation'; id: string; sk: string; matchedName?: undefined }
  | { kind: 'statement'; id: string; sk: string; matchedName: string | undefined };

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
