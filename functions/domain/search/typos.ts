import { COMMON_NAME_WORDS } from './plan.ts';

/**
 * Typo-tolerant name search by symmetric deletion (the SymSpell idea): two words are within one
 * edit (a letter substituted, left out or added) exactly when they share a "deletion key", the
 * word itself or the word with one letter deleted. The index lists each name word of 4 or more
 * letters under its deletion keys (`fuzzy` partitions); a query word reads the partitions of its
 * own deletion keys: a handful of small Query calls, never a Scan. Only used when the exact search
 * finds nothing.
 */

/** Words shorter than this have too many neighbours to tolerate a typo. */
export const MIN_FUZZY_WORD = 4;
/** Longer words are keyed by their first letters only, to bound the entries of a statement. */
export const MAX_FUZZY_WORD = 16;

/** The word and every word with one letter deleted, distinct. */
export function deletionKeys(word: string): string[] {
  const w = word.slice(0, MAX_FUZZY_WORD);
  const keysOf = new Set([w]);
  for (let i = 0; i < w.length; i++) keysOf.add(w.slice(0, i) + w.slice(i + 1));
  return [...keysOf];
}

/**
 * The deletion keys a name word is indexed under: none for short words, nor for the words so
 * common in names ("group", "holdings") that their keys' partitions would be too large to read.
 */
export function indexedDeletionKeys(word: string): string[] {
  return word.length >= MIN_FUZZY_WORD && !COMMON_NAME_WORDS.has(word) ? deletionKeys(word) : [];
}

/** The keys a query word reads: a word one letter short of the indexed minimum can still match. */
export function queryDeletionKeys(word: string): string[] {
  if (word.length < MIN_FUZZY_WORD - 1) return [];
  const all = deletionKeys(word);
  // A 3-letter query word can only be a 4-letter word with a letter left out: its own key.
  return word.length < MIN_FUZZY_WORD ? [word] : all;
}

/**
 * Whether two words are one typo apart: a letter substituted, left out or added (Levenshtein ≤ 1),
 * or two neighbouring letters swapped ("rteail"), which shares a deletion key too.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  if (short.length !== long.length) return short.slice(i) === long.slice(i + 1);
  if (short.slice(i + 1) === long.slice(i + 1)) return true;
  return short[i] === long[i + 1] && short[i + 1] === long[i] && short.slice(i + 2) === long.slice(i + 2);
}

/**
 * Whether a name (its normalised words) matches every query word: exactly, as the start of a
 * name word, or within one edit of a name word (of the whole word, or of its start as long as the query word).
 */
export function nameMatchesWithTypos(queryWords: string[], nameWords: string[]): boolean {
  return queryWords.every((q) =>
    nameWords.some(
      (w) =>
        w.startsWith(q) ||
        (q.length >= MIN_FUZZY_WORD - 1 && (withinOneEdit(q, w) || withinOneEdit(q, w.slice(0, q.length)))),
    ),
  );
}

/**
 * The similar-name search for a query the exact search found nothing for, as tries in turn: the
 * deletion keys of each of its two longest uncommon words (a typo may be in either, and a typo
 * in a common word is matched through another word's keys), with every query word to check each
 * candidate's names against.
 */
export function planSimilarNames(words: string[]): { keys: string[]; words: string[] }[] {
  return wordsToCorrect(words)
    .map((word) => ({ keys: queryDeletionKeys(word), words }))
    .filter((attempt) => attempt.keys.length > 0);
}

/**
 * The query words an exact search should try next, one word corrected: of the name words seen
 * in the deletion-key partitions of `typed`, the most frequent one typo away from it.
 */
export function correctedWords(
  words: string[],
  typed: string,
  seenWords: Iterable<string>,
): string[] | undefined {
  const tally = new Map<string, number>();
  for (const word of seenWords) {
    if (word !== typed && withinOneEdit(typed, word)) tally.set(word, (tally.get(word) ?? 0) + 1);
  }
  const best = [...tally].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  return best ? words.map((word) => (word === typed ? best : word)) : undefined;
}

/** The query words worth correcting, most telling first: the two longest that are not common. */
export function wordsToCorrect(words: string[]): string[] {
  return [...new Set(words)]
    .filter((word) => word.length >= MIN_FUZZY_WORD - 1 && !COMMON_NAME_WORDS.has(word))
    .sort((a, b) => b.length - a.length)
    .slice(0, 2);
}
