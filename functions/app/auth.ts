import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { User } from '../../schemas/user.ts';
import { forbidden, tooLarge, unauthenticated } from '../domain/errors.ts';
import { DEFAULT_SESSION_SETTINGS, type SessionSettings } from '../domain/session-settings.ts';
import { endSession, resumeSession, startSession } from '../domain/sessions.ts';
import type { AppDeps, AppEnv } from './deps.ts';

/** Page form posts (a 10 MB file upload and its form) are refused above this before being read. */
const PAGE_BODY_LIMIT = 11 * 1024 * 1024;

/** The session cookie's name on plain http (the local server); `__Host-` prefixed where it is Secure. */
export const SESSION_COOKIE = 'register_session';
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

export const sessionSettingsOf = (deps: Pick<AppDeps, 'sessions'>): SessionSettings =>
  deps.sessions ?? DEFAULT_SESSION_SETTINGS;

/** The cookie this app reads and writes: one name per deployment, never both. */
export const sessionCookieName = (settings: SessionSettings) =>
  settings.secureCookie ? SECURE_SESSION_COOKIE : SESSION_COOKIE;

/**
 * The per-session form token: a hash of the session id, which only our pages (which can read
 * the http-only cookie on the server) can put in a form. A cross-site form cannot know it.
 */
export function csrfTokenFor(sessionId: string): string {
  return createHash('sha256').update(`csrf\u0000${sessionId}`).digest('base64url');
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

/** The session id the request's cookie holds, if any (whatever it is: it is checked when used). */
export function sessionCookieOf(c: Context, deps: Pick<AppDeps, 'sessions'>): string | undefined {
  return getCookie(c, sessionCookieName(sessionSettingsOf(deps)));
}

/**
 * Sets c.get('user') from `Authorization: Bearer <ID token>` or from the session cookie, which
 * holds an opaque session id (functions/domain/sessions.ts), never a token. Each credential is
 * taken only where it belongs: a session id sent as a bearer is no JWT (401), and a token put in
 * the cookie is no session (dropped, so the request goes on anonymous and a signed-in route
 * answers 401). A bad bearer token is refused (401); a cookie whose session has ended is dropped.
 */
export function authentication(
  deps: Pick<AppDeps, 'verifier' | 'store' | 'clock' | 'sessions'>,
): MiddlewareHandler<AppEnv> {
  const settings = sessionSettingsOf(deps);
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
      if (!match?.[1]) throw unauthenticated('The Authorization header must be "Bearer <token>".');
      c.set('user', await deps.verifier.verify(match[1]));
      return next();
    }
    const sessionId = usesSessionCookie(c.req.path) ? sessionCookieOf(c, deps) : undefined;
    if (sessionId) {
      const user = await resumeSession(deps, settings, sessionId);
      if (user) {
        c.set('user', user);
        c.set('csrfToken', csrfTokenFor(sessionId));
      } else {
        clearSessionCookie(c, settings);
      }
    }
    return next();
  };
}

function clearSessionCookie(c: Context, settings: SessionSettings): void {
  deleteCookie(c, sessionCookieName(settings), {
    path: '/',
    secure: settings.secureCookie,
    httpOnly: true,
    sameSite: 'Lax',
  });
}

/**
 * After a verified sign-in: a new server-side session, its id in the cookie (HttpOnly, Secure and
 * `__Host-` where the site is https, SameSite=Lax, Path=/). The browser's previous session ends.
 */
export async function signInSession(
  c: Context,
  deps: Pick<AppDeps, 'store' | 'clock' | 'sessions'>,
  user: User,
): Promise<void> {
  const settings = sessionSettingsOf(deps);
  const sessionId = await startSession(deps, settings, user, sessionCookieOf(c, deps));
  setCookie(c, sessionCookieName(settings), sessionId, {
    path: '/',
    httpOnly: true,
    secure: settings.secureCookie,
    sameSite: 'Lax',
    maxAge: settings.absoluteSeconds,
  });
}

/** Sign-out: the session item is deleted (a copied cookie is then worth nothing) and the cookie cleared. */
export async function signOutSession(
  c: Context,
  deps: Pick<AppDeps, 'store' | 'clock' | 'sessions'>,
): Promise<void> {
  const sessionId = sessionCookieOf(c, deps);
  if (sessionId) await endSession(deps, sessionId);
  clearSessionCookie(c, sessionSettingsOf(deps));
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
