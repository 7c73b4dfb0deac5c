import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURE_SESSION_COOKIE } from '../../functions/app/auth.ts';
import { unauthenticated } from '../../functions/domain/errors.ts';
import type { HostedSignIn } from '../../functions/domain/verifier.ts';
import { createCognitoHostedSignIn } from '../../functions/identity/cognito-hosted-sign-in.ts';
import { fixedNow, sessionFor, testApp, tokenFor } from '../support/app.ts';
import { useTestTable } from '../support/table.ts';

/** A stand-in for Cognito's managed login: it remembers the challenge and hands out one code. */
function fakeProvider(email: string) {
  const seen: { state?: string; challenge?: string; verifier?: string } = {};
  const signIn: HostedSignIn = {
    authorizeUrl({ state, codeChallenge }) {
      seen.state = state;
      seen.challenge = codeChallenge;
      return `https://login.example/oauth2/authorize?state=${state}&code_challenge=${codeChallenge}`;
    },
    signOutUrl: () => 'https://login.example/logout?client_id=c&logout_uri=https%3A%2F%2Fregister.example%2F',
    async exchangeCode({ code, codeVerifier }) {
      seen.verifier = codeVerifier;
      if (code !== 'the-code') throw unauthenticated('The sign-in was not accepted. Try again.');
      return tokenFor({ email });
    },
  };
  return { signIn, seen };
}

const cookieOf = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith(`${name}=`))
    ?.split(';')[0];

describe('page sign-in through the identity provider (Cognito managed login in AWS)', () => {
  const table = useTestTable();

  it('sends people to the provider with a state and PKCE challenge, and signs them in when they come back', async () => {
    const { signIn, seen } = fakeProvider('hosted@example.org');
    const { app } = testApp(table.store, () => fixedNow, { hostedSignIn: signIn });
    const leave = await app.request('/sign-in?next=/account');
    expect(leave.status).toBe(302);
    expect(leave.headers.get('location')).toMatch(/^https:\/\/login\.example\/oauth2\/authorize\?state=/);
    const journey = cookieOf(leave, 'register_sign_in');
    expect(leave.headers.getSetCookie().join(';')).toMatch(/HttpOnly/i);

    const back = await app.request(`/auth/callback?code=the-code&state=${seen.state}`, {
      headers: { cookie: journey ?? '' },
    });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/account');
    // The verifier sent with the code is the one whose hash was the challenge.
    expect(
      createHash('sha256')
        .update(seen.verifier ?? '')
        .digest('base64url'),
    ).toBe(seen.challenge);
    // A server-side session: the cookie holds its opaque id, not the provider's token.
    const session = cookieOf(back, SECURE_SESSION_COOKIE);
    expect(session).toMatch(/^__Host-register_session=[A-Za-z0-9_-]{43}$/);
    const account = await app.request('/account', { headers: { cookie: session ?? '' } });
    expect(account.status).toBe(200);
  });

  it('ends the provider’s session too when people sign out, after ending the register’s', async () => {
    const { signIn } = fakeProvider('hosted@example.org');
    const { app } = testApp(table.store, () => fixedNow, { hostedSignIn: signIn });
    const { cookie, csrfToken } = await sessionFor(table.store, { email: 'hosted@example.org' });
    const out = await app.request('/sign-out', {
      method: 'POST',
      headers: { cookie, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken }).toString(),
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe(signIn.signOutUrl());
    expect(out.headers.getSetCookie().join(';')).toMatch(
      /__Host-register_session=;|__Host-register_session=[^;]*;.*Max-Age=0/i,
    );
    const again = await app.request('/account', { headers: { cookie } });
    expect(again.headers.get('location')).toBe('/sign-in?next=%2Faccount');
  });

  it.each([
    [
      'a state that is not the one sent',
      (state: string) => `/auth/callback?code=the-code&state=${state}x`,
      true,
    ],
    [
      'no journey cookie (another browser)',
      (state: string) => `/auth/callback?code=the-code&state=${state}`,
      false,
    ],
    ['a code the provider refuses', (state: string) => `/auth/callback?code=stolen&state=${state}`, true],
  ])('refuses %s and starts no session', async (_name, url, withCookie) => {
    const { signIn, seen } = fakeProvider('hosted@example.org');
    const { app } = testApp(table.store, () => fixedNow, { hostedSignIn: signIn });
    const leave = await app.request('/sign-in');
    const back = await app.request(url(seen.state ?? ''), {
      headers: withCookie ? { cookie: cookieOf(leave, 'register_sign_in') ?? '' } : {},
    });
    expect(back.status).toBe(401);
    expect(cookieOf(back, SECURE_SESSION_COOKIE)).toBeUndefined();
  });
});

describe('the Cognito managed-login client', () => {
  let server: Server;
  let base: string;
  const posted: string[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        posted.push(`${request.method} ${request.url} ${request.headers['content-type']} ${body}`);
        const ok = new URLSearchParams(body).get('code') === 'good';
        response.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify(ok ? { id_token: 'id.token.here', access_token: 'a' } : { error: 'invalid_grant' }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const client = () =>
    createCognitoHostedSignIn({
      domainUrl: `${base}/`,
      clientId: 'client-123',
      redirectUri: 'https://register.example.org/auth/callback',
      signedOutUri: 'https://register.example.org/',
    });

  it('signs out at /logout with the client id and the registered logout address', () => {
    const url = new URL(client().signOutUrl());
    expect(url.pathname).toBe('/logout');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'client-123',
      logout_uri: 'https://register.example.org/',
    });
  });

  it('asks for an authorisation code with PKCE (S256), the openid and email scopes', () => {
    const url = new URL(client().authorizeUrl({ state: 's'.repeat(43), codeChallenge: 'c'.repeat(43) }));
    expect(url.pathname).toBe('/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-123',
      redirect_uri: 'https://register.example.org/auth/callback',
      scope: 'openid email',
      state: 's'.repeat(43),
      code_challenge: 'c'.repeat(43),
      code_challenge_method: 'S256',
    });
  });

  it('exchanges a code and its verifier for the ID token at /oauth2/token', async () => {
    await expect(client().exchangeCode({ code: 'good', codeVerifier: 'v'.repeat(43) })).resolves.toBe(
      'id.token.here',
    );
    const form = new URLSearchParams(posted.at(-1)?.split(' ').at(-1));
    expect(posted.at(-1)).toMatch(/^POST \/oauth2\/token application\/x-www-form-urlencoded /);
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'authorization_code',
      client_id: 'client-123',
      code: 'good',
      redirect_uri: 'https://register.example.org/auth/callback',
      code_verifier: 'v'.repeat(43),
    });
  });

  it('says the sign-in was not accepted when the provider refuses the code', async () => {
    await expect(client().exchangeCode({ code: 'bad', codeVerifier: 'v'.repeat(43) })).rejects.toMatchObject({
      kind: 'unauthenticated',
    });
  });
});
