import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './deps.ts';

/** The header CloudFront adds to every request it sends to the API (infra/edge.ts). */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

/** Digests of equal length, so the comparison takes the same time whatever was sent. */
const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Whether `given` is one of the accepted secrets; every one is compared (no early exit). */
const isAccepted = (given: string, accepted: readonly Buffer[]) => {
  const sent = digest(given);
  let match = false;
  for (const secret of accepted) match = timingSafeEqual(sent, secret) || match;
  return match;
};

/**
 * In AWS the register is reached through CloudFront (with its WAF) only: CloudFront adds a secret
 * header, and a request without it — someone calling the API Gateway address directly, around
 * the WAF — is refused. Such a request also may not choose the public host: only then is
 * X-Forwarded-Host (set by CloudFront from the viewer's Host) trusted as the site's address.
 * Without a secret (locally, in tests) every request passes and the request URL is the address.
 *
 * While the secret is being rotated (functions/rotation/), the functions accept two values: the
 * current one and the next one, which CloudFront starts sending part-way through the rotation.
 * `nextSecret` without `secret` is ignored (functions/config.ts refuses that configuration).
 */
export function edgeGate(
  secret: string | undefined,
  nextSecret?: string | undefined,
): MiddlewareHandler<AppEnv> {
  const accepted = secret === undefined ? [] : [secret, ...(nextSecret === undefined ? [] : [nextSecret])];
  const digests = accepted.map(digest);
  return async (c, next) => {
    if (digests.length === 0) return next();
    if (!isAccepted(c.req.header(ORIGIN_VERIFY_HEADER) ?? '', digests)) {
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

/**
 * The address the register writes into absolute links (the feed, letters): the configured site
 * address (PUBLIC_BASE_URL) whenever there is one, whatever Host or X-Forwarded-Host say. Only a
 * register without one (a stack without its own domain name, where CloudFront's address is the
 * site's; tests) falls back to the public origin above.
 */
export function siteAddressOf(c: Context<AppEnv>): string {
  return (c.get('siteAddress') ?? publicOriginOf(c)).replace(/\/+$/, '');
}
