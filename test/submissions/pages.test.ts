import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { csrfTokenFor, SESSION_COOKIE } from '../../functions/app/auth.ts';
import { getDraft } from '../../functions/store/statements/get-draft.ts';
import { getStatement } from '../../functions/store/statements/get-statement.ts';
import { authFor, testApp, tokenFor } from '../support/app.ts';
import { enrolledOrganisation, json, validDocument } from '../support/submissions.ts';
import { useTestTable } from '../support/table.ts';

describe('the submission pages, in-process', () => {
  const table = useTestTable();
  const { app, archive } = testApp(table.store);
  const origin = 'http://localhost';

  async function session(email: string) {
    const token = await tokenFor({ email });
    return { cookie: `${SESSION_COOKIE}=${token}`, csrfToken: csrfTokenFor(token) };
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
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
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
});
