// The main text of an HTML page as blocks (functions/checker/text/sentences.ts, Block): headings
// with their level, paragraphs, list items, and table rows with their cells and header cells.
// Runs in the extract worker, after guardHtml has bounded the page's size, depth and node count.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { guardHtml, guardText } from './guards.mjs';

const DROP =
  'script, style, noscript, template, iframe, object, embed, svg, canvas, form, button, select, nav, header, footer, aside, [role="navigation"], [role="banner"], [role="contentinfo"], [aria-hidden="true"], [hidden]';
const PARAGRAPHS = new Set(['P', 'DD', 'DT', 'BLOCKQUOTE', 'PRE', 'FIGCAPTION', 'CAPTION', 'ADDRESS']);
const CONTAINERS = new Set(['DIV', 'SECTION', 'ARTICLE', 'MAIN', 'UL', 'OL', 'DL', 'TABLE', 'BODY']);
/** Elements that start their own block: inside one of these, the enclosing element is split. */
const BLOCK_LEVEL = new Set([
  ...PARAGRAPHS,
  ...CONTAINERS,
  'LI',
  'TR',
  'TD',
  'TH',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
]);
const HEADING = /^H([1-6])$/;
const BOLD = new Set(['STRONG', 'B']);

const clean = (text) => text.replace(/\s+/g, ' ').trim();
const nameOf = (node) => String(node.nodeName).toUpperCase();
const children = (node) => Array.from(node.childNodes ?? []);
const elements = (node) => children(node).filter((child) => child.nodeType === 1);

/** The rows of a table that holds data (no nested tables, rows of at least two cells), else undefined. */
function tableRows(table) {
  if (table.querySelector('table')) return undefined;
  const rows = Array.from(table.querySelectorAll('tr')).map((row) => ({
    cells: elements(row)
      .filter((cell) => nameOf(cell) === 'TD' || nameOf(cell) === 'TH')
      .map((cell) => ({ text: clean(cell.textContent ?? ''), header: nameOf(cell) === 'TH' })),
    inHead: nameOf(row.parentNode ?? {}) === 'THEAD',
  }));
  const filled = rows.filter((row) => row.cells.some((cell) => cell.text));
  if (filled.length === 0 || filled.every((row) => row.cells.length < 2)) return undefined;
  return filled;
}

/** An element's text, split at its <br> elements. */
function linesOf(node) {
  const lines = [''];
  const walk = (n) => {
    if (n.nodeType === 3) lines[lines.length - 1] += n.textContent ?? '';
    else if (n.nodeType === 1 && nameOf(n) === 'BR') lines.push('');
    else for (const child of children(n)) walk(child);
  };
  walk(node);
  return lines;
}

/** Whether every letter of the element sits inside <strong> or <b> (as Word's bold runs become). */
function whollyBold(node) {
  let bold = 0;
  let all = 0;
  const walk = (current, inBold) => {
    for (const child of children(current)) {
      if (child.nodeType === 3) {
        const letters = (child.textContent ?? '').replace(/\s+/g, '').length;
        all += letters;
        if (inBold) bold += letters;
      } else if (child.nodeType === 1) walk(child, inBold || BOLD.has(nameOf(child)));
    }
  };
  walk(node, false);
  return all > 0 && bold === all;
}

const wordCount = (text) => (text.match(/\S+/g) ?? []).length;

/**
 * A paragraph wholly in bold is a heading (one level below the last h1–h6 heading) when it is
 * short, does not end a sentence, and body text follows it: a paragraph that reads as running
 * text, a list item or a table row (as bold body-size lines in a PDF, pdf-layout.ts). A bold
 * name over a short "Managing Director" line stays text.
 */
function boldParagraphsAsHeadings(blocks) {
  const isBody = (block) =>
    block !== undefined &&
    (block.kind === 'list_item' ||
      block.kind === 'table_row' ||
      (block.kind === 'paragraph' &&
        !block.bold &&
        !/^\p{Ll}/u.test(block.text) &&
        (wordCount(block.text) >= 6 || (/[.!?]$/.test(block.text) && wordCount(block.text) >= 3))));
  let level = 1;
  const out = blocks.map((block, i) => {
    if (block.kind === 'heading') level = block.level + 1;
    if (!block.bold) return block;
    const { bold: _bold, ...plain } = block;
    const heading =
      wordCount(block.text) <= 15 &&
      block.text.length <= 120 &&
      !/[.!?;:,]$/.test(block.text) &&
      isBody(blocks[i + 1]);
    return heading ? { kind: 'heading', text: block.text, level: Math.min(level, 6) } : plain;
  });
  return out;
}

/** Walks the content and answers its blocks in reading order. */
export function blocksOf(root) {
  const blocks = [];
  let inline = '';
  const flushInline = () => {
    const text = clean(inline);
    if (text) blocks.push({ kind: 'paragraph', text });
    inline = '';
  };
  const visitChildren = (node) => {
    for (const child of children(node)) visit(child);
  };
  const pushTable = (rows) => {
    const headerRow = rows.find((row) => row.inHead || row.cells.every((cell) => cell.header)) ?? rows[0];
    const headerCells = headerRow.cells.map((cell) => cell.text);
    for (const row of rows) {
      const cells = row.cells.map((cell) => cell.text);
      const block = { kind: 'table_row', text: cells.filter(Boolean).join(' | '), cells };
      if (row !== headerRow) block.headerCells = headerCells;
      blocks.push(block);
    }
  };
  const visit = (node) => {
    if (node.nodeType === 3) {
      inline += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const name = nameOf(node);
    if (name === 'BR') {
      inline += '\n';
      return;
    }
    if (!BLOCK_LEVEL.has(name)) {
      visitChildren(node);
      return;
    }
    flushInline();
    const heading = HEADING.exec(name);
    if (heading) {
      const text = clean(node.textContent ?? '');
      if (text) blocks.push({ kind: 'heading', text, level: Number(heading[1]) });
      return;
    }
    if (name === 'TABLE') {
      const rows = tableRows(node);
      if (rows) pushTable(rows);
      else visitChildren(node);
      flushInline();
      return;
    }
    if (name === 'LI') {
      // The item's own text, then any list or block nested in it as blocks of their own.
      let own = '';
      const nested = [];
      for (const child of children(node)) {
        if (child.nodeType === 1 && BLOCK_LEVEL.has(nameOf(child)) && nameOf(child) !== 'P')
          nested.push(child);
        else own += ` ${child.textContent ?? ''}`;
      }
      const text = clean(own);
      if (text) blocks.push({ kind: 'list_item', text });
      for (const child of nested) visit(child);
      return;
    }
    if (PARAGRAPHS.has(name) && !elements(node).some((child) => BLOCK_LEVEL.has(nameOf(child)))) {
      // Each line of a paragraph broken with <br> (a sign-off: name, role, company) is its own
      // block, as the lines of a text file are; textContent would run them together.
      const lines = linesOf(node).map(clean).filter(Boolean);
      const bold = lines.length === 1 && whollyBold(node);
      for (const text of lines)
        blocks.push(bold ? { kind: 'paragraph', text, bold } : { kind: 'paragraph', text });
      return;
    }
    visitChildren(node);
    flushInline();
  };
  visit(root);
  flushInline();
  return boldParagraphsAsHeadings(blocks);
}

/**
 * A site's footer that a page template put inside <main> (outside any article or section): mostly
 * links, or a copyright, cookie or privacy line, and no approval or sign-off of the text's own.
 */
function siteChrome(footer) {
  const text = clean(footer.textContent ?? '');
  if (/\bapproved by\b|\bsigned\b(?! up)/i.test(text)) return false;
  const linked = Array.from(footer.querySelectorAll('a')).reduce(
    (n, a) => n + clean(a.textContent ?? '').length,
    0,
  );
  return (
    linked > 0.4 * text.length ||
    /©|\bcopyright\b|\bcookies?\b|\ball rights reserved\b|\bprivacy\b/i.test(text)
  );
}

const textLength = (blocks) => blocks.reduce((n, block) => n + block.text.length, 0);

/**
 * The page's title and the blocks of its main text: Readability's article when it finds one,
 * else the body without navigation, headers, footers, forms and scripts. One parse: the fallback
 * is read before Readability (which mutates the document) and the article is taken as a node.
 * Scripts are never run (linkedom has no engine).
 */
export function htmlBlocks(html, limits, { readability = true } = {}) {
  guardHtml(html, limits);
  // A fragment (no <html> or <body>) gets the page around it, which linkedom does not add.
  const page = /<(html|body)[\s>]/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`;
  const { document } = parseHTML(page);
  const title = clean(document.querySelector('title')?.textContent ?? '') || undefined;
  for (const node of Array.from(document.querySelectorAll(DROP))) {
    // A footer inside an article or section is that text's own footer (where a statement's
    // approval and sign-off often sit); only the page's footer is the site's chrome.
    // Readability drops footers, so the text's own is read as a plain block (its class names,
    // "footer" among them, would make Readability drop it too).
    if (
      node.tagName === 'FOOTER' &&
      node.getAttribute('role') !== 'contentinfo' &&
      (node.parentElement?.closest('article, section') ||
        (node.parentElement?.closest('main') && !siteChrome(node)))
    ) {
      const block = document.createElement('div');
      block.append(...Array.from(node.childNodes));
      node.replaceWith(block);
      continue;
    }
    node.remove();
  }
  const body = document.querySelector('main') ?? document.body;
  const fallback = body ? blocksOf(body) : [];
  guardText(textLength(fallback), limits);
  if (!readability) return { title, blocks: fallback };
  let article = null;
  try {
    article = new Readability(document, {
      charThreshold: 200,
      maxElemsToParse: limits.maxElements,
      serializer: (node) => node,
    }).parse();
  } catch {
    article = null;
  }
  const content = article?.content;
  const blocks = content && typeof content === 'object' ? blocksOf(content) : [];
  return { title, blocks: blocks.length ? blocks : fallback };
}

export async function readHtml(bytes, limits) {
  return htmlBlocks(new TextDecoder().decode(bytes), limits);
}
