import { significantWords } from './names.ts';

/** Shortest query word, and shortest name word, matched at the start of a word other than the first. */
export const ORGANISATION_WORD_MIN = 2;

/**
 * The normalised name from each of its significant words after the first on: "Tesco Stores Ltd"
 * gives "stores", "J Sainsbury plc" gives "sainsbury". A name is then found by the start of any
 * word: the first is covered by the organisation listing itself (gsi1, the whole normalised name).
 */
export function organisationNameTails(name: string): string[] {
  const words = significantWords(name);
  const tails = new Set<string>();
  for (let i = 1; i < words.length; i++) {
    if (words[i]!.length >= ORGANISATION_WORD_MIN) tails.add(words.slice(i).join(' '));
  }
  return [...tails];
}
