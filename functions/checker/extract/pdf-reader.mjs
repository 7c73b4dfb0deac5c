// A PDF's text layer as lines with their layout (font size, position, column cells), for
// pdf-layout.ts to tell headings, list items and table rows from running text. Runs in the
// extract worker, after guardPdfStreams has bounded how much its streams inflate to.
import { getDocumentProxy } from 'unpdf';
import { guardPdfStreams, guardText, LimitError } from './guards.mjs';

/** A gap this many font sizes wide between two items on one line separates table cells. */
const CELL_GAP = 1.5;

/** One page's items as lines: {t: text, s: font size, x, y, c?: cells when the line has columns}. */
export function linesOfItems(items) {
  const lines = [];
  let current;
  let last;
  const flush = () => {
    if (current) {
      const text = current.cells.map((cell) => cell.trim()).filter(Boolean);
      if (text.length) {
        const line = { t: text.join(' '), s: current.s, x: current.x, y: current.y };
        if (text.length > 1) line.c = text;
        lines.push(line);
      }
    }
    current = undefined;
    last = undefined;
  };
  for (const item of items) {
    if (item.str == null) continue;
    const [, , c, d, x, y] = item.transform;
    const size = Math.round(Math.hypot(c, d) * 10) / 10;
    const blank = item.str.trim() === '';
    if (current && Math.abs(y - current.y) > Math.max(size, current.s) * 0.5 && !blank) flush();
    if (!blank) {
      if (!current) current = { cells: [''], s: size, x, y };
      else if (last && x - (last.x + last.width) > CELL_GAP * Math.max(size, current.s))
        current.cells.push('');
      else if (last && x - (last.x + last.width) > size * 0.15 && !/\s$/.test(current.cells.at(-1)))
        current.cells[current.cells.length - 1] += ' ';
      current.cells[current.cells.length - 1] += item.str;
      current.s = Math.max(current.s, size);
      last = { x, width: item.width };
    } else if (current) current.cells[current.cells.length - 1] += ' ';
    if (item.hasEOL) flush();
  }
  flush();
  return lines;
}

export async function readPdf(bytes, limits) {
  await guardPdfStreams(bytes, limits);
  let pdf;
  try {
    pdf = await getDocumentProxy(bytes, {
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    });
  } catch (error) {
    const name = error?.name ?? '';
    if (name === 'PasswordException') throw new LimitError('password', 'The PDF is password-protected.');
    throw new LimitError('invalid', `The PDF could not be read (${name || 'error'}).`);
  }
  try {
    const pages = [];
    let chars = 0;
    const totalPages = pdf.numPages;
    for (let n = 1; n <= Math.min(totalPages, limits.maxPages); n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const lines = linesOfItems(content.items);
      for (const line of lines) chars += line.t.length;
      guardText(chars, limits);
      pages.push({ page: n, lines });
      page.cleanup();
    }
    return { totalPages, pages };
  } finally {
    await pdf.destroy();
  }
}
