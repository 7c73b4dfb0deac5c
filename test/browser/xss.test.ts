import { describe, expect, it } from 'vitest';
import { useBrowserRegister } from '../support/browser.ts';
import { jsonApi, watchedPage } from '../support/script-watch.ts';
import { validDocument } from '../support/submissions.ts';
import { SignInPage } from './pages/sign-in-page.ts';

/**
 * Script payloads in every free-text field a submitter, an officer or the public can write,
 * rendered on every page that shows them: none runs. A payload that ran would call __xss().
 */
const payload = (where: string) =>
  `<img src=x onerror="__xss('${where}')"><script>__xss('${where}')</script>`;
const short = (where: string) => `"><svg onload=__xss('${where}')>`;

const now = new Date('2026-11-29T12:00:00.000Z');

describe('hostile text on every page (Chromium)', () => {
  const ctx = useBrowserRegister({ clock: () => now });

  const api = jsonApi(() => ctx.url);

  it('escapes every payload on the public, submitter and officer pages', async () => {
    const officer = await ctx.register.devIssuer.sign({ email: 'olive@officers.example', officer: true });
    const submitter = await ctx.register.devIssuer.sign({ email: 'sam@xss.example', officer: false });
    const organisation = await api('POST', '/api/v1/organisations', officer, {
      name: `Xylophone ${short('org')} Ltd`,
      entityType: 'company',
      financialYearEnd: '03-31',
    });
    expect(organisation.status).toBe(201);
    expect(
      (await api('POST', '/api/v1/enrolments', submitter, { code: organisation.body.enrolmentCode })).status,
    ).toBe(201);
    const document = validDocument({
      isGroup: true,
      groupMembers: [{ name: `Member ${short('member')}` }],
      signatory: { firstName: short('first'), lastName: 'Smith', jobTitle: short('title'), role: 'director' },
      areas: {
        ...validDocument().areas,
        training: { covered: false, reason: payload('reason') },
      },
      sectors: ['Other'],
      sectorsOther: payload('sector'),
      summary: { otherMonitoring: payload('monitoring'), progress: payload('progress') },
      statementText: `This statement was approved by the Board of Directors. ${payload('text')} We audit suppliers.`,
    });
    const statement = await api(
      'POST',
      `/api/v1/organisations/${organisation.body.id}/statements`,
      submitter,
      {
        ...document,
        submit: true,
      },
    );
    expect(statement.status).toBe(201);
    const report = await api('POST', '/api/v1/reports', undefined, {
      statementId: statement.body.id,
      reason: 'other',
      details: payload('report'),
    });
    expect(report.status).toBe(202);
    await ctx.register.poller.drain();

    const { page, ran } = await watchedPage(ctx.browser);
    const publicPages = [
      '/statements?q=xylophone',
      `/statements/${statement.body.id}`,
      `/organisations/${organisation.body.id}`,
    ];
    for (const path of publicPages) {
      const response = await page.goto(`${ctx.url}${path}`);
      expect(response?.status(), path).toBe(200);
      expect(await page.content(), path).toContain('Xylophone');
    }
    expect(
      await page.goto(`${ctx.url}/statements/${statement.body.id}`).then(() => page.content()),
    ).toContain('&lt;img src=x onerror=');

    await page.goto(`${ctx.url}/check`);
    await page
      .getByLabel(/text/i)
      .first()
      .fill(`Our supplier code bans forced labour. ${payload('check')}`);
    await page.getByRole('button', { name: /check/i }).first().click();
    await page.waitForLoadState();

    await new SignInPage(page, ctx.url).signIn('sam@xss.example');
    for (const path of ['/account']) {
      const response = await page.goto(`${ctx.url}${path}`);
      expect(response?.status(), path).toBe(200);
    }

    await new SignInPage(page, ctx.url).signIn('olive@officers.example', { officer: true });
    for (const path of ['/officers', '/officers/flags']) {
      const response = await page.goto(`${ctx.url}${path}`);
      expect(response?.status(), path).toBe(200);
    }
    expect(ran).toEqual([]);
    await page.close();
  });
});
