/** Dates as UK statements write them, read into ISO dates (yyyy-mm-dd). */

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH = MONTHS.join('|');
const DAY_MONTH_YEAR = new RegExp(
  `\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH}),?\\s+(\\d{4})\\b`,
  'i',
);
const MONTH_DAY_YEAR = new RegExp(`\\b(${MONTH})\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i');
/** Numeric dates are day first, as in the UK ("04/09/2025" is 4 September). */
const NUMERIC = /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b/;
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/;

function iso(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return date.toISOString().slice(0, 10);
}

/** The first whole date (day, month and year) written in `text`, as yyyy-mm-dd; undefined when none. */
export function isoDateIn(text: string): string | undefined {
  const found: { at: number; date: string | undefined }[] = [];
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy)
    found.push({ at: dmy.index, date: iso(+dmy[3]!, MONTHS.indexOf(dmy[2]!.toLowerCase()) + 1, +dmy[1]!) });
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (mdy)
    found.push({ at: mdy.index, date: iso(+mdy[3]!, MONTHS.indexOf(mdy[1]!.toLowerCase()) + 1, +mdy[2]!) });
  const numeric = NUMERIC.exec(text);
  if (numeric) {
    const year = numeric[3]!.length === 2 ? 2000 + +numeric[3]! : +numeric[3]!;
    found.push({ at: numeric.index, date: iso(year, +numeric[2]!, +numeric[1]!) });
  }
  const isoDate = ISO.exec(text);
  if (isoDate) found.push({ at: isoDate.index, date: iso(+isoDate[1]!, +isoDate[2]!, +isoDate[3]!) });
  return found.filter((f) => f.date).sort((a, b) => a.at - b.at)[0]?.date;
}
