import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../deps.ts';
import { renderPage } from '../page.ts';

export function homePage(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', (c) => {
    c.header('cache-control', 'public, max-age=300');
    return renderPage(c, deps, 'home.njk', {
      title: 'Find modern slavery statements',
      description:
        'Search the statements organisations publish under the Modern Slavery Act 2015, each checked against the law and the statutory guidance.',
    });
  });
}
