import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { SECURE_SESSION_COOKIE } from '../../functions/app/auth.ts';
import { getDraft } from '../../functions/store/statements/get-draft.ts';
import { getStatement } from '../../functions/store/statements/get-statement.ts';
import { authFor, sessionFor, testApp } from '../support/app.ts';
import { enrolledOrganisation, json, validDocument } from '../support/submissions.ts';
import { useTestTable } from '../support/table.ts';

describe('the submission pages, in-process', () => {
  const table = useTestTable();
  const { app, archive } = testApp(table.store);
  const origin = 'http://localhost';

  async function session(email: string) {
    return sessionFor(table.store, { email });
  }

  async function submittedStatement(email: string) {
    const org = await enrolledOrganisation(app, email);
    const response = await json(
      app,
      'POST',
      `/api/v1/organisations/${org.id}/statements`,
      { ...validDocument(), submit: true },
      await authFor({ email }),
    );
    return ((await response.json()) as { id: string }).id;
  }

  it('signs in with a secure, http-only, SameSite=Lax session cookie and returns only to our own pages', async () => {
    const response = await app.request('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body: new URLSearchParams({ email: 'ann@pages.example', next: '//evil.example/steal' }).toString(),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/account');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^${SECURE_SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('sends anonymous visitors to the sign-in page, and back afterwards', async () => {
    const response = await app.request('/account');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/sign-in?next=%2Faccount');
  });

  it.each([
    ['without the form token', (_token: string) => ({})],
    ['with a wrong form token', (_token: string) => ({ csrfToken: 'not-the-token' })],
  ])('refuses a form post %s (403), and changes nothing', async (_what, extra) => {
    const email = 'csrf@pages.example';
    const id = await submittedStatement(email);
    const { cookie } = await session(email);
    const response = await app.request(`/account/statements/${id}/withdraw`, {
      method: 'POST',
      headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ reason: 'Forged', ...extra('') }).toString(),
    });
    expect(response.status).toBe(403);
    expect((await getStatement(table.store, id))?.status).toBe('submitted');
  });

  it('uploads the statement PDF through the document page (multipart) and archives it', async () => {
    const email = 'upload@pages.example';
    const id = await submittedStatement(email);
    const { cookie, csrfToken } = await session(email);
    const pdf = await (await PDFDocument.create()).save();
    const form = new FormData();
    form.set('csrfToken', csrfToken);
    form.set('etag', '1');
    form.set('statementText', '');
    form.set('file', new File([Buffer.from(pdf)], 'statement.pdf', { type: 'application/pdf' }));
    const response = await app.request(`/account/statements/${id}/document`, {
      method: 'POST',
      headers: { cookie, origin },
      body: form,
    });
    expect(response.status).toBe(303);
    const draft = await getDraft(table.store, id);
    expect(draft?.document.archivedFile).toMatchObject({
      contentType: 'application/pdf',
      fileName: 'statement.pdf',
    });
    expect(archive.objects.get(draft?.document.archivedFile?.key ?? '')?.body).toEqual(pdf);
  });

  it('refuses a file that is neither PDF nor HTML on the page, with the error on the file field', async () => {
    const email = 'badfile@pages.example';
    const id = await submittedStatement(email);
    const { cookie, csrfToken } = await session(email);
    const form = new FormData();
    form.set('csrfToken', csrfToken);
    form.set('etag', '1');
    form.set('file', new File(['just words'], 'statement.docx'));
    const response = await app.request(`/account/statements/${id}/document`, {
      method: 'POST',
      headers: { cookie, origin },
      body: form,
    });
    expect(response.status).toBe(415);
    expect(await response.text()).toContain('href="#file"');
  });

  it('withdraws through the page with a reason, and a stale page is told it has changed (409)', async () => {
    const email = 'withdraw@pages.example';
    const id = await submittedStatement(email);
    const { cookie, csrfToken } = await session(email);
    const post = (body: Record<string, string>) =>
      app.request(`/account/statements/${id}/withdraw`, {
        method: 'POST',
        headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrfToken, ...body }).toString(),
      });
    const empty = await post({ etag: '1', reason: '' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('href="#reason"');
    const stale = await post({ etag: '0', reason: 'Wrong company' });
    expect(stale.status).toBe(409);
    const done = await post({ etag: '1', reason: 'Wrong company' });
    expect(done.status).toBe(303);
    expect(await getStatement(table.store, id)).toMatchObject({
      status: 'withdrawn',
      withdrawal: { reason: 'Wrong company' },
    });
  });

  it('does not show another organisation’s statement to a signed-in user (403 page)', async () => {
    const id = await submittedStatement('owner@pages.example');
    const { cookie } = await session('stranger@pages.example');
    const response = await app.request(`/account/statements/${id}`, { headers: { cookie } });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('lists every missing answer on check your answers, each linked to its question', async () => {
    const email = 'missing@pages.example';
    const org = await enrolledOrganisation(app, email);
    const created = await json(
      app,
      'POST',
      `/api/v1/organisations/${org.id}/statements`,
      { periodStart: '2025-04-01', periodEnd: '2026-03-31' },
      await authFor({ email }),
    );
    const { id } = (await created.json()) as { id: string };
    const { cookie } = await session(email);
    const html = await (await app.request(`/account/statements/${id}/check`, { headers: { cookie } })).text();
    expect(html).not.toContain('Submit to see which');
    expect(html).toContain('Before you can submit');
    for (const section of ['group', 'location', 'sign-off', 'areas', 'sectors', 'turnover', 'years'])
      expect(html).toContain(`href="/account/statements/${id}/${section}#`);
  });

  it('confirms a submission with links to the public statement and its check, and says when it was late', async () => {
    const email = 'confirm@pages.example';
    const org = await enrolledOrganisation(app, email);
    // Period ended 31 March 2026: deadline 30 September 2026; the test clock is 29 November 2026.
    const created = await json(
      app,
      'POST',
      `/api/v1/organisations/${org.id}/statements`,
      validDocument(),
      await authFor({ email }),
    );
    const { id } = (await created.json()) as { id: string };
    const { cookie, csrfToken } = await session(email);
    const submitted = await app.request(`/account/statements/${id}/submit`, {
      method: 'POST',
      headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken, etag: '0' }).toString(),
    });
    expect(submitted.status).toBe(303);
    expect(submitted.headers.get('location')).toBe(`/account/statements/${id}/submitted?revision=1`);
    const page = await (
      await app.request(submitted.headers.get('location') ?? '', { headers: { cookie } })
    ).text();
    expect(page).toContain('govuk-panel');
    expect(page).toContain(`href="/statements/${id}"`);
    expect(page).toContain(`href="/statements/${id}#check-summary"`);
    expect(page).toContain('after its deadline of 30 September 2026');
  });

  it('shows the organisation’s year end in words and the turnover its statement gives', async () => {
    const email = 'orgpage@pages.example';
    const org = await enrolledOrganisation(app, email, { financialYearEnd: '12-31' });
    await json(
      app,
      'POST',
      `/api/v1/organisations/${org.id}/statements`,
      {
        ...validDocument({ periodStart: '2025-01-01', periodEnd: '2025-12-31', approvalDate: '2026-02-01' }),
        submit: true,
      },
      await authFor({ email }),
    );
    const html = await (await app.request(`/organisations/${org.id}`)).text();
    expect(html).toContain('31 December');
    expect(html).not.toContain('12-31');
    expect(html).toContain('£60 million to £100 million (its statement for 2025)');
  });
});
