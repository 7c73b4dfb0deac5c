import type { Context } from 'hono';
import type { AppDeps, AppEnv } from './deps.ts';

const isApi = (path: string) => path.startsWith('/api/');

/**
 * Whether an error should be answered with a page rather than problem JSON: never on the API or
 * /health (their contract is problem details), and on every other path unless the client asks
 * for JSON and not HTML. Browsers send `Accept: text/html,…`; a client sending no Accept on a
 * page address gets the page too, as it always did for unknown addresses.
 */
export function wantsHtml(c: Context): boolean {
  const path = c.req.path;
  if (isApi(path) || path === '/health') return false;
  const accept = (c.req.header('accept') ?? '').toLowerCase();
  if (accept.includes('text/html')) return true;
  return !/application\/(?:problem\+)?json/.test(accept);
}

/** What a page says for each error status, in the words of the GOV.UK error page patterns. */
function pageFor(status: number, detail: string | undefined): { title: string; paragraphs: string[] } {
  if (status === 404)
    return {
      title: 'Page not found',
      paragraphs: [
        'If you typed the web address, check it is correct.',
        'If you pasted the web address, check you copied the entire address.',
        'If the address is a statement or organisation you found before, it may have been withdrawn: search the register for it.',
      ],
    };
  if (status >= 500)
    return {
      title: 'Sorry, there is a problem with the service',
      paragraphs: ['Try again later.', 'Anything you entered has not been saved.'],
    };
  const titles: Record<number, string> = {
    401: 'You need to sign in',
    403: 'You cannot do this',
    409: 'This has changed since you opened it',
    413: 'The file is too large',
    415: 'The file is not in a format the register reads',
    429: 'Too many requests',
  };
  return {
    title: titles[status] ?? 'There is a problem',
    paragraphs: [detail ?? 'Go back and try again.'],
  };
}

/** The HTML error page for a status; the status itself is kept. */
export function errorPage(
  c: Context<AppEnv>,
  deps: Pick<AppDeps, 'render'>,
  status: number,
  detail?: string,
): Response {
  const { title, paragraphs } = pageFor(status, detail);
  const html = deps.render('error.njk', {
    title,
    paragraphs,
    status,
    description: title,
    nonce: c.get('secureHeadersNonce'),
    user: c.get('user'),
  });
  return c.html(html, status as 404);
}
