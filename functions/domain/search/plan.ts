import type { SearchFilters, SearchSort } from '../../../schemas/search.ts';
import type { Rating } from '../../../schemas/statement-summary.ts';
import { invalid } from '../errors.ts';
import { significantWords } from '../names.ts';
import {
  MAX_PREFIX,
  MIN_PREFIX,
  normaliseCompanyNumber,
  pairFacet,
  pairPrefix,
  type SearchFacet,
  sectorIndex,
  turnoverIndex,
} from './index-entries.ts';

/**
 * How one search is answered: read one partition of the index in one order, keeping the entries
 * that pass the remaining filters. One partition, never a scan: the cost of a page is bounded by
 * the read budget whatever the register's size.
 */
export interface SearchPlan {
  facet: SearchFacet;
  sort: SearchSort;
  /** Read the facet's partition of this one reporting year (name and company facets, relevance order). */
  inYear?: number;
  filters: {
    /** Query words the partition does not already guarantee; an entry's names must have a word starting with each. */
    words: string[];
    year?: number;
    sector?: number;
    turnover?: number;
    rating?: Rating;
  };
}

/**
 * Words so common in organisation names that they rarely narrow a search; the partition of
 * another query word is read instead when there is one.
 */
export const COMMON_NAME_WORDS = new Set([
  'group',
  'holdings',
  'holding',
  'international',
  'services',
  'solutions',
  'global',
  'management',
  'trading',
  'industries',
  'partners',
  'europe',
  'british',
  'investments',
  'capital',
  'properties',
  'systems',
  'technologies',
  'enterprises',
  'logistics',
  'retail',
  'foods',
  'united',
  'national',
  'royal',
]);

function selectivity(word: string): number {
  // Prefer uncommon words, then longer partitions (up to MAX_PREFIX), then longer words.
  return (
    (COMMON_NAME_WORDS.has(word) ? 0 : 100) +
    Math.min(word.length, MAX_PREFIX) * 10 +
    Math.min(word.length, 9)
  );
}

/**
 * A name (or company number) with a year reads that year's partition in relevance order, so the
 * year is in the key and nothing read is thrown away for it; other filters still filter the
 * entries read (functions/store/search/search-statements.ts keeps reading until a page has results).
 */
function inYearPartition(plan: SearchPlan): SearchPlan {
  const year = plan.filters.year;
  if (year === undefined || plan.sort !== 'relevance') return plan;
  delete plan.filters.year;
  return { ...plan, inYear: year };
}

export function planSearch(filters: SearchFilters): SearchPlan {
  const q = filters.q?.trim() ?? '';
  const fromQuery = q ? normaliseCompanyNumber(q) : undefined;
  const companyNumber = filters.companyNumber ?? fromQuery;
  const words = fromQuery ? [] : significantWords(q);

  const plan: SearchPlan = {
    facet: { kind: 'all' },
    sort: filters.sort,
    filters: {
      words: [],
      ...(filters.year !== undefined ? { year: filters.year } : {}),
      ...(filters.sector !== undefined ? { sector: sectorIndex(filters.sector) ?? -1 } : {}),
      ...(filters.turnover !== undefined ? { turnover: turnoverIndex(filters.turnover) ?? -1 } : {}),
      ...(filters.rating !== undefined ? { rating: filters.rating } : {}),
    },
  };

  if (companyNumber) {
    plan.facet = { kind: 'company', companyNumber };
    plan.filters.words = words;
    return inYearPartition(plan);
  }

  if (words.length > 0) {
    const candidates = words
      .filter((word) => word.length >= MIN_PREFIX)
      .sort((a, b) => selectivity(b) - selectivity(a));
    const driving = candidates[0];
    if (!driving) {
      throw invalid([
        { path: '/q', message: 'enter at least 2 letters or numbers of the organisation’s name' },
      ]);
    }
    // Two words with different 4-character prefixes: the pair partition of the two most selective.
    const first = pairPrefix(driving);
    const partner = first
      ? candidates.find((word) => {
          const prefix = pairPrefix(word);
          return prefix !== undefined && prefix !== first;
        })
      : undefined;
    const secondPrefix = partner ? pairPrefix(partner) : undefined;
    const drivers = new Set<string>([driving]);
    const { sector, rating } = plan.filters;
    if (first && partner && secondPrefix) {
      plan.facet = pairFacet(first, secondPrefix);
      drivers.add(partner);
    } else if (first && plan.sort === 'relevance' && sector !== undefined) {
      // One name word with a sector (or rating): the partition of both, so nothing read fails the filter.
      plan.facet = { kind: 'termSector', prefix: first, sector };
      delete plan.filters.sector;
    } else if (first && plan.sort === 'relevance' && rating !== undefined) {
      plan.facet = { kind: 'termRating', prefix: first, rating };
      delete plan.filters.rating;
    } else {
      plan.facet = { kind: 'term', prefix: driving.slice(0, MAX_PREFIX) };
    }
    // The partition guarantees a driving word only when it is no longer than its prefix.
    plan.filters.words = [...new Set(words.filter((word) => !drivers.has(word) || word.length > MAX_PREFIX))];
    return inYearPartition(plan);
  }
  if (q)
    throw invalid([
      { path: '/q', message: 'enter at least 2 letters or numbers of the organisation’s name' },
    ]);

  // No name: the partition of exactly these filters, so nothing read is filtered out.
  const { year, sector, rating, turnover } = plan.filters;
  const { filters: rest } = plan;
  const combined = [sector, rating, turnover].filter((value) => value !== undefined).length;
  if (combined >= 2) {
    plan.facet = {
      kind: 'combo',
      ...(sector !== undefined ? { sector } : {}),
      ...(rating !== undefined ? { rating } : {}),
      ...(turnover !== undefined ? { turnover } : {}),
      ...(year !== undefined ? { year } : {}),
    };
    delete rest.sector;
    delete rest.rating;
    delete rest.turnover;
  } else if (sector !== undefined) {
    plan.facet = { kind: 'sector', sector, year };
    delete rest.sector;
  } else if (rating !== undefined) {
    plan.facet = { kind: 'rating', rating, year };
    delete rest.rating;
  } else if (turnover !== undefined) {
    plan.facet = { kind: 'turnover', turnover, year };
    delete rest.turnover;
  } else if (year !== undefined) {
    plan.facet = { kind: 'year', year };
  }
  if (year !== undefined) delete rest.year;
  return plan;
}

/** Every filter of a search, wherever the plan keeps it (in the partition read, or left to filter). */
export function filtersOf(plan: SearchPlan): {
  year?: number | undefined;
  sector?: number | undefined;
  turnover?: number | undefined;
  rating?: Rating | undefined;
} {
  const { facet } = plan;
  return {
    year: plan.filters.year ?? plan.inYear,
    sector: plan.filters.sector ?? (facet.kind === 'termSector' ? facet.sector : undefined),
    turnover: plan.filters.turnover,
    rating: plan.filters.rating ?? (facet.kind === 'termRating' ? facet.rating : undefined),
  };
}

/** A short fingerprint of a plan, so a cursor is only ever used with the search that made it. */
export function planFingerprint(plan: SearchPlan): string {
  const text = JSON.stringify([plan.facet, plan.sort, plan.filters, plan.inYear ?? null]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
