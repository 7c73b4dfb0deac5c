/**
 * Is the text English? The checker's tagger and rules read English only, so a statement in
 * another language gets unclear findings rather than confident "not addressed" ones. A share of
 * common English function words is enough to tell: running English text has 35–50% of them,
 * other languages written in Latin script a few per cent (loan words, names, "the" in titles).
 */
const ENGLISH = new Set(
  'the of and to in a is that for it as was with be by on not he this are or his from at which but have an had they you were their one all we can her has there been if more when will would who so no our its also any into than them these may such other only should us what about those could do each how most must some then where whether both during while under within'.split(
    ' ',
  ),
);

export type Language = 'en' | 'other' | 'unknown';

/** The fewest words to judge from; shorter texts are 'unknown'. */
const MIN_WORDS = 40;

export function detectLanguage(text: string): { language: Language; englishShare: number } {
  const words = (
    text
      .slice(0, 200_000)
      .toLowerCase()
      .match(/\p{L}+/gu) ?? []
  ).slice(0, 20_000);
  if (words.length < MIN_WORDS) return { language: 'unknown', englishShare: 0 };
  let english = 0;
  for (const word of words) if (ENGLISH.has(word)) english++;
  const englishShare = english / words.length;
  return { language: englishShare >= 0.12 ? 'en' : 'other', englishShare };
}
