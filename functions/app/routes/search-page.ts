import { Hono } from 'hono';
import { findOrganisationsByName } from '../../store/organisations/find-organisations-by-name.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { renderPage } from '../page.ts';

export function searchPage(deps: AppDeps) {
  return new Hono<AppEnv>().get('/statements', async (c) => {
    const q = (c.req.query('q') ?? '').slice(0, 200);
    const organisations = q.trim() ? await findOrganisationsByName(deps.store, q) : [];
    c.header('cache-control', 'public, max-age=60');
    return renderPage(c, deps, 'search.njk', {
      title: q ? `Results for ${q}` : 'Search statements',
      q,
      organisations,
    });
  });
}
