import render from 'dom-serializer';
import { type ChildNode, Document, Element, ProcessingInstruction, Text } from 'domhandler';
import { cleanFreeText } from '../../schemas/free-text.ts';
import type { SearchResult } from '../../schemas/search.ts';
import { checkLabel } from './public-labels.ts';

/** An element holding either text (escaped when written) or child elements. */
const el = (name: string, content: string | ChildNode[] = [], attributes: Record<string, string> = {}) =>
  new Element(name, attributes, typeof content === 'string' ? [new Text(content)] : content);

/** One entry's summary: the period, then the check's rating and what it found, each said once. */
export function entrySummary(item: SearchResult): string {
  const label = checkLabel(item.check);
  const rating = label.explanation
    ? `${label.text}: ${label.explanation.charAt(0).toLowerCase()}${label.explanation.slice(1).replace(/\.$/, '')}`
    : label.text;
  const parts = [rating, label.legal, label.areas].filter(
    (part, index, all) => part !== '' && all.indexOf(part) === index,
  );
  return `Reporting period ${item.periodStart} to ${item.periodEnd}. Check: ${parts.join('; ')}.`;
}

const link = (rel: string, type: string, href: string) => el('link', [], { rel, type, href });

/**
 * The Atom feed (RFC 4287) of new statements. Every address in it starts with `siteAddress`, the
 * register's configured address, never the request's. Stored text (a name saved before control
 * characters were removed at the boundary) is cleaned again here, so the feed is well-formed XML
 * whatever an old item holds.
 */
export function statementsFeed(siteAddress: string, items: readonly SearchResult[], now: Date): string {
  const site = siteAddress.replace(/\/+$/, '');
  const updated = items[0]?.submittedAt ?? now.toISOString();
  const entries = items.map((item) => {
    const href = `${site}/statements/${item.id}`;
    return el('entry', [
      el('title', cleanFreeText(`${item.organisationName}: statement for ${item.year}`)),
      link('alternate', 'text/html', href),
      el('id', href),
      el('updated', item.submittedAt ?? updated),
      el('summary', cleanFreeText(entrySummary(item))),
    ]);
  });
  const feed = el(
    'feed',
    [
      el('title', 'Modern slavery statement register: new statements'),
      link('self', 'application/atom+xml', `${site}/statements.atom`),
      link('alternate', 'text/html', `${site}/statements?sort=date`),
      el('id', `${site}/statements.atom`),
      el('updated', updated),
      el('author', [el('name', 'Modern slavery statement register')]),
      ...entries,
    ],
    { xmlns: 'http://www.w3.org/2005/Atom' },
  );
  const declaration = new ProcessingInstruction('?xml', '?xml version="1.0" encoding="utf-8"?');
  // xmlMode: XML escaping of text and attributes, empty elements self-closed.
  return render(new Document([declaration, feed]), { xmlMode: true });
}
