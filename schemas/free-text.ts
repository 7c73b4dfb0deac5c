import * as z from 'zod';

/*
 * What free text may hold once stored. Removed: the C0 controls but tab and line feed (a NUL
 * among them), DEL, the C1 controls (U+0080–U+009F, invisible and often mojibake), the
 * noncharacters U+FFFE and U+FFFF (not allowed in XML). A CR is kept only as part of a CRLF;
 * a lone CR, and the Unicode line and paragraph separators U+2028/U+2029 (which end a line in
 * JavaScript and some viewers but not in CSV or most editors), become a line feed, so a line
 * break someone typed stays one. A lone surrogate (not a character at all; ill-formed in
 * UTF-8 and XML) becomes U+FFFD. Format characters (zero-width joiners, bidi marks) are kept:
 * they are real text in many scripts.
 */
const CONTROLS = /(?![\t\n\r])[\p{Cc}\uFFFE\uFFFF]/gu;
const LONE_CR_OR_SEPARATOR = /\r(?!\n)|[\u2028\u2029]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `value` with the characters free text may not hold removed (see above). */
export function cleanFreeText(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROLS, '').replace(LONE_CR_OR_SEPARATOR, '\n');
}

/**
 * The one string schema for free text people give the register (names, addresses, reports,
 * notes, form answers, statement text): control characters are removed before any other check,
 * so a limit counts what is kept and a NUL never reaches the table. Chain `.trim()`, `.min()`,
 * `.max()` as on `z.string()`.
 */
export const freeText = (params?: Parameters<typeof z.string>[0]) =>
  z.string(params).overwrite(cleanFreeText);

const LINE_BREAKS_AND_TABS = /\r\n|[\t\n]/g;

/** One-line free text (names, address lines): cleaned as free text, then line breaks and tabs made spaces. */
export function cleanLineText(value: string): string {
  return cleanFreeText(value).replace(LINE_BREAKS_AND_TABS, ' ');
}

/** `freeText` for a one-line answer (a name, an address line, a job title). */
export const lineText = (params?: Parameters<typeof z.string>[0]) =>
  z.string(params).overwrite(cleanLineText);
