import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps, AppEnv } from './deps.ts';

/** Renders a page with what every page's layout needs: the CSP nonce and the signed-in user. */
export function renderPage(
  c: Context<AppEnv>,
  deps: Pick<AppDeps, 'render'>,
  template: string,
  context: Record<string, unknown>,
  status: ContentfulStatusCode = 200,
) {
  const html = deps.render(template, {
    ...context,
    nonce: c.get('secureHeadersNonce'),
    user: c.get('user'),
    // Every form on a page posts this back (see pageCsrfProtection): {% include "csrf.njk" %}.
    csrfToken: c.get('csrfToken'),
  });
  return c.html(html, status);
}
