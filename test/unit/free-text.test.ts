import { describe, expect, it } from 'vitest';
import { cleanFreeText, freeText } from '../../schemas/free-text.ts';

describe('free text at the boundary', () => {
  it.each([
    ['a NUL', 'Acme\u0000 Ltd', 'Acme Ltd'],
    [
      'C0 controls (bell, backspace, escape sequences, form feed, vertical tab)',
      'A\u0007c\u0008m\u001b[31me\u000c\u000b',
      'Acm[31me',
    ],
    ['DEL and the C1 controls', 'Ac\u007fme\u0085 \u009bLtd\u0080', 'Acme Ltd'],
    ['the noncharacters U+FFFE and U+FFFF', 'Acme\ufffe\uffff', 'Acme'],
    ['a lone surrogate, made a replacement character', 'Acme \ud800 Ltd \udfff', 'Acme \ufffd Ltd \ufffd'],
    ['a lone CR, made a line feed', 'line one\rline two', 'line one\nline two'],
    [
      'the Unicode line and paragraph separators, made line feeds',
      'one\u2028two\u2029three',
      'one\ntwo\nthree',
    ],
  ])('removes %s', (_what, given, kept) => {
    expect(cleanFreeText(given)).toBe(kept);
  });

  it.each([
    ['tab, LF and CRLF', 'a\tb\nc\r\nd'],
    ['accents, other scripts and emoji', 'Société Générale – Ελληνικά 日本語 😀'],
    ['format characters (zero-width joiner, right-to-left mark)', 'a\u200db\u200fc'],
  ])('keeps %s', (_what, given) => {
    expect(cleanFreeText(given)).toBe(given);
  });

  it('cleans before the other checks, so a limit counts what is kept', () => {
    const name = freeText().trim().min(1).max(5);
    expect(name.parse(' \u0000Acme\u0007 ')).toBe('Acme');
    expect(name.safeParse('\u0000\u0000\u0000').success).toBe(false);
    expect(name.parse('Acme\u0000\u0000\u0000')).toBe('Acme');
  });
});
