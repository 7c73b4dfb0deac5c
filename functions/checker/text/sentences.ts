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

/**
 * A list item's marker: a bullet sign, a number, a roman numeral or one letter, then `.` or `)`.
 * Never a title ("Dr. Okafor", "Mr.", "St."), nor an initial before a surname ("R. Oyelaran",
 * "J. K. Adeyemi"): a line that is only an initial and one or two capitalised words is a name,
 * and keeps its initial (a signature block is read from such lines).
 */
const BULLET = /^\s*(?:[•●▪■◦‣∙·\-–*]|\(?(?:\d{1,3}|[ivx]{1,4}|[a-z])[.)])\s+/i;
const INITIAL_AND_NAME = /^\s*(?:\p{Lu}\.\s+){1,2}\p{Lu}[\p{Ll}'’-]+(?:[\s-]\p{Lu}[\p{Ll}'’-]+)?\s*$/u;

/** Whether a line opens with a list marker (and is not a name written with its initial). */
export function isListItemLine(text: string): boolean {
  return BULLET.test(text) && !INITIAL_AND_NAME.test(text);
}

/** The line without its list marker. */
export function withoutListMarker(text: string): string {
  return text.replace(BULLET, '');
}
/** "1. Introduction", "2.3 Our supply chains", "4) Training": a number, then a capitalised title. */
const NUMBERED = /^\s*(\d{1,2}(?:\.\d{1,2}){0,3})[.)]?\s+(?=\p{Lu})/u;
const TERMINAL = /[.!?;:)"'”’]$/;
/**
 * A line ending in a legal form's abbreviation ("Vandermolen Flowers B.V.", "Acme Inc.") is a
 * name, not a sentence: under a short line it does not make that line a heading.
 */
const ORGANISATION_END = /(^|\s)(\p{L}\.){2,3}$|\b(ltd|inc|co|corp|plc|llp|pty|bhd|gmbh)\.$/iu;
const DATE_LIKE =
  /\b\d{1,2}(st|nd|rd|th)?\s+(January|February|March|April|May|June|July|August|September|October|November|December)\b|\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}\b/i;
const wordCount = (text: string) => (text.match(/\S+/g) ?? []).length;

function isShort(text: string): boolean {
  return wordCount(text) <= 12 && text.length <= 90;
}

const isNumberedHeading = (text: string) =>
  NUMBERED.test(text) && isShort(text) && !TERMINAL.test(text) && !DATE_LIKE.test(text);

const allCapitals = (text: string) => {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 3 && letters === letters.toUpperCase();
};

/** A short label ending in a colon ("Training:") reads as a heading; a lead-in sentence does not. */
const LEAD_IN =
  /^(we|i|they|it|this|these|those|the following|below|here)\b|\b(is|are|was|were|has|have|had|include[sd]?|including|such as|found|identified|as follows)\b/i;
const labelHeading = (text: string) =>
  wordCount(text) <= 4 && /^\p{Lu}[^.!?;]*:$/u.test(text) && !DATE_LIKE.test(text) && !LEAD_IN.test(text);

/** A question on its own line heads its answer ("What training do our people receive?"). */
const QUESTION_HEADING =
  /^(what|who|how|where|why|which|when|whom|whose|do|does|did|is|are|was|were|can|has|have)\b[^.!?;:]*\?$/i;
const questionHeading = (text: string) => isShort(text) && QUESTION_HEADING.test(text);

/** A sign-off line ("Signed: Ann Lee, Director", "Approved by the board …") is the end of the text, not a heading. */
const SIGN_OFF_LINE = /^(signed|approved|adopted|dated)( (by|for|on behalf of))?[:\s]+\S/i;

function looksLikeHeading(text: string): boolean {
  if (SIGN_OFF_LINE.test(text)) return false;
  if (labelHeading(text) || questionHeading(text)) return true;
  if (!isShort(text) || TERMINAL.test(text)) return false;
  if (DATE_LIKE.test(text) || /\d\s?%/.test(text)) return false;
  if (isNumberedHeading(text)) return true;
  if (allCapitals(text)) return true;
  return /^\p{Lu}/u.test(text);
}

/** The level of a heading line: its numbering depth ("2.3" is 2), else capitals 1, else 2. */
function headingLevel(text: string): number {
  const numbered = isNumberedHeading(text) ? text.match(NUMBERED) : null;
  if (numbered) return numbered[1]!.split('.').filter(Boolean).length;
  return allCapitals(text) ? 1 : 2;
}

/** The cells of a table line: `| a | b |` (markdown) or tab-separated; undefined for other lines. */
function tableCells(raw: string): string[] | undefined {
  const line = raw.trim();
  if (/^\|.*\|$/.test(line) && line.length > 2) {
    return line
      .slice(1, -1)
      .split('|')
      .map((c) => c.replace(/\s+/g, ' ').trim());
  }
  if (raw.includes('\t')) {
    const cells = raw.split('\t').map((c) => c.replace(/\s+/g, ' ').trim());
    if (cells.filter(Boolean).length >= 2) return cells;
  }
  return undefined;
}

const isSeparatorRow = (cells: readonly string[]) =>
  cells.length > 0 && cells.every((c) => /^:?-{2,}:?$/.test(c) || c === '');

/**
 * A table's header row: given by a markdown separator line, or (tab-separated tables) guessed
 * from a first row of short labels with no figures in it.
 */
function headerOf(rows: string[][], separated: boolean): string[] | undefined {
  if (separated) return rows[0];
  const first = rows[0];
  if (!first || rows.length < 2) return undefined;
  const labels = first.every((c) => wordCount(c) <= 6 && !/%|\d{5,}|\d[\d,]*\.\d/.test(c));
  return labels ? first : undefined;
}

interface Paragraph {
  lines: string[];
  page: number | undefined;
  list: boolean;
}

/**
 * Groups wrapped lines into paragraphs, list items and tables, and tells headings (with their
 * level) from sign-off fragments.
 */
export function blocksFromLines(lines: readonly Line[]): Block[] {
  const items: (Paragraph | Block)[] = [];
  let current: Paragraph | undefined;
  let table: { rows: string[][]; separated: boolean; page: number | undefined } | undefined;
  const flush = () => {
    if (current?.lines.length) items.push(current);
    current = undefined;
  };
  const flushTable = () => {
    if (!table) return;
    const rows = table.rows.filter((r) => r.some(Boolean));
    const header = headerOf(rows, table.separated);
    rows.forEach((cells, r) => {
      if (header && r === 0 && rows.length > 1) return;
      items.push({
        kind: 'table_row',
        text: cells.filter(Boolean).join(' | '),
        cells,
        ...(header && r > 0 ? { headerCells: header } : {}),
        page: table!.page,
      });
    });
    table = undefined;
  };
  for (const raw of lines) {
    const cells = tableCells(raw.text);
    if (cells) {
      flush();
      table ??= { rows: [], separated: false, page: raw.page };
      if (isSeparatorRow(cells)) table.separated = table.rows.length === 1;
      else table.rows.push(cells);
      continue;
    }
    flushTable();
    const text = raw.text.replace(/\s+/g, ' ').trim();
    if (!text) {
      flush();
      continue;
    }
    const numberedHeading = isNumberedHeading(text);
    const bullet = isListItemLine(text) && !numberedHeading;
    const previous = current?.lines.at(-1);
    const continues =
      previous !== undefined &&
      !bullet &&
      !numberedHeading &&
      (!isShort(previous) || (/^\p{Ll}/u.test(text) && !TERMINAL.test(previous))) &&
      !(
        TERMINAL.test(previous) &&
        isShort(text) &&
        !/^\p{Ll}/u.test(text) &&
        (!/[.!?]/.test(text) || questionHeading(text))
      );
    if (!continues) {
      flush();
      current = { lines: [], page: raw.page, list: bullet };
    }
    current!.lines.push(bullet ? withoutListMarker(text) : text);
  }
  flush();
  flushTable();

  const isParagraph = (item: Paragraph | Block | undefined): item is Paragraph =>
    item !== undefined && 'lines' in item;
  const joined = items.map((item) =>
    isParagraph(item) ? item.lines.join(' ').replace(/(\w)- (\p{Ll})/gu, '$1$2') : item.text,
  );
  // A heading is a short line followed by body text, or by another heading (decided from the end).
  const heading = new Array<boolean>(items.length).fill(false);
  // Only one heading may stand over another (a title over a section), not a run of short lines.
  const chained = new Array<boolean>(items.length).fill(false);
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (!isParagraph(item) || item.list || item.lines.length !== 1 || !looksLikeHeading(joined[i]!)) continue;
    const next = items[i + 1];
    const nextIsBody =
      next !== undefined &&
      (!isParagraph(next) ||
        next.list ||
        (heading[i + 1]! &&
          chained[i + 1]! === false &&
          (allCapitals(joined[i]!) || isNumberedHeading(joined[i]!))) ||
        next.lines.length > 1 ||
        !isShort(next.lines[0]!) ||
        (TERMINAL.test(next.lines[0]!) && !ORGANISATION_END.test(next.lines[0]!)));
    heading[i] = nextIsBody || isNumberedHeading(joined[i]!);
    chained[i] = heading[i]! && next !== undefined && heading[i + 1]!;
  }
  const blocks: Block[] = [];
  items.forEach((item, i) => {
    if (!isParagraph(item)) {
      blocks.push(item);
      return;
    }
    const text = joined[i]!;
    if (item.list) blocks.push({ kind: 'list_item', text, page: item.page });
    else if (heading[i])
      blocks.push({
        kind: 'heading',
        text: text.replace(/:$/, ''),
        level: headingLevel(text),
        page: item.page,
      });
    else if (item.lines.length === 1 && isShort(text) && !TERMINAL.test(text))
      blocks.push({ kind: 'fragment', text, page: item.page });
    else blocks.push({ kind: 'paragraph', text, page: item.page });
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

/** Cuts an over-long run of text (no full stops) into pieces, at a space where there is one. */
function chunk(sentence: string): string[] {
  const parts: string[] = [];
  let rest = sentence;
  while (rest.length > MAX_SENTENCE_CHARS) {
    const space = rest.lastIndexOf(' ', MAX_SENTENCE_CHARS);
    const cut = space > MAX_SENTENCE_CHARS / 2 ? space : MAX_SENTENCE_CHARS;
    parts.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}

/**
 * A table row as one sentence-like unit that keeps its header cells:
 * "KPI: Suppliers audited; Target: 100%; 2024: 85%".
 */
export function tableRowText(block: Block): string {
  const cells = block.cells ?? block.text.split(/\s*\|\s*/);
  const header = block.headerCells;
  const parts = cells
    .map((cell, i) => {
      if (!cell) return '';
      const label = header?.[i]?.trim();
      return label && label.toLowerCase() !== cell.toLowerCase() ? `${label}: ${cell}` : cell;
    })
    .filter(Boolean);
  return parts.join('; ');
}

/** A heading without a level (an extractor that cannot tell) is taken as a second-level one. */
const DEFAULT_LEVEL = 2;

/**
 * Sentences of a document's blocks; each sentence carries the headings it sits under (outermost
 * first), its page, and whether it is a list item or a table row.
 */
export function sentencesFromBlocks(blocks: readonly Block[]): Sentence[] {
  const sentences: Sentence[] = [];
  let path: { text: string; level: number }[] = [];
  let fragments: Block[] = [];
  const push = (text: string, page: number | undefined, unit?: UnitKind) => {
    const headingPath = path.map((h) => h.text);
    sentences.push({
      text,
      ...(headingPath.length ? { heading: headingPath.at(-1), headingPath } : {}),
      ...(unit && unit !== 'sentence' ? { unit } : {}),
      ...(page !== undefined ? { page } : {}),
    });
  };
  const flushFragments = () => {
    if (!fragments.length) return;
    push(fragments.map((f) => f.text).join(' '), fragments[0]!.page);
    fragments = [];
  };
  blocks.forEach((block, i) => {
    if (sentences.length >= MAX_SENTENCES) return;
    const text = block.text.replace(/\s+/g, ' ').trim();
    if (!text && block.kind !== 'table_row') return;
    if (block.kind === 'heading') {
      flushFragments();
      const followed = blocks.slice(i + 1).some((b) => b.kind !== 'heading');
      if (!followed) {
        push(text, block.page);
        return;
      }
      const level = block.level ?? DEFAULT_LEVEL;
      path = [...path.filter((h) => h.level < level), { text: text.slice(0, 200), level }];
      return;
    }
    if (block.kind === 'fragment') {
      fragments.push(block);
      return;
    }
    flushFragments();
    if (block.kind === 'table_row') {
      const row = tableRowText(block);
      for (const part of chunk(row)) push(part, block.page, 'table_row');
      return;
    }
    const unit: UnitKind = block.kind === 'list_item' ? 'list_item' : 'sentence';
    for (const sentence of splitSentences(text)) push(sentence, block.page, unit);
  });
  flushFragments();
  return sentences.slice(0, MAX_SENTENCES);
}

export function sentencesFromText(text: string): Sentence[] {
  return sentencesFromBlocks(blocksFromLines(linesOf(text)));
}
