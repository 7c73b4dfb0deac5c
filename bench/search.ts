import { planSearch } from '../functions/domain/search/plan.ts';
import { newCapacityMeter } from '../functions/store/capacity.ts';
import { searchStatements } from '../functions/store/search/search-statements.ts';
import type { Store } from '../functions/store/store.ts';
import { SECTORS } from '../schemas/registry-options.ts';
import type { SearchFilters } from '../schemas/search.ts';
import { random, type SeedSample } from './seed.ts';

/**
 * Search latency and read units per page on a seeded register: name, company-number and filtered
 * searches, each a first page and (where there is one) the next page, at the API's default
 * page size. Latency is the store call as the API route makes it (plan, queries, parsing).
 */

export interface SearchCase {
  kind: 'name' | 'company number' | 'filtered' | 'name + filter';
  filters: Partial<SearchFilters>;
}

export interface SearchFigures {
  kind: SearchCase['kind'];
  searches: number;
  p50: number;
  p95: number;
  meanReadUnits: number;
  maxReadUnits: number;
  meanItems: number;
  /** Pages with no result but a nextCursor: must be 0 (issue 15). */
  emptyPages: number;
  /** Pages that came back full (`limit` results): the like-for-like cost of a page. */
  fullPages: number;
  meanReadUnitsFull: number | null;
}

/** Queries drawn from what was seeded: partial words, reordered words, subsidiaries, numbers, filters. */
export function searchCases(sample: SeedSample, count = 60): SearchCase[] {
  const rng = random(42);
  const cases: SearchCase[] = [];
  const words = (name: string) =>
    name.split(/\s+/).filter((w) => /^[A-Za-z]{2,}$/.test(w) && !/^(ltd|limited|plc|llp|uk)$/i.test(w));
  for (let i = 0; i < count; i++) {
    const roll = i % 4;
    const name = rng.pick(roll === 3 && sample.memberNames.length > 0 ? sample.memberNames : sample.names);
    const parts = words(name);
    let q: string;
    if (roll === 0) q = parts[0]!.slice(0, rng.int(3, parts[0]!.length));
    else if (roll === 1) q = [...parts].reverse().join(' ').toLowerCase();
    else q = name;
    cases.push({ kind: 'name', filters: { q } });
  }
  for (let i = 0; i < count; i++) {
    const number = rng.pick(sample.companyNumbers);
    cases.push({ kind: 'company number', filters: { q: i % 2 === 0 ? number : number.replace(/^0+/, '') } });
  }
  const years = sample.years.slice(-4);
  for (let i = 0; i < count; i++) {
    const year = rng.pick(years);
    const sector = rng.pick(SECTORS.slice(1));
    const variants: Partial<SearchFilters>[] = [
      { year, sector },
      { year, rating: 'non_compliant' },
      { sector, rating: 'weak' },
      { year, turnover: 'Over £500 million', rating: 'strong' },
      { year, sort: 'name' },
    ];
    cases.push({ kind: 'filtered', filters: variants[i % variants.length]! });
  }
  // A name word with filters (session 5's "filtered" held the first of these).
  for (let i = 0; i < count; i++) {
    const year = rng.pick(years);
    const sector = rng.pick(SECTORS.slice(1));
    const q = words(rng.pick(sample.names))[0]!;
    const variants: Partial<SearchFilters>[] = [
      { q, year },
      { q, year, sector },
      { q, rating: 'weak' },
      { q, sector },
    ];
    cases.push({ kind: 'name + filter', filters: variants[i % variants.length]! });
  }
  return cases;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

export async function benchSearch(store: Store, sample: SeedSample, limit = 20): Promise<SearchFigures[]> {
  const cases = searchCases(sample);
  // Warm the connection and the JIT: the figures are for a warm Lambda.
  for (const c of cases.slice(0, 20)) {
    await searchStatements(store, planSearch({ sort: 'relevance', ...c.filters }), { limit });
  }
  const byKind = new Map<
    SearchCase['kind'],
    { ms: number[]; units: number[]; items: number[]; empty: number }
  >();
  for (const c of cases) {
    const plan = planSearch({ sort: 'relevance', ...c.filters });
    let cursor: string | undefined;
    for (let page = 0; page < 2; page++) {
      const capacity = newCapacityMeter();
      const started = performance.now();
      const result = await searchStatements(store, plan, { limit, cursor, capacity });
      const ms = performance.now() - started;
      const figures = byKind.get(c.kind) ?? { ms: [], units: [], items: [], empty: 0 };
      if (result.items.length === 0 && result.nextCursor) figures.empty += 1;
      figures.ms.push(ms);
      figures.units.push(capacity.readUnits);
      figures.items.push(result.items.length);
      byKind.set(c.kind, figures);
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
  }
  return [...byKind].map(([kind, f]) => {
    const full = f.units.filter((_, i) => f.items[i] === limit);
    return {
      kind,
      searches: f.ms.length,
      p50: percentile(f.ms, 50),
      p95: percentile(f.ms, 95),
      meanReadUnits: f.units.reduce((a, b) => a + b, 0) / f.units.length,
      maxReadUnits: Math.max(...f.units),
      meanItems: f.items.reduce((a, b) => a + b, 0) / f.items.length,
      emptyPages: f.empty,
      fullPages: full.length,
      meanReadUnitsFull: full.length > 0 ? full.reduce((a, b) => a + b, 0) / full.length : null,
    };
  });
}
