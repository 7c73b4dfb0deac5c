// A PDF's text layer as lines with their layout (font size, position, column cells), for
// pdf-layout.ts to tell headings, list items and table rows from running text. Runs in the
// extract worker, after guardPdfStreams has bounded how much its streams inflate to.
import { getDocumentProxy } from 'unpdf';
import { guardPdfStreams, guardText, LimitError } from './guards.mjs';

// pdf.js 5 hands a font to the main thread with ArrayBuffer.prototype.transferToFixedLength
// (ES2024, Node 21+); without it, Node 20's getOperatorList drops the page's text and fonts.
if (!ArrayBuffer.prototype.transferToFixedLength)
  Object.defineProperty(ArrayBuffer.prototype, 'transferToFixedLength', {
    value(length = this.byteLength) {
      const copy = new ArrayBuffer(length);
      new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)));
      return copy;
    },
    writable: true,
    configurable: true,
  });

/** A gap this many font sizes wide between two items on one line separates table cells. */
const CELL_GAP = 1.5;

/** Weights a font's PostScript name gives ("ABCDEF+Arial-BoldMT", "Inter-SemiBold", "Arial,Black"). */
const BOLD_NAME = /bold|black|heavy|demi/i;

/** Whether a pdf.js font object (from page.commonObjs) is set in a bold weight. */
export function isBoldFont(font) {
  if (!font) return false;
  return font.bold === true || font.black === true || BOLD_NAME.test(font.name ?? '');
}

/**
 * One page's items as lines: {t: text, s: font size, x, y, c?: cells when the line has columns,
 * b?: every character is bold, bs?: the line starts in bold}. `bold(fontName)` says whether a text
 * item's font is bold.
 */
export function linesOfItems(items, bold = () => false) {
  const lines = [];
  let current;
  let last;
  const flush = () => {
    if (current) {
      const text = current.cells.map((cell) => cell.trim()).filter(Boolean);
      if (text.length) {
        const line = { t: text.join(' '), s: current.s, x: current.x, y: current.y };
        if (text.length > 1) line.c = text;
        if (current.bold === current.chars) line.b = true;
        else if (current.startsBold) line.bs = true;
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
      const chars = item.str.trim().length;
      const inBold = bold(item.fontName);
      if (!current) current = { cells: [''], s: size, x, y, chars: 0, bold: 0, startsBold: inBold };
      else if (last && x - (last.x + last.width) > CELL_GAP * Math.max(size, current.s))
        current.cells.push('');
      else if (last && x - (last.x + last.width) > size * 0.15 && !/\s$/.test(current.cells.at(-1)))
        current.cells[current.cells.length - 1] += ' ';
      current.cells[current.cells.length - 1] += item.str;
      current.s = Math.max(current.s, size);
      current.chars += chars;
      if (inBold) current.bold += chars;
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
      // Only text and font names are read: an operator list must not decode the page's images.
      maxImageSize: 0,
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
    /** Bold or not, by pdf.js's name for a font (shared by the document's pages). */
    const fontIsBold = new Map();
    const totalPages = pdf.numPages;
    for (let n = 1; n <= Math.min(totalPages, limits.maxPages); n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      // Text items name only a generic family; the font's real name reaches commonObjs when the
      // page's operator list is built, so that is built only for pages that bring a font not seen yet.
      const unseen = Object.keys(content.styles).filter((name) => !fontIsBold.has(name));
      if (unseen.length && content.items.some((item) => item.str?.trim())) {
        // A page whose drawing cannot be read still has its text: its fonts just count as regular.
        await page.getOperatorList().catch(() => undefined);
        for (const name of unseen)
          fontIsBold.set(name, page.commonObjs.has(name) && isBoldFont(page.commonObjs.get(name)));
      }
      const lines = linesOfItems(content.items, (name) => fontIsBold.get(name) === true);
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
