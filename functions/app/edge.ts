import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './deps.ts';

/** The header CloudFront adds to every request it sends to the API (infra/edge.ts). */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

const sameSecret = (given: string, secret: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * In AWS the register is reached through CloudFront (with its WAF) only: CloudFront adds a secret
 * header, and a request without it — someone calling the API Gateway address directly, around
 * the WAF — is refused. Such a request also may not choose the public host: only then is
 * X-Forwarded-Host (set by CloudFront from the viewer's Host) trusted as the site's address.
 * Without a secret (locally, in tests) every request passes and the request URL is the address.
 */
export function edgeGate(secret: string | undefined): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (secret === undefined) return next();
    if (!sameSecret(c.req.header(ORIGIN_VERIFY_HEADER) ?? '', secret)) {
      return c.text('Forbidden', 403);
    }
    const host = c.req.header('x-forwarded-host');
    if (host && /^[a-z0-9.-]+(:\d+)?$/i.test(host)) c.set('publicOrigin', `https://${host}`);
    return next();
  };
}

/** The site's own address (scheme, host, port) as people see it. */
export function publicOriginOf(c: Context<AppEnv>): string {
  return c.get('publicOrigin') ?? new URL(c.req.url).origin;
}
