import { type Options, stringify } from 'csv-stringify/sync';

/** A cell a spreadsheet would read as a formula (OWASP, CSV injection): =, +, -, @, tab or CR first. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a formula-like cell with a single quote, so spreadsheets show it as text. */
export const neutraliseFormula = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

/**
 * Every CSV the register writes goes through here (csv-stringify, RFC 4180): its text cells are
 * neutralised, whoever typed them — organisation names, approvers, group members, report details.
 */
export function toCsv(records: readonly (readonly unknown[])[], options: Options = {}): string {
  return stringify(records as unknown[][], {
    ...options,
    cast: { ...options.cast, string: (value) => neutraliseFormula(value) },
  });
}
