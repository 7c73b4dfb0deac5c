import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../deps.ts';
import { renderPage } from '../page.ts';

export function homePage(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', (c) => {
    c.header('cache-control', 'public, max-age=300');
    return renderPage(c, deps, 'home.njk', { title: 'Find modern slavery statements' });
  });
}
