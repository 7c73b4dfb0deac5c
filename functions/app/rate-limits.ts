import { Hono, type MiddlewareHandler } from 'hono';
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
const LIMITED: readonly {
  method: string;
  path: string;
  rule: RateRule;
  by: Counted;
  /** Counted only where the app has this route: the sign-in form exists only with the development issuer. */
  onlyWith?: 'devIssuer';
}[] = [
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
  { method: 'POST', path: '/sign-in', rule: 'signIn', by: 'address', onlyWith: 'devIssuer' },
  { method: 'GET', path: '/auth/callback', rule: 'signIn', by: 'address' },
];

/** The abuse limits, as middleware the app mounts before its routes (after authentication). */
export function rateLimits(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const { method, path, rule, by, onlyWith } of LIMITED) {
    if (onlyWith && !deps[onlyWith]) continue;
    const limiter: MiddlewareHandler<AppEnv> = async (c, next) => {
      // Only where this app serves the route: the check function's app has no /statements, and a
      // request it answers 404 costs no counter (nor a call to a table it may not read).
      const served = c.req.matchedRoutes.some(
        (route) => route.handler !== limiter && route.method === method && route.path === path,
      );
      if (!served) return next();
      const user = c.get('user');
      if (by === 'user' && !user) return next(); // the route answers 401 or sends them to sign in
      await spend(deps, rule, [by === 'user' && user ? `user:${user.id}` : `address:${clientAddress(c)}`]);
      return next();
    };
    app.on(method, path, limiter);
  }
  return app;
}
