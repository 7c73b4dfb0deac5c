import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../deps.ts';
import { renderPage } from '../page.ts';
import { PROBLEM_TYPES, problemTypeNamed } from '../problem-types.ts';

/** The pages problem `type` URIs point at: what each answer means and what to do. */
export function problemPages(deps: AppDeps) {
  return new Hono<AppEnv>()
    .get('/problems', (c) => {
      c.header('cache-control', 'public, max-age=3600');
      return renderPage(c, deps, 'problems/index.njk', {
        title: 'Error answers from the API',
        description: 'The problem types the register’s API answers with, and what each one means.',
        types: PROBLEM_TYPES,
      });
    })
    .get('/problems/:name', (c) => {
      const type = problemTypeNamed(c.req.param('name'));
      if (!type) return c.notFound();
      c.header('cache-control', 'public, max-age=3600');
      return renderPage(c, deps, 'problems/problem.njk', {
        title: type.title,
        description: `What the register’s “${type.title}” answer means, and what to do about it.`,
        type,
      });
    });
}
