import { createRegisterApp } from '../../functions/app/register-app.ts';
import { createMemoryArchive } from '../../functions/domain/archive.ts';
import { type RateLimits, rateLimitsAllowing } from '../../functions/domain/rate-limits.ts';
import type { DevTokenIssuer, HostedSignIn, Verifier } from '../../functions/domain/verifier.ts';
import { createDevIssuer, devUserId } from '../../functions/local/dev-issuer.ts';
import { createMemoryLetters } from '../../functions/mail/letters.ts';
import type { Store } from '../../functions/store/store.ts';
import { createRenderer } from '../../web/render.ts';

export const fixedNow = new Date('2026-11-29T12:00:00.000Z');

/** One in-memory development issuer per test file: tokens the test app accepts. */
const issuer = createDevIssuer();

/** A bearer token for a test user; `officer` puts them in the officers group. */
export async function tokenFor(user: { email: string; officer?: boolean }): Promise<string> {
  return (await issuer).sign({ email: user.email, officer: user.officer ?? false });
}

/** The `Authorization` header for a test user. */
export async function authFor(user: { email: string; officer?: boolean }): Promise<Record<string, string>> {
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
    verifier,
    archive,
    devIssuer,
    originSecret: options.originSecret,
    originSecretNext: options.originSecretNext,
    hostedSignIn: options.hostedSignIn,
    limits: options.limits ?? rateLimitsAllowing(100_000),
    siteAddress: options.siteAddress,
    letters,
  });
  return { app, errors, archive, letters };
}
