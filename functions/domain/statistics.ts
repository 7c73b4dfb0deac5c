import { SECTORS } from '../../schemas/registry-options.ts';
import type { StatementSummary } from '../../schemas/statement-summary.ts';
import type { RegisterStatistics } from '../../schemas/statistics.ts';
import { RATINGS_IN_ORDER } from '../../schemas/statistics.ts';
import { sectorIndex } from './search/index-entries.ts';

/**
 * The statistics page's figures are counters, kept up to date by the stream worker as statements
 * are submitted, checked, revised and withdrawn: each submitted statement contributes to its
 * reporting year's counters, and a change applies the difference between the old and the new
 * contribution (exactly once: see functions/store/search/apply-search-index.ts).
 *
 * Counter names (one flat record per year): n statements, ck checked, mt / mf / mu meets the
 * legal minimum yes / no / undetermined, ar areas covered (sum over checked statements),
 * r_<rating> statements per rating, and per sector position i: s<i>_n, s<i>_ck, s<i>_ar, s<i>_mt.
 */
export type Counters = Record<string, number>;

export function contributionOf(
  summary: StatementSummary | null | undefined,
): { year: number; counters: Counters } | null {
  if (summary?.status !== 'submitted') return null;
  const counters: Counters = { n: 1 };
  const check = summary.check;
  if (check) {
    counters.ck = 1;
    counters.ar = check.areasCovered;
    if (check.meetsLegalMinimum === true) counters.mt = 1;
    else if (check.meetsLegalMinimum === false) counters.mf = 1;
    else counters.mu = 1;
    counters[`r_${check.rating}`] = 1;
  }
  const sectors = new Set(summary.sectors.map(sectorIndex).filter((s): s is number => s !== undefined));
  for (const sector of sectors) {
    counters[`s${sector}_n`] = 1;
    if (check) {
      counters[`s${sector}_ck`] = 1;
      counters[`s${sector}_ar`] = check.areasCovered;
      if (check.meetsLegalMinimum === true) counters[`s${sector}_mt`] = 1;
    }
  }
  return { year: summary.year, counters };
}

/** What to add to each year's counters when a statement's contribution changes from `before` to `after`. */
export function contributionDelta(
  before: StatementSummary | null | undefined,
  after: StatementSummary | null | undefined,
): Map<number, Counters> {
  const deltas = new Map<number, Counters>();
  const add = (year: number, counters: Counters, sign: 1 | -1) => {
    const delta = deltas.get(year) ?? {};
    for (const [name, value] of Object.entries(counters)) delta[name] = (delta[name] ?? 0) + sign * value;
    deltas.set(year, delta);
  };
  const old = contributionOf(before);
  const next = contributionOf(after);
  if (old) add(old.year, old.counters, -1);
  if (next) add(next.year, next.counters, 1);
  for (const [year, delta] of deltas) {
    for (const [name, value] of Object.entries(delta)) if (value === 0) delete delta[name];
    if (Object.keys(delta).length === 0) deltas.delete(year);
  }
  return deltas;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** The statistics page's figures from each year's summed counters. */
export function statisticsFrom(years: Map<number, Counters>): RegisterStatistics {
  const sorted = [...years.entries()].filter(([, c]) => (c.n ?? 0) > 0).sort(([a], [b]) => a - b);
  return {
    years: sorted.map(([year, c]) => {
      const checked = c.ck ?? 0;
      const meets = c.mt ?? 0;
      const fails = c.mf ?? 0;
      return {
        year,
        statements: c.n ?? 0,
        checked,
        meetsLegalMinimum: meets,
        doesNotMeetLegalMinimum: fails,
        undetermined: c.mu ?? 0,
        shareMeetingLegalMinimum: share(meets, checked),
        averageAreasCovered: share(c.ar ?? 0, checked),
        ratings: Object.fromEntries(
          RATINGS_IN_ORDER.map((rating) => [rating, c[`r_${rating}`] ?? 0]),
        ) as Record<(typeof RATINGS_IN_ORDER)[number], number>,
        sectors: SECTORS.flatMap((sector, i) => {
          const statements = c[`s${i}_n`] ?? 0;
          if (statements === 0) return [];
          const sectorChecked = c[`s${i}_ck`] ?? 0;
          return [
            {
              sector,
              statements,
              checked: sectorChecked,
              averageAreasCovered: share(c[`s${i}_ar`] ?? 0, sectorChecked),
              shareMeetingLegalMinimum: share(c[`s${i}_mt`] ?? 0, sectorChecked),
            },
          ];
        }),
      };
    }),
  };
}
