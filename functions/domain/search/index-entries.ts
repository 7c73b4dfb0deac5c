import { SECTORS, TURNOVER_BANDS } from '../../../schemas/registry-options.ts';
import type { Rating, StatementSummary } from '../../../schemas/statement-summary.ts';
import { normaliseName, significantWords } from '../names.ts';

/**
 * The search index, as the domain sees it: which partitions ("facets") a submitted statement is
 * listed in, and the sort values that order each partition. The store turns these into keys
 * (functions/store/keys.ts); nothing here knows about DynamoDB.
 *
 * - `term`: one partition per name-word prefix of 2 to 4 characters ("re", "ret", "reta").
 *   A statement is listed once per prefix however many of its names (its own, its group
 *   members') have a word starting with it. A longer query word reads its 4-character partition
 *   and keeps the entries whose names have a word starting with the whole query word.
 * - `pair`: one partition per pair of different 4-character word prefixes found in one name
 *   ("smit" + "logi" for "Smith Logistics"), words of 4 or more characters only, in alphabetical
 *   order: a query of two or more such words reads the small partition of its two most selective
 *   words instead of a large single-word one full of near-misses.
 * - `fuzzy`: one partition per deletion key of a name word of 4 or more letters (the word, and the
 *   word with each one letter left out): a word with a one-letter typo shares a key with it.
 *   Read only when the exact search finds nothing (functions/store/search/search-similar-names.ts).
 *   Kept once per organisation, not built here (functions/domain/search/organisation-typos.ts):
 *   an entry carries the organisation id and the names, in the table alone (no index copy); a
 *   hit is resolved through the organisation's statements for the year and their headers.
 * - `termSector` / `termRating`: the 4-character `term` partitions again, one per sector of the
 *   statement and one for its check rating ("reta" in sector 3): a name with a sector or rating
 *   filter (relevance order, the year through gsi3) reads only entries that pass the filter. In
 *   the table and gsi3 only (sorting by name or date filters the `term` partition instead).
 * - `company`: one partition per company number (the organisation's and each group member's).
 * - facets for filters without a name: every statement (`all`), per reporting year, and per
 *   sector / check rating / turnover band, each alone and combined with the year; `combo` for
 *   every combination of two or three of sector, rating and turnover, with and without the year.
 *   Every filter-only search thus reads exactly the partition of its filters, keeping nothing
 *   out: its cost per page does not depend on the register's size.
 */
export type SearchFacet =
  | { kind: 'term'; prefix: string }
  | { kind: 'company'; companyNumber: string }
  | { kind: 'all' }
  | { kind: 'year'; year: number }
  | { kind: 'sector'; sector: number; year?: number | undefined }
  | { kind: 'rating'; rating: Rating; year?: number | undefined }
  | { kind: 'turnover'; turnover: number; year?: number | undefined }
  | { kind: 'pair'; first: string; second: string }
  /** A deletion key of a name word (functions/domain/search/typos.ts), for typo-tolerant search. */
  | { kind: 'fuzzy'; key: string }
  /** A 4-letter name-word prefix of statements in one sector, or with one check rating: a name with that filter. */
  | { kind: 'termSector'; prefix: string; sector: number }
  | { kind: 'termRating'; prefix: string; rating: Rating }
  | {
      kind: 'combo';
      sector?: number | undefined;
      rating?: Rating | undefined;
      turnover?: number | undefined;
      year?: number | undefined;
    };

/**
 * The version of what the index holds for a statement (its entries and open-data lines): raise it
 * whenever either changes. The daily job functions/worker/open-data-rerender.ts then re-indexes
 * every listed statement, so partitions added by a new version fill in for statements indexed
 * before it. Only add partitions in a new version: entries of the old one are found for deletion
 * by building them again with today's code, so an old key format would be left behind.
 * 1: terms, company numbers, single filters; 2: word pairs and filter combinations; 3: name and
 * company partitions per reporting year (gsi3 on the same entries: no new items), and deletion
 * keys of name words (`fuzzy`); 4: `fuzzy` entries slimmed to keys, id and names, in no index
 * (same keys: re-indexing at 4 overwrites each old entry and its index copies), and 4-letter name
 * prefixes per sector and per rating (`termSector`, `termRating`); 5: `fuzzy` entries once per
 * organisation (same partitions, new sort keys and items; the per-statement entries of 3 and 4
 * are rebuilt by legacyStatementTypoEntries to be deleted).
 */
export const INDEX_VERSION = 5;
/** The first version whose typo entries belong to the organisation, not the statement. */
export const ORGANISATION_TYPOS_SINCE = 5;

/** Shortest and longest prefix that has its own partition. */
export const MIN_PREFIX = 2;
export const MAX_PREFIX = 4;

/** Name partitions have a query-independent relevance order; the others are ordered newest first. */
export function hasOwnRelevance(facet: SearchFacet): boolean {
  return (
    facet.kind === 'term' ||
    facet.kind === 'pair' ||
    facet.kind === 'company' ||
    facet.kind === 'fuzzy' ||
    isNarrowedTerm(facet)
  );
}

/** The name partitions narrowed to a sector or rating: relevance order only (table and gsi3). */
export function isNarrowedTerm(facet: SearchFacet): boolean {
  return facet.kind === 'termSector' || facet.kind === 'termRating';
}

/** The prefix a word has in `pair` partitions, or none when it is too short to be in one. */
export function pairPrefix(word: string): string | undefined {
  return word.length >= MAX_PREFIX ? word.slice(0, MAX_PREFIX) : undefined;
}

/** The `pair` facet of two different prefixes, in alphabetical order. */
export function pairFacet(a: string, b: string): SearchFacet {
  return a < b ? { kind: 'pair', first: a, second: b } : { kind: 'pair', first: b, second: a };
}

export interface IndexEntry {
  facet: SearchFacet;
  /** Best first in ascending order. For facets without their own relevance, the date order. */
  relevance: string;
  /** Name entries: the normalised names behind the match, " word word | word ", for word filters. */
  text?: string;
  /** Name entries: the group member's name that matched, when the organisation's own did not. */
  matchedName?: string;
}

/** What every entry of a statement carries, so a results list needs no other read. */
export interface IndexProjection {
  id: string;
  organisationId: string;
  organisationName: string;
  companyNumber: string | null;
  isGroup: boolean;
  year: number;
  periodStart: string;
  periodEnd: string;
  /** Positions in SECTORS (unknown labels are not indexed). */
  sectors: number[];
  /** Position in TURNOVER_BANDS, or null. */
  turnover: number | null;
  submittedAt: string | null;
  check: StatementSummary['check'];
}

export interface StatementIndex {
  projection: IndexProjection;
  /** Ascending: A to Z by normalised name. */
  nameKey: string;
  /** Ascending: newest submission first. */
  dateKey: string;
  entries: IndexEntry[];
}

/** Digits turned round (0↔9) so that ascending order is newest first: "2025-07-01…" → "7974-92-98…". */
export function invertDigits(value: string): string {
  return value.replace(/\d/g, (digit) => String(9 - Number(digit)));
}

export function sectorIndex(label: string): number | undefined {
  const index = (SECTORS as readonly string[]).indexOf(label);
  return index >= 0 ? index : undefined;
}

export function turnoverIndex(label: string | null | undefined): number | undefined {
  if (!label) return undefined;
  const index = (TURNOVER_BANDS as readonly string[]).indexOf(label);
  return index >= 0 ? index : undefined;
}

/** Company numbers as Companies House writes them: upper case, no spaces, 8 characters. */
export function normaliseCompanyNumber(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  if (/^[A-Z]{2}\d{6}$/.test(compact) || /^\d{8}$/.test(compact)) return compact;
  // People drop the leading zeros: "1234567" is 01234567.
  if (/^\d{6,7}$/.test(compact)) return compact.padStart(8, '0');
  return undefined;
}

interface NameMatch {
  /** 0: first word of the own name, 1: another own word, 2: first word of a member, 3: another member word. */
  tier: number;
  /** How many significant words the best name has: shorter names rank first. */
  words: number;
  names: Set<string>;
  matchedName: string | undefined;
}

/** What a search result shows of a statement, as every entry (but the `fuzzy` ones) carries it. */
export function projectionOf(summary: StatementSummary): IndexProjection {
  const turnover = turnoverIndex(summary.turnover);
  return {
    id: summary.id,
    organisationId: summary.organisationId,
    organisationName: summary.organisationName,
    companyNumber: summary.companyNumber,
    isGroup: summary.isGroup,
    year: summary.year,
    periodStart: summary.periodStart,
    periodEnd: summary.periodEnd,
    sectors: [...new Set(summary.sectors.map(sectorIndex).filter((s): s is number => s !== undefined))],
    turnover: turnover ?? null,
    submittedAt: summary.submittedAt,
    check: summary.check,
  };
}

/** Every partition a statement is listed in, with its sort values. Only submitted statements are indexed. */
export function indexStatement(summary: StatementSummary): StatementIndex {
  const nameKey = normaliseName(summary.organisationName) || summary.organisationName.toLowerCase();
  const dateKey = invertDigits(summary.submittedAt ?? summary.updatedAt);
  const yearKey = invertDigits(String(summary.year).padStart(4, '0'));
  const projection = projectionOf(summary);
  const { sectors } = projection;
  const turnover = projection.turnover ?? undefined;

  const entries: IndexEntry[] = [];
  const names = [
    { name: summary.organisationName, own: true },
    ...summary.groupMembers.map((member) => ({ name: member.name, own: false })),
  ];

  // Name prefixes and word pairs: one entry per partition, ranked by the best name that has it.
  const matches = new Map<string, NameMatch & { facet: SearchFacet }>();
  const seen = (facet: SearchFacet, found: Omit<NameMatch, 'names'> & { normalised: string }) => {
    const key = JSON.stringify(facet);
    const match = matches.get(key);
    if (!match) {
      const { normalised, ...rest } = found;
      matches.set(key, { ...rest, facet, names: new Set([normalised]) });
      return;
    }
    match.names.add(found.normalised);
    if (found.tier < match.tier || (found.tier === match.tier && found.words < match.words)) {
      match.tier = found.tier;
      match.words = found.words;
      match.matchedName = found.matchedName;
    }
  };
  for (const { name, own } of names) {
    const words = significantWords(name);
    const found = {
      words: words.length,
      normalised: words.join(' '),
      matchedName: own ? undefined : name,
    };
    const tierAt = (position: number) => (own ? 0 : 2) + (position === 0 ? 0 : 1);
    words.forEach((word, position) => {
      for (let length = MIN_PREFIX; length <= Math.min(MAX_PREFIX, word.length); length++) {
        seen({ kind: 'term', prefix: word.slice(0, length) }, { ...found, tier: tierAt(position) });
      }
    });
    // Pairs of different 4-letter prefixes of this one name, ranked by the earlier word.
    const firstAt = new Map<string, number>();
    words.forEach((word, position) => {
      const prefix = pairPrefix(word);
      if (prefix && !firstAt.has(prefix)) firstAt.set(prefix, position);
    });
    const list = [...firstAt];
    list.forEach(([a, positionA], i) => {
      for (const [b, positionB] of list.slice(i + 1)) {
        seen(pairFacet(a, b), { ...found, tier: tierAt(Math.min(positionA, positionB)) });
      }
    });
  }
  const rating = summary.check?.rating;
  for (const match of matches.values()) {
    const entry = {
      relevance: `${match.tier}${Math.min(match.words, 9)}#${yearKey}#${nameKey}`,
      text: textOf(match.names),
      ...(match.matchedName ? { matchedName: match.matchedName } : {}),
    };
    entries.push({ facet: match.facet, ...entry });
    // The longest prefixes again per sector and rating (a name with a filter reads only what passes it).
    if (match.facet.kind === 'term' && match.facet.prefix.length === MAX_PREFIX) {
      const prefix = match.facet.prefix;
      for (const sector of sectors) entries.push({ facet: { kind: 'termSector', prefix, sector }, ...entry });
      if (rating) entries.push({ facet: { kind: 'termRating', prefix, rating }, ...entry });
    }
  }

  // Company numbers: the organisation's own first, then its group members'.
  const allNames = textOf(new Set(names.map(({ name }) => normaliseName(name))));
  const numbers = new Map<string, { tier: number; matchedName?: string }>();
  const ownNumber = summary.companyNumber ? normaliseCompanyNumber(summary.companyNumber) : undefined;
  if (ownNumber) numbers.set(ownNumber, { tier: 0 });
  for (const member of summary.groupMembers) {
    const number = member.companyNumber ? normaliseCompanyNumber(member.companyNumber) : undefined;
    if (number && !numbers.has(number)) numbers.set(number, { tier: 1, matchedName: member.name });
  }
  for (const [companyNumber, { tier, matchedName }] of numbers) {
    entries.push({
      facet: { kind: 'company', companyNumber },
      relevance: `${tier}#${yearKey}#${nameKey}`,
      text: allNames,
      ...(matchedName ? { matchedName } : {}),
    });
  }

  // Facets: newest first is their relevance.
  const year = summary.year;
  const facets: SearchFacet[] = [{ kind: 'all' }, { kind: 'year', year }];
  for (const sector of sectors) facets.push({ kind: 'sector', sector }, { kind: 'sector', sector, year });
  if (rating) facets.push({ kind: 'rating', rating }, { kind: 'rating', rating, year });
  if (turnover !== undefined)
    facets.push({ kind: 'turnover', turnover }, { kind: 'turnover', turnover, year });
  for (const combo of filterCombinations(sectors, rating, turnover)) {
    facets.push({ kind: 'combo', ...combo }, { kind: 'combo', ...combo, year });
  }
  for (const facet of facets) entries.push({ facet, relevance: dateKey });

  return { projection, nameKey, dateKey, entries };
}

/** Every combination of two or three of the statement's sector, rating and turnover band. */
function filterCombinations(
  sectors: number[],
  rating: Rating | undefined,
  turnover: number | undefined,
): { sector?: number; rating?: Rating; turnover?: number }[] {
  const combinations: { sector?: number; rating?: Rating; turnover?: number }[] = [];
  if (rating !== undefined && turnover !== undefined) combinations.push({ rating, turnover });
  for (const sector of sectors) {
    if (rating !== undefined) combinations.push({ sector, rating });
    if (turnover !== undefined) combinations.push({ sector, turnover });
    if (rating !== undefined && turnover !== undefined) combinations.push({ sector, rating, turnover });
  }
  return combinations;
}

function textOf(names: Set<string>): string {
  return ` ${[...names].join(' | ')} `;
}
