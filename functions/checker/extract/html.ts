import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { Block } from '../text/sentences.ts';

const DROP =
  'script, style, noscript, template, iframe, object, embed, svg, canvas, form, button, select, nav, header, footer, aside, [role="navigation"], [role="banner"], [role="contentinfo"], [aria-hidden="true"], [hidden]';
const BLOCKS = new Set([
  'P',
  'LI',
  'TD',
  'TH',
  'DD',
  'DT',
  'BLOCKQUOTE',
  'PRE',
  'FIGCAPTION',
  'CAPTION',
  'ADDRESS',
]);
const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** Walks the content and answers its blocks: headings, paragraphs and list items, in order. */
function blocksOf(root: DomNode): Block[] {
  const blocks: Block[] = [];
  let inline = '';
  const flushInline = () => {
    const text = inline.replace(/\s+/g, ' ').trim();
    if (text) blocks.push({ kind: 'paragraph', text });
    inline = '';
  };
  const visit = (node: DomNode) => {
    if (node.nodeType === 3) {
      inline += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const name = node.nodeName.toUpperCase();
    if (name === 'BR') {
      inline += '\n';
      return;
    }
    if (HEADINGS.has(name) || BLOCKS.has(name)) {
      flushInline();
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (!text) return;
      const hasBlockChildren = Array.from(node.childNodes).some((c) => BLOCKS.has(c.nodeName.toUpperCase()));
      if (hasBlockChildren && !HEADINGS.has(name)) {
        for (const child of Array.from(node.childNodes)) visit(child);
        flushInline();
        return;
      }
      blocks.push({ kind: HEADINGS.has(name) ? 'heading' : 'paragraph', text });
      return;
    }
    for (const child of Array.from(node.childNodes)) visit(child);
    if (name === 'DIV' || name === 'SECTION' || name === 'ARTICLE' || name === 'MAIN' || name === 'TABLE')
      flushInline();
  };
  visit(root);
  flushInline();
  return blocks;
}

export interface HtmlText {
  title: string | undefined;
  blocks: Block[];
}

/**
 * The main text of an HTML page: Readability's article when it finds one, else the body without
 * navigation, headers, footers, forms and scripts. Scripts are never run (linkedom has no engine).
 */
export function htmlToBlocks(html: string): HtmlText {
  const { document } = parseHTML(html);
  const title = document.querySelector('title')?.textContent?.trim() || undefined;
  for (const node of Array.from(document.querySelectorAll('script, style, noscript, template')))
    node.remove();
  let article: { content?: string | null } | null = null;
  try {
    // Readability mutates the document; give it its own copy.
    article = new Readability(parseHTML(document.toString()).document as unknown as Document, {
      charThreshold: 200,
    }).parse();
  } catch {
    article = null;
  }
  if (article?.content) {
    const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
    for (const node of Array.from(content.querySelectorAll(DROP))) node.remove();
    const blocks = blocksOf(content.body as unknown as DomNode);
    if (blocks.length) return { title, blocks };
  }
  for (const node of Array.from(document.querySelectorAll(DROP))) node.remove();
  const body = document.querySelector('main') ?? document.body;
  return { title, blocks: body ? blocksOf(body as unknown as DomNode) : [] };
}
