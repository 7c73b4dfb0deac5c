import { createHash, randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as z from 'zod';
import { DomainError, unauthenticated } from '../../domain/errors.ts';
import type { HostedSignIn } from '../../domain/verifier.ts';
import { signInSession } from '../auth.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { landingAfterSignIn } from '../landing.ts';
import { renderDomainError, safeNext } from './account-pages.ts';

/** Holds, between leaving for the sign-in service and coming back, what proves it is the same journey. */
export const SIGN_IN_COOKIE = 'register_sign_in';

const journeySchema = z.object({ state: z.string().min(20), verifier: z.string().min(43), next: z.string() });

const random = () => randomBytes(32).toString('base64url');

/** The journey kept in the cookie, or undefined when it is missing or not ours. */
function readJourney(stored: string | undefined): z.infer<typeof journeySchema> | undefined {
  if (!stored) return undefined;
  try {
    const parsed = journeySchema.safeParse(JSON.parse(Buffer.from(stored, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sign-in through the identity provider's pages (Cognito managed login in AWS): `/sign-in` sends
 * people there with a fresh state and PKCE challenge kept in a short-lived http-only cookie;
 * `/auth/callback` checks the state, exchanges the code for an ID token (with the verifier),
 * verifies it as every bearer token is verified, and starts a server-side session.
 */
export function hostedSignInPages(deps: AppDeps, signIn: HostedSignIn) {
  const app = new Hono<AppEnv>();

  app.get('/sign-in', (c) => {
    const journey = { state: random(), verifier: random(), next: safeNext(c.req.query('next')) };
    setCookie(c, SIGN_IN_COOKIE, Buffer.from(JSON.stringify(journey)).toString('base64url'), {
      path: '/auth',
      httpOnly: true,
      secure: true,
      // The provider sends people back with a top-level GET, which Lax cookies accompany.
      sameSite: 'Lax',
      maxAge: 600,
    });
    c.header('cache-control', 'no-store');
    const codeChallenge = createHash('sha256').update(journey.verifier).digest('base64url');
    return c.redirect(signIn.authorizeUrl({ state: journey.state, codeChallenge }), 302);
  });

  app.get('/auth/callback', async (c) => {
    c.header('cache-control', 'no-store');
    try {
      const stored = getCookie(c, SIGN_IN_COOKIE);
      deleteCookie(c, SIGN_IN_COOKIE, { path: '/auth', secure: true, httpOnly: true, sameSite: 'Lax' });
      const journey = readJourney(stored);
      const code = c.req.query('code');
      if (!journey || !code || c.req.query('state') !== journey.state) {
        throw unauthenticated('The sign-in did not finish, or took too long. Sign in again.');
      }
      const token = await signIn.exchangeCode({ code, codeVerifier: journey.verifier });
      // The ID token is checked once, here; the browser gets a server-side session, not the token.
      const user = await deps.verifier.verify(token);
      await signInSession(c, deps, user);
      return c.redirect(landingAfterSignIn(journey.next, user.isOfficer), 303);
    } catch (error) {
      if (error instanceof DomainError) return renderDomainError(c, deps, error);
      throw error;
    }
  });

  return app;
}
