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
      for (const line of linesOf(node)) {
        const text = clean(line);
        if (text) blocks.push({ kind: 'paragraph', text });
      }
      return;
    }
    visitChildren(node);
    flushInline();
  };
  visit(root);
  flushInline();
  return blocks;
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
  for (const node of Array.from(document.querySelectorAll(DROP))) node.remove();
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
