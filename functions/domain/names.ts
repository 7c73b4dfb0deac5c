/** Legal-form words that carry no meaning for search: "Acme Ltd" and "ACME LIMITED" are one name. */
const LEGAL_FORM_WORDS = new Set([
  'ltd',
  'limited',
  'plc',
  'llp',
  'lp',
  'inc',
  'co',
  'company',
  'the',
  'and',
  'uk',
]);

/** Lower case, accents folded, punctuation dropped, "&" read as "and". */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replaceAll('&', ' and ')
    .replace(/['’.]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** The words of a name that matter for search, in order, legal forms removed. */
export function significantWords(name: string): string[] {
  const words = nameWords(name);
  const kept = words.filter((word) => !LEGAL_FORM_WORDS.has(word));
  return kept.length > 0 ? kept : words;
}

/** One string per name for sorting and prefix matching: "acme retail" for "ACME Retail Ltd.". */
export function normaliseName(name: string): string {
  return significantWords(name).join(' ');
}
