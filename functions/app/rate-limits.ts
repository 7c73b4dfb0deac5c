import { Hono } from 'hono';
import { type RateRule, spend } from '../domain/rate-limits.ts';
import { clientAddress } from './client-address.ts';
import type { AppDeps, AppEnv } from './deps.ts';

type Counted = 'address' | 'user';

/**
 * Which requests count against which limit, and whose: an address or a signed-in user. Each
 * counted request costs one conditional UpdateItem per counter (functions/store/throttle/); a
 * request a cache answers never reaches the function, so cached public pages cost nothing.
 * Enrolment is counted in the domain (functions/domain/submissions/organisations.ts), which
 * gives a right code's slot back; reports in functions/app/routes/reports.ts.
 */
const LIMITED: readonly { method: string; path: string; rule: RateRule; by: Counted }[] = [
  { method: 'GET', path: '/api/v1/statements', rule: 'search', by: 'address' },
  { method: 'GET', path: '/statements', rule: 'search', by: 'address' },
  { method: 'POST', path: '/api/v1/check', rule: 'check', by: 'address' },
  { method: 'POST', path: '/check', rule: 'check', by: 'address' },
  { method: 'POST', path: '/api/v1/organisations/:orgId/statements', rule: 'drafts', by: 'user' },
  { method: 'PUT', path: '/api/v1/statements/:id', rule: 'drafts', by: 'user' },
  { method: 'PUT', path: '/api/v1/statements/:id/document', rule: 'drafts', by: 'user' },
  { method: 'POST', path: '/api/v1/statements/:id/submit', rule: 'drafts', by: 'user' },
  { method: 'POST', path: '/account/organisations/:orgId/statements/new', rule: 'drafts', by: 'user' },
  { method: 'POST', path: '/account/statements/:id/:section', rule: 'drafts', by: 'user' },
  { method: 'POST', path: '/sign-in', rule: 'signIn', by: 'address' },
  { method: 'GET', path: '/auth/callback', rule: 'signIn', by: 'address' },
];

/** The abuse limits, as middleware the app mounts before its routes (after authentication). */
export function rateLimits(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const { method, path, rule, by } of LIMITED) {
    app.on(method, path, async (c, next) => {
      const user = c.get('user');
      if (by === 'user' && !user) return next(); // the route answers 401 or sends them to sign in
      await spend(deps, rule, [by === 'user' && user ? `user:${user.id}` : `address:${clientAddress(c)}`]);
      return next();
    });
  }
  return app;
}
