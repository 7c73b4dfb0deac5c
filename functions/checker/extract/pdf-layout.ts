import {
  type Block,
  blocksFromLines,
  isListItemLine,
  type Line,
  withoutListMarker,
} from '../text/sentences.ts';

/** A line of a PDF page as the reader gives it: text, font size, position, and cells when it has columns. */
export interface PdfLine {
  t: string;
  s: number;
  x: number;
  y: number;
  c?: string[] | undefined;
  /** Every character of the line is set in a bold font. */
  b?: boolean | undefined;
  /** The line starts in bold and goes on in a regular weight (a bold lead-in, a bold word). */
  bs?: boolean | undefined;
}

export interface PdfPage {
  page: number;
  lines: PdfLine[];
}

const NUMBERED_HEADING = /^(\d+(?:\.\d+)*)\.?\s+\p{Lu}/u;
const TERMINAL = /[.!?;:,]$/;
const words = (text: string) => (text.match(/\S+/g) ?? []).length;
const isShort = (text: string) => words(text) <= 15 && text.length <= 120;
/** Text this much larger than the body's is a heading. */
const HEADING_RATIO = 1.15;
/** Lines a bold heading may wrap over. */
const MAX_HEADING_LINES = 3;

/** The body text's font size: the size that carries the most characters. */
function bodySize(pages: readonly PdfPage[]): number {
  const chars = new Map<number, number>();
  for (const { lines } of pages)
    for (const line of lines) chars.set(line.s, (chars.get(line.s) ?? 0) + line.t.length);
  let best = 0;
  let most = -1;
  for (const [size, n] of chars)
    if (n > most || (n === most && size < best)) {
      best = size;
      most = n;
    }
  return best;
}

/** The lines of a page's first and last two rows (by height): where a header or a footer can be. */
function edgeLines(lines: readonly PdfLine[]): Set<PdfLine> {
  const rows = [...new Set(lines.map((line) => Math.round(line.y)))].sort((a, b) => a - b);
  const edges = new Set([...rows.slice(0, 2), ...rows.slice(-2)]);
  return new Set(lines.filter((line) => edges.has(Math.round(line.y))));
}

/**
 * The pages without their furniture: a line in a page's first or last two rows whose text
 * (numbers aside) comes back at the same height on at least half the pages, three or more, is a
 * running header, a footer or a page number, not the statement's text. Only lines no larger than
 * the body's count (a larger one is a heading), and a repeated line with columns in the body's
 * size stays (a table's header row).
 */
function withoutFurniture(pages: readonly PdfPage[], body: number): readonly PdfPage[] {
  const least = Math.max(3, Math.ceil(pages.length / 2));
  if (pages.length < least) return pages;
  const key = (line: PdfLine) => `${Math.round(line.y)} ${line.t.replace(/\d+/g, '#').toLowerCase()}`;
  const edges = pages.map(({ lines }) =>
    [...edgeLines(lines)].filter((line) => line.s <= body && !(line.c && line.s === body)),
  );
  const pagesWith = new Map<string, number>();
  for (const lines of edges)
    for (const k of new Set(lines.map(key))) pagesWith.set(k, (pagesWith.get(k) ?? 0) + 1);
  return pages.map((page, i) => {
    const furniture = new Set(edges[i]!.filter((line) => (pagesWith.get(key(line)) ?? 0) >= least));
    return { ...page, lines: page.lines.filter((line) => !furniture.has(line)) };
  });
}

/** Lines close enough to be one block's wrapped lines rather than two blocks. */
const wrapsOnto = (line: PdfLine, next: PdfLine) =>
  next.s === line.s && line.y - next.y > 0 && line.y - next.y < line.s * 1.6;

/**
 * Blocks of a PDF from its lines' layout: lines in a font larger than the body's are headings
 * (level 1 for the largest size), body-size numbered short lines ("2.1 Due diligence") are
 * headings one level below those, and so are body-size short lines set wholly in bold (not ending
 * a sentence) that running text, a list or a table follows; bullets and numbered items are list
 * items (with the lines that wrap them), two or more consecutive lines with columns are table rows (the first row gives the
 * header cells of the others and is not a row of its own), and the rest is running text, grouped
 * into paragraphs by blocksFromLines. Running headers, footers and page numbers are left out.
 */
export function blocksFromPdf(allPages: readonly PdfPage[]): Block[] {
  const body = bodySize(allPages);
  const pages = withoutFurniture(allPages, body);
  const headingSizes = [
    ...new Set(
      pages.flatMap((p) =>
        p.lines.filter((l) => l.s >= body * HEADING_RATIO && isShort(l.t)).map((l) => l.s),
      ),
    ),
  ].sort((a, b) => b - a);
  /**
   * What a heading introduces: running text, a list item or a table row, in a regular weight (so a
   * body set in bold has no bold headings, and a lone "Director" under a bold name is no body).
   */
  const isBody = (line: PdfLine | undefined) =>
    line !== undefined &&
    !line.b &&
    !line.bs &&
    line.s < body * HEADING_RATIO &&
    !/^\p{Ll}/u.test(line.t) &&
    (line.c !== undefined ||
      isListItemLine(line.t) ||
      words(line.t) >= 6 ||
      (/[.!?]$/.test(line.t) && words(line.t) >= 3));
  /** A body-size line wholly in bold, short, not a sentence, then (past its wrapped lines) body text. */
  const isBoldHeading = (lines: readonly PdfLine[], i: number, nextPage: PdfLine | undefined) => {
    const line = lines[i]!;
    if (!line.b || line.c || line.s < body * 0.9 || !isShort(line.t)) return false;
    if (TERMINAL.test(line.t) || isListItemLine(line.t)) return false;
    let j = i + 1;
    while (
      j < lines.length &&
      j - i < MAX_HEADING_LINES &&
      lines[j]!.b &&
      wrapsOnto(lines[j - 1]!, lines[j]!)
    )
      j++;
    return isBody(j < lines.length ? lines[j] : nextPage);
  };
  const blocks: Block[] = [];
  let run: Line[] = [];
  /** Where the current list item's bullet starts: its wrapped lines are indented past it. */
  let bulletX = Number.POSITIVE_INFINITY;
  const flushRun = () => {
    if (run.length) blocks.push(...blocksFromLines(run));
    run = [];
  };

  for (const [p, { page, lines }] of pages.entries()) {
    /** The index of the last line read as a bold heading on this page, for its wrapped lines. */
    let boldHeadingAt = -2;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const previous = lines[i - 1];
      const gap = previous ? previous.y - line.y : 0;
      const size = Math.max(line.s, previous?.s ?? 0);
      const text = line.t;

      if (line.s >= body * HEADING_RATIO && isShort(text)) {
        flushRun();
        const last = blocks.at(-1);
        const wraps =
          last?.kind === 'heading' &&
          last.page === page &&
          previous?.s === line.s &&
          gap > 0 &&
          gap < line.s * 1.6;
        if (wraps) last.text = `${last.text} ${text}`;
        else blocks.push({ kind: 'heading', text, page, level: headingSizes.indexOf(line.s) + 1 });
        continue;
      }
      const numbered = NUMBERED_HEADING.exec(text);
      if (numbered && isShort(text) && !TERMINAL.test(text) && !line.c) {
        flushRun();
        const depth = numbered[1]!.split('.').length;
        blocks.push({ kind: 'heading', text, page, level: headingSizes.length + depth });
        continue;
      }
      if (isBoldHeading(lines, i, pages[p + 1]?.lines[0])) {
        flushRun();
        const last = blocks.at(-1);
        if (last?.kind === 'heading' && boldHeadingAt === i - 1 && previous && wrapsOnto(previous, line))
          last.text = `${last.text} ${text}`;
        else blocks.push({ kind: 'heading', text, page, level: headingSizes.length + 1 });
        boldHeadingAt = i;
        continue;
      }
      const next = lines[i + 1];
      const inTable = line.c && ((next?.c && next.c.length >= 2) || (previous?.c && previous.c.length >= 2));
      if (inTable && line.c) {
        flushRun();
        const last = blocks.at(-1);
        const header = last?.kind === 'table_row' ? (last.headerCells ?? last.cells) : undefined;
        // The header row lives on in every row's cells (as in text and HTML tables), not as a unit.
        if (last?.kind === 'table_row' && !last.headerCells) blocks.pop();
        blocks.push({
          kind: 'table_row',
          text: line.c.join(' | '),
          cells: line.c,
          page,
          headerCells: header,
        });
        continue;
      }
      if (isListItemLine(text)) {
        flushRun();
        blocks.push({ kind: 'list_item', text: withoutListMarker(text), page });
        bulletX = line.x;
        continue;
      }
      const last = blocks.at(-1);
      if (
        run.length === 0 &&
        last?.kind === 'list_item' &&
        last.page === page &&
        line.x > bulletX + 2 &&
        gap > 0 &&
        gap < size * 1.7
      ) {
        // A wrapped list item: indented under the bullet's text, no paragraph gap.
        last.text = `${last.text} ${text}`;
        continue;
      }
      if (previous && run.length && gap > size * 1.7) run.push({ text: '', page });
      run.push({ text, page });
    }
    // A page ends its paragraph unless a sentence runs on over the page break.
    const pageEnd = run.at(-1)?.text;
    if (!pageEnd || /[.!?:;]["'”’)]?$/.test(pageEnd)) run.push({ text: '', page });
  }
  flushRun();
  return blocks;
}
