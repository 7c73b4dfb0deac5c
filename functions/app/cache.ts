import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './deps.ts';

/**
 * How long CloudFront (s-maxage) and browsers (max-age) may keep public answers. Search and
 * statement answers are short: a new submission reaches the index through the stream within
 * seconds, and the cache adds at most this much (README "Caching and staleness").
 */
export const CACHE_SECONDS = {
  search: 60,
  statement: 120,
  organisation: 120,
  statistics: 300,
  feed: 300,
  download: 3600,
  /** A redirect to a year's published file: short, as the next daily publication may move it. */
  publishedDownloadRedirect: 300,
} as const;

/**
 * Marks an answer cacheable by anyone for `seconds`, unless it was made for a signed-in person
 * (pages show their name and links): those are private and never stored by a shared cache.
 */
export function cachePublicly(
  c: Context<AppEnv>,
  seconds: number,
  options: { personal?: boolean } = {},
): void {
  if (options.personal !== false && c.get('user')) {
    c.header('cache-control', 'private, no-store');
    return;
  }
  c.header(
    'cache-control',
    `public, max-age=${seconds}, s-maxage=${seconds}, stale-while-revalidate=${Math.min(seconds, 60)}`,
  );
}

/**
 * Whatever a route said, an answer made for a signed-in person (session cookie or bearer token)
 * is never stored by a shared cache or the browser: navigation and names differ per session.
 */
export const noStoreWhenSignedIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.get('user')) c.res.headers.set('cache-control', 'private, no-store');
};
