import * as z from 'zod';
import { SECTORS, TURNOVER_BANDS } from '../../../schemas/registry-options.ts';
import type { SearchResult } from '../../../schemas/search.ts';
import { ratingSchema } from '../../../schemas/statement-summary.ts';
import {
  hasOwnRelevance,
  type IndexProjection,
  isNarrowedTerm,
  type StatementIndex,
} from '../../domain/search/index-entries.ts';
import { keys } from '../keys.ts';

/**
 * How a search entry is stored. Attribute names are short on purpose: every page of results
 * reads 20 or more of these, and read units are charged by the byte.
 *
 * id, o organisation id, n organisation name, c company number, g group?, y year, ps/pe period,
 * sx sector positions, to turnover position, r rating, m meets the legal minimum, a areas covered,
 * sa submitted at, tx names text (name and company entries), mn matched member name.
 */
export const entryItemSchema = z.object({
  id: z.string(),
  o: z.string(),
  n: z.string(),
  c: z.string().optional(),
  g: z.boolean(),
  y: z.number().int(),
  ps: z.string(),
  pe: z.string(),
  sx: z.array(z.number().int()).optional(),
  to: z.number().int().optional(),
  r: ratingSchema.optional(),
  m: z.boolean().nullable().optional(),
  a: z.number().int().optional(),
  sa: z.string().optional(),
  mn: z.string().optional(),
});

export type EntryItem = Record<string, unknown> & { pk: string; sk: string };

/** The attributes of an entry that show a result (entryItemSchema), from the statement's projection. */
function projectionAttributes(p: IndexProjection): Record<string, unknown> {
  return {
    id: p.id,
    o: p.organisationId,
    n: p.organisationName,
    ...(p.companyNumber ? { c: p.companyNumber } : {}),
    g: p.isGroup,
    y: p.year,
    ps: p.periodStart,
    pe: p.periodEnd,
    ...(p.sectors.length > 0 ? { sx: p.sectors } : {}),
    ...(p.turnover !== null ? { to: p.turnover } : {}),
    ...(p.check ? { r: p.check.rating, m: p.check.meetsLegalMinimum, a: p.check.areasCovered } : {}),
    ...(p.submittedAt ? { sa: p.submittedAt } : {}),
  };
}

/**
 * Every item the index holds for a statement, keys included. `fuzzy` entries hold only the id,
 * the names and the matched member's name: they change only when the names (or year) do.
 * Name + sector/rating entries are in the table and gsi3 only; the others in gsi1 (name order)
 * too, and name partitions in gsi2 (date order) and gsi3 (a year).
 */
export function entryItems(index: StatementIndex): EntryItem[] {
  const { projection: p } = index;
  const common: Record<string, unknown> = { entity: 'searchEntry', ...projectionAttributes(p) };
  return index.entries.map((entry) => {
    const names = {
      ...(entry.text !== undefined ? { tx: entry.text } : {}),
      ...(entry.matchedName !== undefined ? { mn: entry.matchedName } : {}),
    };
    const { facet, relevance } = entry;
    if (facet.kind === 'fuzzy')
      return { ...keys.fuzzyEntry(facet.key, relevance, p.id), entity: 'searchEntry', id: p.id, ...names };
    if (isNarrowedTerm(facet))
      return { ...keys.narrowedNameEntry(facet, relevance, p.year, p.id), ...common, ...names };
    const order = {
      relevance,
      name: index.nameKey,
      date: hasOwnRelevance(facet) ? index.dateKey : undefined,
      year: hasOwnRelevance(facet) ? p.year : undefined,
    };
    return { ...keys.searchEntry(facet, order, p.id), ...common, ...names };
  });
}

/** A result from a statement's projection (a `fuzzy` hit resolved through its header). */
export function searchResultFromProjection(
  p: IndexProjection,
  matchedName: string | undefined,
): SearchResult {
  return searchResultFromItem({ ...projectionAttributes(p), ...(matchedName ? { mn: matchedName } : {}) });
}

export function searchResultFromItem(item: Record<string, unknown>): SearchResult {
  const entry = entryItemSchema.parse(item);
  return {
    id: entry.id,
    organisationId: entry.o,
    organisationName: entry.n,
    companyNumber: entry.c ?? null,
    isGroup: entry.g,
    year: entry.y,
    periodStart: entry.ps,
    periodEnd: entry.pe,
    sectors: (entry.sx ?? []).flatMap((index) => SECTORS[index] ?? []),
    turnover: entry.to === undefined ? null : (TURNOVER_BANDS[entry.to] ?? null),
    submittedAt: entry.sa ?? null,
    check:
      entry.r !== undefined && entry.a !== undefined
        ? { rating: entry.r, areasCovered: entry.a, meetsLegalMinimum: entry.m ?? null }
        : null,
    matchedName: entry.mn ?? null,
  };
}
