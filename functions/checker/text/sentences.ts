/**
 * From extracted text to sentences, keeping headings as context. Extraction gives either lines
 * (pasted text, PDF pages: wrapped, with headings and sign-off blocks as short lines) or blocks
 * whose kind is known (HTML: h1–h6, p, li). Both end as sentences `{text, heading?, page?}`.
 */

export interface Line {
  text: string;
  page?: number | undefined;
}

/**
 * A block of a document, as the extractors (text, HTML, PDF, Word) give it. The structure is the
 * contract between extraction and the checker: headings carry their level (1 = top) where the
 * format tells it; list items and table rows are their own blocks; a table row carries its cells
 * and the header cells of its table, so each row can be read as a sentence-like unit.
 */
export interface Block {
  kind: 'heading' | 'paragraph' | 'fragment' | 'list_item' | 'table_row';
  text: string;
  page?: number | undefined;
  /** Heading level, 1 for the top level (h1, the largest PDF font, "1." numbering). */
  level?: number | undefined;
  /** A table row's cells, in order. */
  cells?: string[] | undefined;
  /** The header cells of the row's table (its first row or its th cells), when it has them. */
  headerCells?: string[] | undefined;
}

/** What a sentence-like unit is: a sentence of running text, a list item, or a table row. */
export type UnitKind = 'sentence' | 'list_item' | 'table_row';

export interface Sentence {
  text: string;
  /** The nearest heading above the sentence. */
  heading?: string | undefined;
  /** Every heading above the sentence, outermost first (the last is `heading`). */
  headingPath?: string[] | undefined;
  /** Omitted for ordinary sentences. */
  unit?: UnitKind | undefined;
  page?: number | undefined;
}

/** The most sentences one check reads; longer documents are cut (and the check says so). */
export const MAX_SENTENCES = 5_000;
const MAX_SENTENCE_CHARS = 1_500;

const BULLET = /^\s*(?:[•●▪■◦‣∙·\-–*]|\(?[a-z0-9]{1,3}[.)])\s+/i;
const TERMINAL = /[.!?;:)"'”’]$/;
const DATE_LIKE =
  /\b\d{1,2}(st|nd|rd|th)?\s+(January|February|March|April|May|June|July|August|September|October|November|December)\b|\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}\b/i;
const wordCount = (text: string) => (text.match(/\S+/g) ?? []).length;

function isShort(text: string): boolean {
  return wordCount(text) <= 12 && text.length <= 90;
}

function looksLikeHeading(text: string): boolean {
  if (!isShort(text) || TERMINAL.test(text)) return false;
  if (DATE_LIKE.test(text)) return false;
  if (/^\d+(\.\d+)*\.?\s+\p{Lu}/u.test(text)) return true;
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 3 && letters === letters.toUpperCase()) return true;
  return /^\p{Lu}/u.test(text);
}

/** Groups wrapped lines into paragraphs, and tells headings from sign-off fragments. */
export function blocksFromLines(lines: readonly Line[]): Block[] {
  const paragraphs: { lines: string[]; page: number | undefined }[] = [];
  let current: { lines: string[]; page: number | undefined } | undefined;
  const flush = () => {
    if (current?.lines.length) paragraphs.push(current);
    current = undefined;
  };
  for (const raw of lines) {
    const text = raw.text.replace(/\s+/g, ' ').trim();
    if (!text) {
      flush();
      continue;
    }
    const bullet = BULLET.test(text);
    const previous = current?.lines.at(-1);
    const continues =
      previous !== undefined &&
      !bullet &&
      (!isShort(previous) || (/^\p{Ll}/u.test(text) && !TERMINAL.test(previous))) &&
      !(TERMINAL.test(previous) && isShort(text) && !/^\p{Ll}/u.test(text) && !/[.!?]/.test(text));
    if (!continues) {
      flush();
      current = { lines: [], page: raw.page };
    }
    current!.lines.push(bullet ? text.replace(BULLET, '') : text);
  }
  flush();

  const blocks: Block[] = [];
  paragraphs.forEach((paragraph, i) => {
    const text = paragraph.lines.join(' ').replace(/(\w)- (\p{Ll})/gu, '$1$2');
    const single = paragraph.lines.length === 1;
    const next = paragraphs[i + 1];
    const nextIsBody =
      next !== undefined &&
      (next.lines.length > 1 || !isShort(next.lines[0]!) || TERMINAL.test(next.lines[0]!));
    if (single && looksLikeHeading(text) && (nextIsBody || /^\d+(\.\d+)*\.?\s/.test(text))) {
      blocks.push({ kind: 'heading', text, page: paragraph.page });
    } else if (single && isShort(text) && !TERMINAL.test(text)) {
      blocks.push({ kind: 'fragment', text, page: paragraph.page });
    } else {
      blocks.push({ kind: 'paragraph', text, page: paragraph.page });
    }
  });
  return blocks;
}

export function linesOf(text: string, page?: number): Line[] {
  return text.split(/\r\n|\r|\n/).map((line) => ({ text: line, page }));
}

const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'etc',
  'ltd',
  'co',
  'inc',
  'no',
  'nos',
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'vs',
  'approx',
  'fig',
  'pty',
  'plc',
  'corp',
  'dept',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'cth',
  'u.k',
  'u.s',
  'p',
  'pp',
  's',
]);

/** Splits a paragraph into sentences at . ! ? followed by a capital, digit or quote, minding abbreviations. */
export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  const boundary = /([.!?]+)(["'”’)]*)\s+(?=["'“‘(]?[\p{Lu}\d])/gu;
  let start = 0;
  for (let match = boundary.exec(paragraph); match; match = boundary.exec(paragraph)) {
    const end = match.index + match[1]!.length + match[2]!.length;
    const before = paragraph.slice(start, match.index);
    const lastWord = (before.match(/([\p{L}.]+)$/u)?.[1] ?? '').toLowerCase();
    if (match[1] === '.' && (ABBREVIATIONS.has(lastWord) || /^\p{L}$/u.test(lastWord))) continue;
    const sentence = paragraph.slice(start, end).trim();
    if (sentence) sentences.push(sentence);
    start = match.index + match[0].length;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences.flatMap((s) => chunk(s));
}

function chunk(sentence: string): string[] {
  if (sentence.length <= MAX_SENTENCE_CHARS) return [sentence];
  const parts: string[] = [];
  for (let i = 0; i < sentence.length; i += MAX_SENTENCE_CHARS)
    parts.push(sentence.slice(i, i + MAX_SENTENCE_CHARS));
  return parts;
}

/** Sentences of a document's blocks; each sentence carries the heading it sits under and its page. */
export function sentencesFromBlocks(blocks: readonly Block[]): Sentence[] {
  const sentences: Sentence[] = [];
  let heading: string | undefined;
  let fragments: Block[] = [];
  const flushFragments = () => {
    if (!fragments.length) return;
    sentences.push({ text: fragments.map((f) => f.text).join(' '), heading, page: fragments[0]!.page });
    fragments = [];
  };
  blocks.forEach((block, i) => {
    if (sentences.length >= MAX_SENTENCES) return;
    if (block.kind === 'heading') {
      flushFragments();
      const followed = blocks.slice(i + 1).some((b) => b.kind !== 'heading');
      if (followed) heading = block.text.slice(0, 200);
      else sentences.push({ text: block.text, heading, page: block.page });
      return;
    }
    if (block.kind === 'fragment') {
      fragments.push(block);
      return;
    }
    flushFragments();
    for (const text of splitSentences(block.text)) sentences.push({ text, heading, page: block.page });
  });
  flushFragments();
  return sentences.slice(0, MAX_SENTENCES).map((s) => {
    const out: Sentence = { text: s.text };
    if (s.heading) out.heading = s.heading;
    if (s.page !== undefined) out.page = s.page;
    return out;
  });
}

export function sentencesFromText(text: string): Sentence[] {
  return sentencesFromBlocks(blocksFromLines(linesOf(text)));
}
