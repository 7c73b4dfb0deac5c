import { parseHTML } from 'linkedom';
import type { FetchOutcome } from './fetch/guarded-fetch.ts';
import type { HomepageProbe, UrlProbe } from './rules/context.ts';

/** Fetches one address; the guarded fetcher in production, a stub in tests. */
export type Fetcher = (url: string) => Promise<FetchOutcome>;

export function probeFromOutcome(url: string, outcome: FetchOutcome): UrlProbe {
  if (outcome.ok)
    return {
      url,
      outcome: 'ok',
      finalUrl: outcome.url,
      kind: outcome.kind,
      detail: `answered ${outcome.kind.toUpperCase()}`,
    };
  const unreachable =
    outcome.reason === 'network' || outcome.reason === 'timeout' || outcome.reason === 'dns';
  return { url, outcome: unreachable ? 'unreachable' : 'failed', detail: outcome.message };
}

export function comparableUrl(url: string): string {
  try {
    const u = new URL(url);
    const path = decodeURIComponent(u.pathname).replace(/\/+$/, '').toLowerCase();
    return `${u.hostname.toLowerCase().replace(/^www\./, '')}${path}${u.search}`;
  } catch {
    return url.trim().toLowerCase();
  }
}

interface Link {
  href: string;
  text: string;
  where: 'nav' | 'header' | 'footer' | 'body';
}

interface ElementLike {
  tagName?: string;
  getAttribute(name: string): string | null;
  parentElement: ElementLike | null;
  textContent: string | null;
}

function whereOf(element: ElementLike): Link['where'] {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const tag = (node.tagName ?? '').toLowerCase();
    const role = node.getAttribute('role');
    if (tag === 'nav' || role === 'navigation') return 'nav';
    if (tag === 'footer' || role === 'contentinfo') return 'footer';
    if (tag === 'header' || role === 'banner') return 'header';
  }
  return 'body';
}

export function linksOf(html: string, base: string): Link[] {
  const { document } = parseHTML(html);
  const links: Link[] = [];
  for (const a of Array.from(document.querySelectorAll('a[href]')) as unknown as ElementLike[]) {
    const raw = a.getAttribute('href') ?? '';
    let href: string;
    try {
      href = new URL(raw, base).toString();
    } catch {
      continue;
    }
    if (!/^https?:/.test(href)) continue;
    const text = (a.textContent ?? a.getAttribute('aria-label') ?? a.getAttribute('title') ?? '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 200);
    links.push({ href, text, where: whereOf(a) });
  }
  return links;
}

const PROMISING =
  /slavery|trafficking|modern|msa|s54|ethic|sustainab|responsib|esg|polic|legal|governance|statement|human[- ]rights|corporate|about|investor|compliance/i;
const MAX_HOPS = 5;

/**
 * Does the homepage link to the statement, directly or through one page that links to it? Notes
 * the link's text and where it sits (navigation, header, footer, body).
 */
export async function probeHomepage(
  homepageUrl: string,
  statementUrl: string | undefined,
  fetcher: Fetcher,
  statementFinalUrl?: string,
): Promise<HomepageProbe> {
  const outcome = await fetcher(homepageUrl);
  const probe = probeFromOutcome(homepageUrl, outcome);
  if (!outcome.ok || probe.outcome !== 'ok')
    return { url: homepageUrl, outcome: probe.outcome, detail: probe.detail };
  if (outcome.kind !== 'html')
    return { url: homepageUrl, outcome: 'failed', detail: 'The homepage is not an HTML page.' };
  if (!statementUrl) return { url: homepageUrl, outcome: 'ok', detail: 'No statement address to look for.' };
  const targets = new Set([
    comparableUrl(statementUrl),
    ...(statementFinalUrl ? [comparableUrl(statementFinalUrl)] : []),
  ]);
  const links = linksOf(new TextDecoder().decode(outcome.body), outcome.url);
  const direct = links.find((l) => targets.has(comparableUrl(l.href)));
  if (direct) return { url: homepageUrl, outcome: 'ok', detail: 'linked', link: direct };
  const home = new URL(outcome.url).hostname.replace(/^www\./, '');
  const candidates = links
    .filter(
      (l) => new URL(l.href).hostname.replace(/^www\./, '') === home && PROMISING.test(`${l.text} ${l.href}`),
    )
    .filter((l, i, all) => all.findIndex((m) => comparableUrl(m.href) === comparableUrl(l.href)) === i)
    .sort(
      (a, b) =>
        Number(/slavery|trafficking|msa/i.test(`${b.text} ${b.href}`)) -
        Number(/slavery|trafficking|msa/i.test(`${a.text} ${a.href}`)),
    )
    .slice(0, MAX_HOPS);
  for (const candidate of candidates) {
    const page = await fetcher(candidate.href);
    if (!page.ok) continue;
    // A link to a PDF that is the statement itself (after redirects).
    if (targets.has(comparableUrl(page.url)))
      return { url: homepageUrl, outcome: 'ok', detail: 'linked', link: candidate };
    if (page.kind !== 'html') continue;
    const inner = linksOf(new TextDecoder().decode(page.body), page.url).find((l) =>
      targets.has(comparableUrl(l.href)),
    );
    if (inner)
      return {
        url: homepageUrl,
        outcome: 'ok',
        detail: 'linked through a page',
        link: { ...candidate, via: candidate.href },
      };
  }
  return { url: homepageUrl, outcome: 'ok', detail: 'no link found' };
}
