import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../functions/store/store.ts';
import { authFor, sessionFor, testApp } from '../support/app.ts';
import { enrolledOrganisation, json, officer, validDocument } from '../support/submissions.ts';
import { useTestTable } from '../support/table.ts';

/**
 * Every kind of page the register serves — public, submitter, officer, checker, API docs, form
 * errors, 403, 404 and 500 pages — carries the same security headers: a CSP whose script nonce
 * is fresh per answer and is the one every script tag carries, HSTS, frame-ancestors 'none',
 * X-Frame-Options, nosniff and the referrer policy.
 */
const submitter = { email: 'headers@hostile.example' };

type Who = 'anonymous' | 'submitter' | 'officer';

describe('security headers on every page', () => {
  const table = useTestTable();
  const { app } = testApp(table.store);
  const ids = { organisation: '', statement: '', draft: '', flag: '' };
  const cookies: Record<Who, string | undefined> = { anonymous: undefined, submitter: '', officer: '' };

  beforeAll(async () => {
    const organisation = await enrolledOrganisation(app, submitter.email, { name: 'Headers Ltd' });
    ids.organisation = organisation.id;
    const create = async (submit: boolean, period: { periodStart: string; periodEnd: string }) => {
      const response = await json(
        app,
        'POST',
        `/api/v1/organisations/${organisation.id}/statements`,
        { ...validDocument(period), submit },
        await authFor(submitter),
      );
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    };
    ids.statement = await create(true, { periodStart: '2025-04-01', periodEnd: '2026-03-31' });
    ids.draft = await create(false, { periodStart: '2024-04-01', periodEnd: '2025-03-31' });
    const flag = await json(
      app,
      'POST',
      '/api/v1/flags',
      { organisationId: organisation.id, note: 'Looked at by hand' },
      await authFor(officer),
    );
    expect(flag.status).toBe(201);
    ids.flag = ((await flag.json()) as { id: string }).id;
    cookies.submitter = (await sessionFor(table.store, submitter)).cookie;
    cookies.officer = (await sessionFor(table.store, officer)).cookie;
  });

  /** Paths name the seeded records as :organisation, :statement, :draft and :flag. */
  const pages: [Who, string, number][] = [
    ['anonymous', '/', 200],
    ['anonymous', '/statements?q=headers', 200],
    ['anonymous', '/statements/:statement', 200],
    ['anonymous', '/statements/:statement/revisions/1', 200],
    ['anonymous', '/organisations/:organisation', 200],
    ['anonymous', '/statistics', 200],
    ['anonymous', '/statements/:statement/report', 200],
    ['anonymous', '/sign-in', 200],
    ['anonymous', '/check', 200],
    ['anonymous', '/api/docs', 200],
    ['anonymous', '/no/such/page', 404],
    ['submitter', '/account', 200],
    ['submitter', '/account/enrol', 200],
    ['submitter', '/account/organisations/:organisation/statements/new', 200],
    ['submitter', '/account/organisations/:organisation/out-of-scope', 200],
    ['submitter', '/account/statements/:statement', 200],
    ['submitter', '/account/statements/:statement/revisions/1', 200],
    ['submitter', '/account/statements/:statement/withdraw', 200],
    ['submitter', '/account/statements/:draft/check', 200],
    ['submitter', '/account/statements/:draft/period', 200],
    ['submitter', '/officers', 403],
    ['officer', '/officers', 200],
    ['officer', '/officers/flags', 200],
    ['officer', '/officers/flags/new', 200],
    ['officer', '/officers/flags/:flag', 200],
    ['officer', '/officers/import', 200],
    ['officer', '/officers/out-of-scope', 200],
  ];

  function expectSecurityHeaders(response: Response, html: string, label: string) {
    const csp = response.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, `${label}: CSP ${csp}`).toBeTruthy();
    expect(csp, label).toContain("frame-ancestors 'none'");
    expect(csp, label).toContain("object-src 'none'");
    expect(csp, label).toContain("form-action 'self'");
    expect(csp, label).not.toContain('unsafe-inline');
    expect(response.headers.get('strict-transport-security'), label).toBe(
      'max-age=63072000; includeSubDomains',
    );
    expect(response.headers.get('referrer-policy'), label).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('x-frame-options'), label).toBe('DENY');
    expect(response.headers.get('x-content-type-options'), label).toBe('nosniff');
    const scripts = Array.from(parseHTML(html).document.querySelectorAll('script'));
    for (const script of scripts) expect(script.getAttribute('nonce'), `${label}: a script`).toBe(nonce);
    return nonce;
  }

  it.each(pages)('%s GET %s: every header, and the nonce on every script', async (who, target, status) => {
    const path = target.replace(
      /:(organisation|statement|draft|flag)\b/g,
      (_, name: keyof typeof ids) => ids[name],
    );
    const cookie = cookies[who];
    const get = () => app.request(path, { headers: cookie ? { cookie } : {} });
    const first = await get();
    const html = await first.text();
    expect(first.status, `${who} ${path}`).toBe(status);
    expect(first.headers.get('content-type'), path).toContain('text/html');
    const nonce = expectSecurityHeaders(first, html, `${who} ${path}`);
    // A nonce is single-use: the next answer carries another.
    const second = await get();
    const again = expectSecurityHeaders(second, await second.text(), `${who} ${path} again`);
    expect(again).not.toBe(nonce);
  });

  it('a form answered with its errors (422) carries them too', async () => {
    const response = await app.request('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: new URLSearchParams({ email: 'not an email' }).toString(),
    });
    expect(response.status).toBe(422);
    expectSecurityHeaders(response, await response.text(), 'sign-in 422');
  });

  it('the plain 500 page carries them too, and shows no stack trace', async () => {
    // A store whose every call fails with an unknown error: the page is the generic 500.
    const fail = {
      send: async () => {
        throw new Error('disk on fire at /var/task/secret-internal.ts:12');
      },
    };
    const broken = { ...table.store, client: fail, doc: fail } as unknown as Store;
    const { app: failing, errors } = testApp(broken);
    const response = await failing.request('/statements?q=anything');
    const html = await response.text();
    expect(response.status).toBe(500);
    expectSecurityHeaders(response, html, '500 page');
    expect(html).not.toMatch(/disk on fire|secret-internal|at .+\.(ts|js):\d+/);
    expect(errors.length).toBeGreaterThan(0);
  });
});
