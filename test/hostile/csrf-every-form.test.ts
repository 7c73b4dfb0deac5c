import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { csrfTokenFor, SECURE_SESSION_COOKIE } from '../../functions/app/auth.ts';
import { authFor, sessionFor, testApp } from '../support/app.ts';
import { enrolledOrganisation, json, officer, validDocument } from '../support/submissions.ts';
import { useTestTable } from '../support/table.ts';

/**
 * CSRF on every form: each page route taking a POST is read from the app itself (so a new form
 * route is covered without editing this file) and refuses, with 403, a post without the session's
 * form token, with another session's token, from another site's Origin, or with no Origin at all.
 * With the right token and our Origin the same post gets past the guard (not 403), so the
 * refusals are the guard's. And every <form method="post"> template includes the token.
 */
const viewsDir = path.join(import.meta.dirname, '../../web/views');
const submitter = { email: 'csrf-forms@hostile.example' };
const origin = 'http://localhost';

describe('CSRF protection on every form', () => {
  const table = useTestTable();
  const { app } = testApp(table.store);
  const ids: Record<string, string> = {};
  // The leaver's session is the one the sign-out form ends when let past the guard.
  const sessions = { submitter: '', officer: '', stranger: '', leaver: '' };

  beforeAll(async () => {
    const organisation = await enrolledOrganisation(app, submitter.email, { name: 'Forged Forms Ltd' });
    const created = await json(
      app,
      'POST',
      `/api/v1/organisations/${organisation.id}/statements`,
      { ...validDocument(), submit: true },
      await authFor(submitter),
    );
    expect(created.status).toBe(201);
    const flag = await json(
      app,
      'POST',
      '/api/v1/flags',
      { organisationId: organisation.id, note: 'Checked by hand' },
      await authFor(officer),
    );
    expect(flag.status).toBe(201);
    Object.assign(ids, {
      orgId: organisation.id,
      id: ((await created.json()) as { id: string }).id,
      year: '2025',
      section: 'period',
    });
    ids.flagId = ((await flag.json()) as { id: string }).id;
    sessions.submitter = (await sessionFor(table.store, submitter)).sessionId;
    sessions.officer = (await sessionFor(table.store, officer)).sessionId;
    sessions.stranger = (await sessionFor(table.store, { email: 'stranger@hostile.example' })).sessionId;
    sessions.leaver = (await sessionFor(table.store, { email: 'leaver@hostile.example' })).sessionId;
  });

  /** Every page (non-API) route that takes a POST. */
  const formRoutes = () =>
    [
      ...new Set(
        app.routes.filter((r) => r.method === 'POST' && !r.path.startsWith('/api/')).map((r) => r.path),
      ),
    ]
      .filter((route) => route !== '/sign-in' && route !== '/check')
      .sort();

  /** A concrete address for a route pattern; the officers' forms need an officer's session. */
  const target = (route: string) => {
    const concrete = route.replace(/:(\w+)/g, (_, name: string) => {
      // /officers/flags/:id is a flag; elsewhere :id is the statement.
      if (name === 'id' && route.startsWith('/officers/flags/')) return ids.flagId ?? '';
      if (name === 'rule') return 'uk-approval';
      const value = ids[name];
      if (!value) throw new Error(`no seeded value for :${name} in ${route}`);
      return value;
    });
    // A review request is the organisation's own people's form.
    const who: 'officer' | 'submitter' | 'leaver' =
      route === '/sign-out'
        ? 'leaver'
        : /^\/(officers|statements)\//.test(route) && !route.endsWith('/review-request')
          ? 'officer'
          : 'submitter';
    return { path: concrete, token: sessions[who] };
  };

  const post = (pathname: string, headers: Record<string, string>, fields: Record<string, string>) =>
    app.request(pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ note: 'A note', reason: 'other', ...fields }).toString(),
    });

  it('finds the form routes (submitter, officer and report forms among them)', () => {
    const routes = formRoutes();
    expect(routes).toEqual(
      expect.arrayContaining([
        '/account/enrol',
        '/account/statements/:id/withdraw',
        '/officers/flags/:id',
        '/officers/import',
        '/sign-out',
        '/statements/:id/report',
      ]),
    );
    expect(routes.length).toBeGreaterThanOrEqual(12);
  });

  const refusals: [
    string,
    (token: string) => { headers: Record<string, string>; fields: Record<string, string> },
  ][] = [
    ['without the form token', () => ({ headers: { origin }, fields: {} })],
    ['with a wrong form token', () => ({ headers: { origin }, fields: { csrfToken: 'not-the-token' } })],
    [
      'with another session’s form token',
      () => ({ headers: { origin }, fields: { csrfToken: csrfTokenFor(sessions.stranger) } }),
    ],
    [
      'from another site’s Origin, even with the right token',
      (token) => ({
        headers: { origin: 'https://evil.example' },
        fields: { csrfToken: csrfTokenFor(token) },
      }),
    ],
    [
      'with no Origin, even with the right token',
      (token) => ({ headers: {}, fields: { csrfToken: csrfTokenFor(token) } }),
    ],
  ];

  it.each(refusals)('refuses every form post %s (403)', async (_case, attempt) => {
    const answers: string[] = [];
    for (const route of formRoutes()) {
      const { path: pathname, token } = target(route);
      const { headers, fields } = attempt(token);
      const response = await post(
        pathname,
        { cookie: `${SECURE_SESSION_COOKIE}=${token}`, ...headers },
        fields,
      );
      answers.push(`${route} → ${response.status}`);
    }
    expect(answers).toEqual(formRoutes().map((route) => `${route} → 403`));
  });

  it('lets the same posts past the guard with the session’s token and our Origin', async () => {
    for (const route of formRoutes()) {
      const { path: pathname, token } = target(route);
      const response = await post(
        pathname,
        { cookie: `${SECURE_SESSION_COOKIE}=${token}`, origin },
        { csrfToken: csrfTokenFor(token) },
      );
      expect(response.status, route).not.toBe(403);
    }
  });

  it.each(['/sign-in', '/check'])(
    'refuses a cross-site post to %s, which needs no session',
    async (pathname) => {
      const response = await post(pathname, { origin: 'https://evil.example' }, { email: 'a@b.example' });
      expect(response.status).toBe(403);
    },
  );

  it('every template with a POST form includes the form token in each such form', () => {
    const templates = readdirSync(viewsDir, { recursive: true, encoding: 'utf8' }).filter((name) =>
      name.endsWith('.njk'),
    );
    const missing: string[] = [];
    let forms = 0;
    for (const name of templates) {
      const source = readFileSync(path.join(viewsDir, name), 'utf8');
      for (const match of source.matchAll(/<form\b[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/gi)) {
        forms += 1;
        if (!match[1]?.includes('{% include "csrf.njk" %}')) missing.push(name);
      }
    }
    expect(forms).toBeGreaterThanOrEqual(15);
    expect(missing).toEqual([]);
  });
});
