import { Readable, Writable } from 'node:stream';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { csrfTokenFor, SECURE_SESSION_COOKIE, SESSION_COOKIE } from '../../functions/app/auth.ts';
import { main } from '../../functions/cli/main.ts';
import { DEFAULT_SESSION_SETTINGS } from '../../functions/domain/session-settings.ts';
import { resumeSession, sessionHash } from '../../functions/domain/sessions.ts';
import { createJwtVerifier } from '../../functions/identity/jwt-verifier.ts';
import { getSession } from '../../functions/store/sessions/get-session.ts';
import { authFor, fixedNow, sessionFor, testApp, tokenFor, userIdFor } from '../support/app.ts';
import { addOrganisation, json } from '../support/submissions.ts';
import { useTestTable } from '../support/table.ts';

/**
 * Finding 5 of the attack on `npm start`: the session cookie was the raw ID token, so sign-out
 * did not end it, a copy worked as a bearer token too, a JWT without `exp` was accepted and
 * `email_verified` was never read. Every test here failed on that code.
 */
describe('server-side sessions (hostile)', () => {
  const table = useTestTable();
  const origin = 'http://localhost';

  /** Signs in through the local sign-in page, as a browser does; answers the cookie it was given. */
  async function signIn(app: ReturnType<typeof testApp>['app'], email: string, officer = false) {
    const response = await app.request('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body: new URLSearchParams({ email, ...(officer ? { officer: 'yes' } : {}) }).toString(),
    });
    expect(response.status).toBe(303);
    const cookie = response.headers
      .getSetCookie()
      .find((line) => /^(__Host-)?register_session=[^;]/.test(line))
      ?.split(';')[0];
    if (!cookie) throw new Error('no session cookie');
    return { cookie, value: cookie.slice(cookie.indexOf('=') + 1) };
  }

  const value = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1);

  /** The header's sign-out button: a form post. */
  const signOut = (
    app: ReturnType<typeof testApp>['app'],
    cookie: string,
    fields: Record<string, string>,
    from = origin,
  ) =>
    app.request('/sign-out', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: from, cookie },
      body: new URLSearchParams(fields).toString(),
    });

  const me = (app: ReturnType<typeof testApp>['app'], headers: Record<string, string>) =>
    app.request('/api/v1/me', { headers });

  it('ends the session on sign-out: a copied cookie then gets the signed-out answer', async () => {
    const { app } = testApp(table.store);
    const { cookie } = await signIn(app, 'copied@sessions.example');
    const copy = cookie;
    expect((await me(app, { cookie })).status).toBe(200);
    const out = await signOut(app, cookie, { csrfToken: csrfTokenFor(value(cookie)) });
    expect(out.status).toBe(303);
    expect((await me(app, { cookie: copy })).status).toBe(401);
    const page = await app.request('/account', { headers: { cookie: copy } });
    expect(page.headers.get('location')).toBe('/sign-in?next=%2Faccount');
  });

  it('does not sign out on a GET (a cross-site image): it offers the sign-out button instead', async () => {
    const { app } = testApp(table.store);
    const { cookie } = await signIn(app, 'image@sessions.example');
    const page = await app.request('/sign-out', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('private, no-store');
    const html = await page.text();
    expect(html).toMatch(/<form method="post" action="\/sign-out" novalidate>/);
    // The header on every signed-in page: a button in a form, no link to /sign-out.
    expect(html).toMatch(/<form method="post" action="\/sign-out" class="register-sign-out">/);
    expect(html).not.toContain('href="/sign-out"');
    expect(html).toContain(`value="${csrfTokenFor(value(cookie))}"`);
    expect(page.headers.getSetCookie()).toEqual([]);
    expect((await me(app, { cookie })).status).toBe(200);
    const anonymous = await app.request('/sign-out');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/');
  });

  it.each([
    ['without the form token', {}, origin],
    ['with another session’s form token', { csrfToken: csrfTokenFor('another-session') }, origin],
    ['from another site, even with the right token', 'right', 'https://evil.example'],
  ] as const)('refuses a sign-out post %s (403) and the session goes on', async (_case, fields, from) => {
    const { app } = testApp(table.store);
    const { cookie } = await signIn(app, 'forged-out@sessions.example');
    const csrf = fields === 'right' ? { csrfToken: csrfTokenFor(value(cookie)) } : fields;
    const out = await signOut(app, cookie, csrf, from);
    expect(out.status).toBe(403);
    expect((await me(app, { cookie })).status).toBe(200);
  });

  it('keeps only the hash of the session id: the cookie holds 32 random bytes, not a token', async () => {
    const { app } = testApp(table.store);
    const { cookie, value } = await signIn(app, 'hashed@sessions.example');
    expect(cookie.startsWith(`${SECURE_SESSION_COOKIE}=`)).toBe(true);
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await getSession(table.store, sessionHash(value))).toMatchObject({
      email: 'hashed@sessions.example',
    });
    expect(await getSession(table.store, value)).toBeUndefined();
  });

  it('refuses a JWT without exp, and one with it signed by the same key is accepted', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k', alg: 'ES256' };
    const verifier = createJwtVerifier({
      keys: createLocalJWKSet({ keys: [jwk] }),
      issuer: 'urn:test',
      audience: 'test',
    });
    const { app } = testApp(table.store, () => fixedNow, { verifier });
    const token = (withExp: boolean) => {
      const jwt = new SignJWT({ email: 'noexp@sessions.example', token_use: 'id', email_verified: true })
        .setProtectedHeader({ alg: 'ES256', kid: 'k' })
        .setIssuer('urn:test')
        .setAudience('test')
        .setSubject('no-exp-user')
        .setIssuedAt();
      return (withExp ? jwt.setExpirationTime('1h') : jwt).sign(privateKey);
    };
    expect((await me(app, { authorization: `Bearer ${await token(true)}` })).status).toBe(200);
    const refused = await me(app, { authorization: `Bearer ${await token(false)}` });
    expect(refused.status).toBe(401);
  });

  it('does not let a token without email_verified enrol, by code or by adding its own organisation', async () => {
    const { app } = testApp(table.store);
    const organisation = await addOrganisation(app);
    const unverified = await authFor({ email: 'unverified@sessions.example', emailVerified: false });
    const byCode = await json(
      app,
      'POST',
      '/api/v1/enrolments',
      { code: organisation.enrolmentCode },
      unverified,
    );
    expect(byCode.status).toBe(403);
    expect(byCode.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(((await byCode.json()) as { detail: string }).detail).toMatch(/Confirm your email address/);
    const own = await json(
      app,
      'POST',
      '/api/v1/me/organisations',
      {
        name: 'Unverified Trading Ltd',
        companyNumber: '09876543',
        entityType: 'company',
        financialYearEnd: '03-31',
        registeredAddress: { addressLine1: '1 High Street', town: 'Leeds', postcode: 'LS1 1AA' },
      },
      unverified,
    );
    expect(own.status).toBe(403);
    const mine = (await (await me(app, unverified)).json()) as { organisations: unknown[] };
    expect(mine.organisations).toEqual([]);
    // The code was not spent on the refused attempt.
    const verified = await authFor({ email: 'verified@sessions.example' });
    const enrolled = await json(
      app,
      'POST',
      '/api/v1/enrolments',
      { code: organisation.enrolmentCode },
      verified,
    );
    expect(enrolled.status).toBe(201);
  });

  it('refuses enrolment on the page too, for a session whose email is not confirmed', async () => {
    const { app } = testApp(table.store);
    const organisation = await addOrganisation(app);
    const session = await sessionFor(table.store, {
      email: 'page-unverified@sessions.example',
      emailVerified: false,
    });
    const answer = await app.request('/account/enrol', {
      method: 'POST',
      headers: { cookie: session.cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        code: organisation.enrolmentCode,
        csrfToken: session.csrfToken,
      }).toString(),
    });
    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain('Confirm your email address');
  });

  it('shows an enrolment made elsewhere in an existing session at once (memberships are not copied into it)', async () => {
    const { app } = testApp(table.store);
    const email = 'enrols-elsewhere@sessions.example';
    const { cookie } = await signIn(app, email);
    const organisation = await addOrganisation(app);
    const enrolled = await json(
      app,
      'POST',
      '/api/v1/enrolments',
      { code: organisation.enrolmentCode },
      await authFor({ email }),
    );
    expect(enrolled.status).toBe(201);
    const mine = (await (await me(app, { cookie })).json()) as { organisations: { id: string }[] };
    expect(mine.organisations.map((o) => o.id)).toEqual([organisation.id]);
  });

  it('only reads sessions where told to (the check function): an ended session is refused but left for TTL', async () => {
    let now = fixedNow.getTime();
    const { sessionId } = await sessionFor(table.store, { email: 'read-only@sessions.example' });
    const readOnly = { ...DEFAULT_SESSION_SETTINGS, readOnly: true };
    const deps = { store: table.store, clock: () => new Date(now) };
    now += 20 * 60_000;
    expect(await resumeSession(deps, readOnly, sessionId)).toBeDefined();
    expect((await getSession(table.store, sessionHash(sessionId)))?.lastSeenAt).toBe(fixedNow.toISOString());
    now += DEFAULT_SESSION_SETTINGS.idleSeconds * 1000;
    expect(await resumeSession(deps, readOnly, sessionId)).toBeUndefined();
    expect(await getSession(table.store, sessionHash(sessionId))).toBeDefined();
  });

  it('refuses the ID token placed in the session cookie, under either name (401)', async () => {
    const { app } = testApp(table.store);
    const token = await tokenFor({ email: 'token-in-cookie@sessions.example' });
    for (const name of [SESSION_COOKIE, SECURE_SESSION_COOKIE]) {
      expect((await me(app, { cookie: `${name}=${token}` })).status, name).toBe(401);
    }
  });

  it('refuses the session id sent as a bearer token (401)', async () => {
    const { app } = testApp(table.store);
    const { cookie, value } = await signIn(app, 'id-as-bearer@sessions.example');
    expect((await me(app, { cookie })).status).toBe(200);
    expect((await me(app, { authorization: `Bearer ${value}` })).status).toBe(401);
  });

  it('ends an officer’s old session when they sign in again without the officers group', async () => {
    const { app } = testApp(table.store);
    const email = 'demoted@sessions.example';
    const before = await signIn(app, email, true);
    expect((await app.request('/api/v1/flags', { headers: { cookie: before.cookie } })).status).toBe(200);
    const after = await signIn(app, email, false);
    expect((await app.request('/api/v1/flags', { headers: { cookie: before.cookie } })).status).toBe(401);
    expect((await app.request('/api/v1/flags', { headers: { cookie: after.cookie } })).status).toBe(403);
    expect((await me(app, { cookie: after.cookie })).status).toBe(200);
  });

  it('lets an operator end every session of a person (`register end-sessions`), e.g. after a change in Cognito', async () => {
    const { app } = testApp(table.store);
    const email = 'removed-officer@sessions.example';
    const devices = [await signIn(app, email, true), await signIn(app, email, true)];
    const bystander = await signIn(app, 'bystander@sessions.example', true);
    let out = '';
    const sink = (write: (text: string) => void) =>
      new Writable({
        write(chunk, _encoding, done) {
          write(String(chunk));
          done();
        },
      });
    const args = ['--user', userIdFor(email), '--endpoint', table.endpoint, '--table', table.store.tableName];
    const code = await main(['end-sessions', ...args], {
      stdin: Readable.from([]),
      stdout: sink((text) => {
        out += text;
      }),
      stderr: sink(() => {}),
    });
    expect(code).toBe(0);
    expect(out).toBe(`Ended 2 sessions of ${userIdFor(email)}\n`);
    for (const device of devices) expect((await me(app, { cookie: device.cookie })).status).toBe(401);
    expect((await me(app, { cookie: bystander.cookie })).status).toBe(200);
  });

  it('keeps sessions of the same role: signing in on a second device does not end the first', async () => {
    const { app } = testApp(table.store);
    const first = await signIn(app, 'two-devices@sessions.example');
    await signIn(app, 'two-devices@sessions.example');
    expect((await me(app, { cookie: first.cookie })).status).toBe(200);
  });

  it('refuses a session idle for longer than the idle limit, and one older than the absolute limit', async () => {
    let now = fixedNow.getTime();
    const clock = () => new Date(now);
    const { app } = testApp(table.store, clock);
    const minutes = (n: number) => n * 60_000;
    const idle = await signIn(app, 'idle@sessions.example');
    now += minutes(25);
    expect((await me(app, { cookie: idle.cookie })).status).toBe(200);
    // Each request moves the idle deadline on: 25 + 25 minutes is still inside it.
    now += minutes(25);
    expect((await me(app, { cookie: idle.cookie })).status).toBe(200);
    now += DEFAULT_SESSION_SETTINGS.idleSeconds * 1000 + 1000;
    expect((await me(app, { cookie: idle.cookie })).status).toBe(401);

    const busy = await signIn(app, 'busy@sessions.example');
    const signedInAt = now;
    while (now + minutes(20) < signedInAt + DEFAULT_SESSION_SETTINGS.absoluteSeconds * 1000) {
      now += minutes(20);
      expect((await me(app, { cookie: busy.cookie })).status).toBe(200);
    }
    now = signedInAt + DEFAULT_SESSION_SETTINGS.absoluteSeconds * 1000;
    expect((await me(app, { cookie: busy.cookie })).status).toBe(401);
  });

  it('uses a plain cookie without Secure or the __Host- prefix only where the app is told it serves http', async () => {
    const { app } = testApp(table.store, () => fixedNow, {
      sessions: { ...DEFAULT_SESSION_SETTINGS, secureCookie: false },
    });
    const response = await app.request('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body: new URLSearchParams({ email: 'local@sessions.example' }).toString(),
    });
    const line = response.headers.getSetCookie().find((l) => l.startsWith(`${SESSION_COOKIE}=`)) ?? '';
    expect(line).toMatch(/HttpOnly/);
    expect(line).toMatch(/SameSite=Lax/);
    expect(line).not.toMatch(/Secure/);
    expect((await me(app, { cookie: line.split(';')[0] ?? '' })).status).toBe(200);
  });
});
