import type { StatementSummary } from '../../../schemas/statement-summary.ts';
import { normaliseName, significantWords } from '../names.ts';
import { invertDigits } from './index-entries.ts';
import { indexedDeletionKeys } from './typos.ts';

/**
 * Typo entries (`fuzzy` partitions) are kept once per organisation, not per statement: the
 * tolerant search finds the organisation, and its statements come from the organisation's own
 * partition. What an organisation's entries hold is a function of the names of its listed
 * statements (their union), so a second year's statement or a revision under the same names
 * writes none; a rename adds the new name's and, once no listed statement has the old name,
 * removes the old one's.
 */
export interface TypoName {
  name: string;
  /** The organisation's own name (not a group member's). */
  own: boolean;
}

/** One entry of a deletion-key partition: the best name with that key ranks it. */
export interface TypoEntry {
  key: string;
  /** Best first in ascending order: tier, word count, then the normalised name. */
  relevance: string;
  /** The normalised names with a word under this key, " word word | word ". */
  text: string;
  /** The group member's name that ranks the entry, when no own name has the key. */
  matchedName?: string;
}

/** The names a statement is found by: its organisation's, then its group members'. */
export function typoNamesOf(summary: StatementSummary): TypoName[] {
  return [
    { name: summary.organisationName, own: true },
    ...summary.groupMembers.map((member) => ({ name: member.name, own: false })),
  ];
}

/** The names of every listed statement of an organisation, distinct, in a fixed order. */
export function unionOfNames(lists: Iterable<TypoName[]>): TypoName[] {
  const union = new Map<string, TypoName>();
  for (const list of lists) for (const name of list) union.set(`${name.own ? 0 : 1}${name.name}`, name);
  return [...union].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, name]) => name);
}

interface Best {
  tier: number;
  words: number;
  normalised: string;
  matchedName: string | undefined;
  names: Set<string>;
}

/**
 * The deletion keys of the names' words (functions/domain/search/typos.ts), one entry per key,
 * ranked by the best name with it: `rank` turns its tier, word count and normalised name into
 * the relevance (the organisation's entries and, for their deletion, the per-statement
 * entries of INDEX_VERSION 3–4).
 */
function typoEntriesBy(names: TypoName[], rank: (best: Omit<Best, 'names'>) => string): TypoEntry[] {
  const byKey = new Map<string, Best>();
  for (const { name, own } of names) {
    const words = significantWords(name);
    const normalised = words.join(' ');
    words.forEach((word, position) => {
      const tier = (own ? 0 : 2) + (position === 0 ? 0 : 1);
      for (const key of indexedDeletionKeys(word)) {
        const best = byKey.get(key);
        if (!best) {
          byKey.set(key, {
            tier,
            words: words.length,
            normalised,
            matchedName: own ? undefined : name,
            names: new Set([normalised]),
          });
          continue;
        }
        best.names.add(normalised);
        if (tier < best.tier || (tier === best.tier && words.length < best.words)) {
          Object.assign(best, { tier, words: words.length, normalised, matchedName: own ? undefined : name });
        }
      }
    });
  }
  return [...byKey].map(([key, best]) => ({
    key,
    relevance: rank(best),
    text: ` ${[...best.names].join(' | ')} `,
    ...(best.matchedName ? { matchedName: best.matchedName } : {}),
  }));
}

/** An organisation's typo entries, from the union of its listed statements' names. */
export function organisationTypoEntries(names: TypoName[]): TypoEntry[] {
  return typoEntriesBy(names, (best) => `${best.tier}${Math.min(best.words, 9)}#${best.normalised}`);
}

/**
 * The per-statement typo entries INDEX_VERSION 3 and 4 wrote (keys and names only matter: they
 * are built to be deleted when such a statement is indexed again).
 */
export function legacyStatementTypoEntries(summary: StatementSummary): TypoEntry[] {
  const nameKey = normaliseName(summary.organisationName) || summary.organisationName.toLowerCase();
  const yearKey = invertDigits(String(summary.year).padStart(4, '0'));
  return typoEntriesBy(
    typoNamesOf(summary),
    (best) => `${best.tier}${Math.min(best.words, 9)}#${yearKey}#${nameKey}`,
  );
}
