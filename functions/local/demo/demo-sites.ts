import type { FetchOutcome } from '../../checker/fetch/guarded-fetch.ts';
import type { Fetcher } from '../../checker/website.ts';

/**
 * The demo organisations' websites, served to the register's checker in place of the network:
 * their hosts are under `.example` (reserved, never resolvable), so without these pages every
 * website rule would be `unknown`. Any other address goes to the real fetcher.
 */
export interface DemoSite {
  homepageUrl: string;
  statementUrl: string;
  statementText: string;
  /** Whether the homepage links to the statement (the legal "prominent link"). */
  linked: boolean;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);

function page(title: string, body: string): Uint8Array {
  return new TextEncoder().encode(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`,
  );
}

function homepage(site: DemoSite): Uint8Array {
  const footer = site.linked
    ? `<footer><a href="${escapeHtml(site.statementUrl)}">Modern slavery statement</a> · <a href="/privacy">Privacy</a></footer>`
    : '<footer><a href="/privacy">Privacy</a> · <a href="/contact">Contact us</a></footer>';
  return page(
    'Home',
    `<header><nav><a href="/">Home</a> <a href="/about">About us</a></nav></header><main><h1>Welcome</h1><p>Our products and services.</p></main>${footer}`,
  );
}

function statementPage(site: DemoSite): Uint8Array {
  const [title = 'Modern slavery statement', ...rest] = site.statementText.split('\n');
  const body = rest
    .join('\n')
    .split(/\n{2,}/)
    .map((block) => `<p>${escapeHtml(block.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('');
  return page(title, `<main><h1>${escapeHtml(title)}</h1>${body}</main>`);
}

export function demoFetcher(sites: readonly DemoSite[], fallback: Fetcher): Fetcher {
  const pages = new Map<string, () => Uint8Array>();
  for (const site of sites) {
    pages.set(site.homepageUrl, () => homepage(site));
    pages.set(site.statementUrl, () => statementPage(site));
  }
  return async (url): Promise<FetchOutcome> => {
    const body = pages.get(url);
    if (!body) return fallback(url);
    return {
      ok: true,
      url,
      status: 200,
      contentType: 'text/html; charset=utf-8',
      kind: 'html',
      body: body(),
      redirects: [],
    };
  };
}
