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
 * - `company`: one partition per company number (the organisation's and each group member's).
 * - facets for filters without a name: every statement (`all`), per reporting year, and per
 *   sector / check rating / turnover band, each alone and combined with the year.
 */
export type SearchFacet =
  | { kind: 'term'; prefix: string }
  | { kind: 'company'; companyNumber: string }
  | { kind: 'all' }
  | { kind: 'year'; year: number }
  | { kind: 'sector'; sector: number; year?: number | undefined }
  | { kind: 'rating'; rating: Rating; year?: number | undefined }
  | { kind: 'turnover'; turnover: number; year?: number | undefined };

/** Shortest and longest prefix that has its own partition. */
export const MIN_PREFIX = 2;
export const MAX_PREFIX = 4;

/** Name partitions have a query-independent relevance order; the others are ordered newest first. */
export function hasOwnRelevance(facet: SearchFacet): boolean {
  return facet.kind === 'term' || facet.kind === 'company';
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

/** Every partition a statement is listed in, with its sort values. Only submitted statements are indexed. */
export function indexStatement(summary: StatementSummary): StatementIndex {
  const nameKey = normaliseName(summary.organisationName) || summary.organisationName.toLowerCase();
  const dateKey = invertDigits(summary.submittedAt ?? summary.updatedAt);
  const yearKey = invertDigits(String(summary.year).padStart(4, '0'));
  const sectors = [...new Set(summary.sectors.map(sectorIndex).filter((s): s is number => s !== undefined))];
  const turnover = turnoverIndex(summary.turnover);

  const projection: IndexProjection = {
    id: summary.id,
    organisationId: summary.organisationId,
    organisationName: summary.organisationName,
    companyNumber: summary.companyNumber,
    isGroup: summary.isGroup,
    year: summary.year,
    periodStart: summary.periodStart,
    periodEnd: summary.periodEnd,
    sectors,
    turnover: turnover ?? null,
    submittedAt: summary.submittedAt,
    check: summary.check,
  };

  const entries: IndexEntry[] = [];
  const names = [
    { name: summary.organisationName, own: true },
    ...summary.groupMembers.map((member) => ({ name: member.name, own: false })),
  ];

  // Name prefixes: one entry per prefix, ranked by the best name that has it.
  const prefixes = new Map<string, NameMatch>();
  for (const { name, own } of names) {
    const words = significantWords(name);
    const normalised = words.join(' ');
    words.forEach((word, position) => {
      const tier = (own ? 0 : 2) + (position === 0 ? 0 : 1);
      for (let length = MIN_PREFIX; length <= Math.min(MAX_PREFIX, word.length); length++) {
        const prefix = word.slice(0, length);
        const match = prefixes.get(prefix);
        if (!match) {
          prefixes.set(prefix, {
            tier,
            words: words.length,
            names: new Set([normalised]),
            matchedName: own ? undefined : name,
          });
          continue;
        }
        match.names.add(normalised);
        if (tier < match.tier || (tier === match.tier && words.length < match.words)) {
          match.tier = tier;
          match.words = words.length;
          match.matchedName = own ? undefined : name;
        }
      }
    });
  }
  for (const [prefix, match] of prefixes) {
    entries.push({
      facet: { kind: 'term', prefix },
      relevance: `${match.tier}${Math.min(match.words, 9)}#${yearKey}#${nameKey}`,
      text: textOf(match.names),
      ...(match.matchedName ? { matchedName: match.matchedName } : {}),
    });
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
  const rating = summary.check?.rating;
  const facets: SearchFacet[] = [{ kind: 'all' }, { kind: 'year', year }];
  for (const sector of sectors) facets.push({ kind: 'sector', sector }, { kind: 'sector', sector, year });
  if (rating) facets.push({ kind: 'rating', rating }, { kind: 'rating', rating, year });
  if (turnover !== undefined)
    facets.push({ kind: 'turnover', turnover }, { kind: 'turnover', turnover, year });
  for (const facet of facets) entries.push({ facet, relevance: dateKey });

  return { projection, nameKey, dateKey, entries };
}

function textOf(names: Set<string>): string {
  return ` ${[...names].join(' | ')} `;
}
