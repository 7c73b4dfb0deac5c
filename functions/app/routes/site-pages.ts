import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../deps.ts';
import { renderPage } from '../page.ts';

/** The pages every GOV.UK service has: cookies, accessibility statement, and the favicon address. */
export function sitePages(deps: AppDeps) {
  return (
    new Hono<AppEnv>()
      // Browsers and crawlers ask for /favicon.ico whatever the page says: GOV.UK Frontend's icon.
      .get('/favicon.ico', (c) => {
        c.header('cache-control', 'public, max-age=86400');
        return c.redirect('/assets/govuk/images/favicon.ico', 301);
      })
      .get('/cookies', (c) => {
        c.header('cache-control', 'public, max-age=3600');
        return renderPage(c, deps, 'public/cookies.njk', {
          title: 'Cookies',
          description:
            'The cookies the modern slavery statement register sets: only essential ones, to keep you signed in.',
        });
      })
      .get('/accessibility', (c) => {
        c.header('cache-control', 'public, max-age=3600');
        return renderPage(c, deps, 'public/accessibility.njk', {
          title: 'Accessibility statement',
          contact: deps.accessibilityContact,
          description:
            'How accessible the modern slavery statement register is, its known problems and how to report one.',
        });
      })
  );
}
