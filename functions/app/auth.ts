import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { User } from '../../schemas/user.ts';
import { DomainError, forbidden, tooLarge, unauthenticated } from '../domain/errors.ts';
import type { AppDeps, AppEnv } from './deps.ts';

/** Page form posts (a 10 MB file upload and its form) are refused above this before being read. */
const PAGE_BODY_LIMIT = 11 * 1024 * 1024;

/** The web pages' session: an http-only cookie holding the same token the API takes as a bearer. */
export const SESSION_COOKIE = 'register_session';

/**
 * The per-session form token: a hash of the session token, which only our pages (which can read
 * the http-only cookie on the server) can put in a form. A cross-site form cannot know it.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`csrf\u0000${sessionToken}`).digest('base64url');
}

export function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Public, stateless API routes: they act for nobody, so a session cookie is not read there. */
const STATELESS_API_PATHS = new Set(['/api/v1/check']);

/** Whether a session cookie gives authority on this path (not on the stateless public API routes). */
export const usesSessionCookie = (path: string) => !STATELESS_API_PATHS.has(path);

/**
 * Sets c.get('user') from `Authorization: Bearer <JWT>` or the session cookie. A bad bearer token
 * is refused (401); a bad or expired cookie is dropped and the request goes on anonymous.
 */
export function authentication(deps: Pick<AppDeps, 'verifier'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
      if (!match?.[1]) throw unauthenticated('The Authorization header must be "Bearer <token>".');
      c.set('user', await deps.verifier.verify(match[1]));
      return next();
    }
    const session = usesSessionCookie(c.req.path) ? getCookie(c, SESSION_COOKIE) : undefined;
    if (session) {
      try {
        c.set('user', await deps.verifier.verify(session));
        c.set('csrfToken', csrfTokenFor(session));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
      }
    }
    return next();
  };
}

export function startSession(c: Context, token: string, lifetimeSeconds: number): void {
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    maxAge: lifetimeSeconds,
  });
}

export function endSession(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
}

/** The signed-in user, or 401. */
export function currentUser(c: Context<AppEnv>): User {
  const user = c.get('user');
  if (!user) throw unauthenticated();
  return user;
}

/** Guard for API routes: any signed-in user. */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  currentUser(c);
  await next();
};

/** Guard for API routes: compliance officers only (401 anonymous, 403 others). */
export const requireOfficer: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!currentUser(c).isOfficer) throw forbidden('Only compliance officers can do this.');
  await next();
};

/** Guard for pages: anonymous visitors are sent to the sign-in page, then back. */
export const requireSignedInPage: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('user')) {
    const back = c.req.method === 'GET' ? c.req.path : '/account';
    return c.redirect(`/sign-in?next=${encodeURIComponent(back)}`, 303);
  }
  await next();
};

/**
 * Every form post from our pages made with a session must carry the session's form token
 * (field `csrfToken`). Runs on non-API POSTs; hono/csrf has already checked the Origin.
 */
export const pageCsrfProtection: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method !== 'POST' || c.req.path.startsWith('/api/')) return next();
  const expected = c.get('csrfToken');
  if (!expected) return next();
  // The body is read here, so its size is limited here (the limit wraps the stream: no header trusted).
  return pageBodyLimit(c, async () => {
    const type = c.req.header('content-type') ?? '';
    let given: unknown;
    if (/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
      given = (await c.req.parseBody({ all: true })).csrfToken;
    }
    if (typeof given !== 'string' || !sameToken(given, expected)) {
      throw forbidden('The form has expired or did not come from this register. Go back and try again.');
    }
    await next();
  });
};

const pageBodyLimit = bodyLimit({
  maxSize: PAGE_BODY_LIMIT,
  onError: () => {
    throw tooLarge('The form is too large: files must be at most 10 MB.');
  },
});
