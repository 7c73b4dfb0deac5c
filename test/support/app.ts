import { csrfTokenFor, sessionCookieName } from '../../functions/app/auth.ts';
import { createRegisterApp } from '../../functions/app/register-app.ts';
import { createMemoryArchive } from '../../functions/domain/archive.ts';
import { type RateLimits, rateLimitsAllowing } from '../../functions/domain/rate-limits.ts';
import { DEFAULT_SESSION_SETTINGS, type SessionSettings } from '../../functions/domain/session-settings.ts';
import { startSession } from '../../functions/domain/sessions.ts';
import type { DevTokenIssuer, HostedSignIn, Verifier } from '../../functions/domain/verifier.ts';
import { createDevIssuer, devUserId } from '../../functions/local/dev-issuer.ts';
import { createMemoryLetters } from '../../functions/mail/letters.ts';
import type { Store } from '../../functions/store/store.ts';
import { createRenderer } from '../../web/render.ts';

export const fixedNow = new Date('2026-11-29T12:00:00.000Z');

/** One in-memory development issuer per test file: tokens the test app accepts. */
const issuer = createDevIssuer();

interface TestUser {
  email: string;
  officer?: boolean;
  /** The issuer's `email_verified` (true unless a test says not). */
  emailVerified?: boolean;
}

/** A bearer token for a test user; `officer` puts them in the officers group. */
export async function tokenFor(user: TestUser): Promise<string> {
  return (await issuer).sign({
    email: user.email,
    officer: user.officer ?? false,
    ...(user.emailVerified === undefined ? {} : { emailVerified: user.emailVerified }),
  });
}

/**
 * A signed-in page session for a test user, made as the sign-in page makes one (the token
 * verified, then a server-side session): the `cookie` header value and the session's form token.
 * `settings` must be the app's (testApp's default: Secure, `__Host-` cookie).
 */
export async function sessionFor(
  store: Store,
  user: TestUser,
  options: { now?: () => Date; settings?: SessionSettings } = {},
): Promise<{ cookie: string; csrfToken: string; sessionId: string }> {
  const settings = options.settings ?? DEFAULT_SESSION_SETTINGS;
  const verified = await verifier.verify(await tokenFor(user));
  const sessionId = await startSession({ store, clock: options.now ?? (() => fixedNow) }, settings, verified);
  return {
    cookie: `${sessionCookieName(settings)}=${sessionId}`,
    csrfToken: csrfTokenFor(sessionId),
    sessionId,
  };
}

/** The `Authorization` header for a test user. */
export async function authFor(user: TestUser): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await tokenFor(user)}` };
}

/** The user id the app sees for a test user's email. */
export const userIdFor = (email: string) => devUserId(email.trim().toLowerCase());

const verifier: Verifier = { verify: async (token) => (await issuer).verifier.verify(token) };
const devIssuer: DevTokenIssuer = {
  lifetimeSeconds: 8 * 3600,
  sign: async (input) => (await issuer).sign(input),
};

/**
 * The app in-process, on a real table, with a fixed clock; errors are collected, not printed.
 * Tokens from tokenFor()/authFor() are accepted; uploaded files land in `archive` (memory).
 */
export function testApp(
  store: Store,
  now: () => Date = () => fixedNow,
  options: {
    originSecret?: string;
    originSecretNext?: string;
    hostedSignIn?: HostedSignIn;
    /** Abuse limits; by default high enough that no test not about them meets one. */
    limits?: RateLimits;
    siteAddress?: string;
    accessibilityContact?: string;
    sessions?: SessionSettings;
    /** Another token verifier (a test's own key pair); the in-memory development issuer's otherwise. */
    verifier?: Verifier;
  } = {},
) {
  const errors: unknown[] = [];
  const archive = createMemoryArchive();
  const letters = createMemoryLetters();
  const app = createRegisterApp({
    store,
    clock: now,
    render: createRenderer(),
    log: (_message, error) => errors.push(error),
    verifier: options.verifier ?? verifier,
    archive,
    devIssuer,
    originSecret: options.originSecret,
    originSecretNext: options.originSecretNext,
    hostedSignIn: options.hostedSignIn,
    limits: options.limits ?? rateLimitsAllowing(100_000),
    siteAddress: options.siteAddress,
    accessibilityContact: options.accessibilityContact,
    sessions: options.sessions,
    letters,
  });
  return { app, errors, archive, letters };
}
