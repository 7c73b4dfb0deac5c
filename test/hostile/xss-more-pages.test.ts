import { describe, expect, it } from 'vitest';
import { SignInPage } from '../browser/pages/sign-in-page.ts';
import { useBrowserRegister } from '../support/browser.ts';
import { jsonApi, watchedPage } from '../support/script-watch.ts';
import { validDocument } from '../support/submissions.ts';

/**
 * The free-text fields test/browser/xss.test.ts leaves out, on the pages that show them, in
 * Chromium: a withdrawal reason (public and account pages), an out-of-scope "other" reason and
 * an officer's challenge and acceptance notes (account and officer pages), a public report's
 * details and an officer's flag notes (flag pages), text reflected from the address (search
 * query, sign-in `next`) and typed values echoed by a form answered with its errors (sign-in,
 * enrolment), an uploaded CSV's file name and lines on the import page, a statement file's name,
 * and the summary's "other" descriptions and risks. A payload that ran would call __xss(); each
 * payload is also seen, escaped, where it should be shown (so the pages are the right ones).
 */
const payload = (where: string) =>
  `<img src=x onerror="__xss('${where}')"><script>__xss('${where}')</script>`;
/**
 * The payload for `where`, as the page's DOM holds it once escaped: as text (or an attribute
 * value), where Chromium's serialisation keeps the quotes. Had it been markup, __xss would have run.
 */
const shown = (where: string) => `__xss('${where}')`;

const now = new Date('2026-11-29T12:00:00.000Z');

describe('hostile text in the remaining fields, on every page that shows it (Chromium)', () => {
  const ctx = useBrowserRegister({ clock: () => now });

  const api = jsonApi(() => ctx.url);

  it('runs none of them, and shows each escaped', async () => {
    const officer = await ctx.register.devIssuer.sign({ email: 'otto@officers.example', officer: true });
    const submitter = await ctx.register.devIssuer.sign({ email: 'sue@xss-more.example', officer: false });
    const organisation = await api('POST', '/api/v1/organisations', officer, {
      name: 'Quillon Ltd',
      entityType: 'company',
      financialYearEnd: '03-31',
    });
    expect(organisation.status).toBe(201);
    const orgId = String(organisation.body.id);
    expect(
      (await api('POST', '/api/v1/enrolments', submitter, { code: organisation.body.enrolmentCode })).status,
    ).toBe(201);

    // The summary's "other" descriptions and a risk, which xss.test.ts leaves out.
    const summary = {
      policies: ['Other'],
      policiesOther: payload('policy-other'),
      training: ['Other'],
      trainingOther: payload('training-other'),
      iloIndicators: ['Other'],
      iloIndicatorsOther: payload('ilo-other'),
      remediation: ['Other'],
      remediationOther: payload('remediation-other'),
      risks: [
        {
          description: payload('risk'),
          location: 'Other',
          locationOther: payload('risk-location'),
          actions: payload('risk-actions'),
        },
      ],
    };
    const submit = async (periodStart: string, periodEnd: string) => {
      const created = await api('POST', `/api/v1/organisations/${orgId}/statements`, submitter, {
        ...validDocument({ periodStart, periodEnd }),
        summary,
        submit: true,
      });
      expect(created.status).toBe(201);
      return { id: String(created.body.id), etag: String(created.body.etag) };
    };
    const kept = await submit('2025-04-01', '2026-03-31');
    const withdrawn = await submit('2024-04-01', '2025-03-31');
    const withdrawal = await api(
      'POST',
      `/api/v1/statements/${withdrawn.id}/withdraw`,
      submitter,
      { reason: payload('withdrawal') },
      { 'if-match': withdrawn.etag },
    );
    expect(withdrawal.status).toBe(200);

    // A statement file uploaded with a script as its name (shown on the draft's document page).
    const draft = await api('POST', `/api/v1/organisations/${orgId}/statements`, submitter, {
      ...validDocument({ periodStart: '2022-04-01', periodEnd: '2023-03-31' }),
    });
    expect(draft.status).toBe(201);
    const upload = await fetch(`${ctx.url}/api/v1/statements/${draft.body.id}/document`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${submitter}`,
        'content-type': 'text/html',
        'if-match': String(draft.body.etag),
        'x-file-name': `<img src=x onerror=__xss('upload-name')>.html`,
      },
      body: '<html><body><p>We audit our suppliers.</p></body></html>',
    });
    expect(upload.status, await upload.text()).toBe(200);

    const declared = await api('POST', `/api/v1/organisations/${orgId}/out-of-scope`, submitter, {
      year: 2023,
      reason: 'Other',
      otherReason: payload('other-reason'),
    });
    expect(declared.status).toBe(201);
    const challenged = await api(
      'POST',
      `/api/v1/organisations/${orgId}/out-of-scope/2023/challenge`,
      officer,
      {
        note: payload('challenge'),
      },
    );
    expect(challenged.status).toBe(200);
    const accepted = await api('POST', `/api/v1/organisations/${orgId}/out-of-scope/2023/accept`, officer, {
      note: payload('accept'),
    });
    expect(accepted.status).toBe(200);

    const report = await api('POST', '/api/v1/reports', undefined, {
      statementId: kept.id,
      reason: 'other',
      details: payload('report'),
    });
    expect(report.status).toBe(202);
    const manual = await api('POST', '/api/v1/flags', officer, {
      organisationId: orgId,
      note: payload('flag-note'),
    });
    expect(manual.status).toBe(201);
    const updated = await api('PATCH', `/api/v1/flags/${manual.body.id}`, officer, {
      note: payload('flag-update'),
    });
    expect(updated.status).toBe(200);
    await ctx.register.poller.drain();
    const reports = await api('GET', '/api/v1/flags?type=report', officer, undefined);
    const reportFlag = (reports.body.items as { id: string; statementId?: string }[]).find(
      (flag) => flag.statementId === kept.id,
    );
    expect(reportFlag).toBeDefined();

    const { page, ran } = await watchedPage(ctx.browser);
    /** Opens the page and checks it shows (escaped) the payloads written for `shows`. */
    const visit = async (path: string, shows: string[] = []) => {
      const response = await page.goto(`${ctx.url}${path}`);
      expect(response?.status(), path).toBeLessThan(400);
      const html = await page.content();
      for (const where of shows) expect(html, `${path} shows ${where}`).toContain(shown(where));
    };

    // Public pages, and text reflected from the address.
    await visit(`/statements?q=${encodeURIComponent(payload('query'))}`, ['query']);
    await visit(`/sign-in?next=${encodeURIComponent(`/account"><script>__xss('next')</script>`)}`);
    await visit(`/statements/${withdrawn.id}`, ['withdrawal']);
    const summaryFields = [
      'policy-other',
      'training-other',
      'ilo-other',
      'remediation-other',
      'risk',
      'risk-location',
      'risk-actions',
    ];
    await visit(`/statements/${kept.id}`, summaryFields);
    await visit(`/statements/${kept.id}/revisions/1`, summaryFields);
    await visit(`/organisations/${orgId}`);
    // A form answered with its errors echoes what was typed (422).
    await visit('/sign-in');
    await page.getByLabel('Email address').fill(`"><svg onload=__xss('sign-in-email')>`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState();
    expect(await page.content()).toContain(`&lt;svg onload=__xss('sign-in-email')&gt;`);

    await new SignInPage(page, ctx.url).signIn('sue@xss-more.example');
    await visit('/account');
    await visit(`/account/statements/${withdrawn.id}`);
    await visit(`/account/statements/${kept.id}`);
    await visit(`/account/statements/${kept.id}/revisions/1`);
    await visit(`/account/statements/${draft.body.id}/document`, ['upload-name']);
    await visit(`/account/organisations/${orgId}/out-of-scope`, ['other-reason', 'challenge', 'accept']);
    await visit('/account/enrol');
    await page.getByLabel('Enter your enrolment code').fill(`"><svg onload=__xss('enrol-code')>`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForLoadState();
    expect(await page.content()).toContain(`&lt;svg onload=__xss('enrol-code')&gt;`);

    await new SignInPage(page, ctx.url).signIn('otto@officers.example', { officer: true });
    await visit('/officers');
    await visit('/officers/flags');
    await visit(`/officers/flags/${reportFlag?.id}`, ['report']);
    await visit(`/officers/flags/${manual.body.id}`, ['flag-note', 'flag-update']);
    await visit('/officers/out-of-scope?year=2023', ['other-reason', 'challenge', 'accept']);
    // An organisations CSV uploaded through the page: its file name and a bad line's message.
    await visit('/officers/import');
    await page.getByLabel('CSV file').setInputFiles({
      name: `<img src=x onerror=__xss('file-name')>.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `name,companyNumber,entityType,financialYearEnd,turnover\nImported ${payload('import-name')} Ltd,,company,03-31,\nBad Line Ltd,,${payload('import-type')},03-31,\n`,
      ),
    });
    await page.getByRole('button', { name: 'Import' }).click();
    await page.waitForLoadState();
    const importPage = page.url();
    expect(importPage).toMatch(/\/officers\/imports\//);
    await ctx.register.poller.drain();
    await visit(new URL(importPage).pathname, ['file-name']);
    // Finished, so the lines with errors are listed too.
    expect(await page.content()).toContain('Import finished');

    expect(ran).toEqual([]);
    await page.close();
  });
});
