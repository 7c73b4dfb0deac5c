import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../functions/store/audit/list-audit-events.ts';
import { listFlags } from '../../functions/store/flags/list-flags.ts';
import { runSweep } from '../../functions/worker/sweep.ts';
import { seedOrganisation, seedStatement } from '../officers/support.ts';
import { putCheckResult, putOrganisation, putStatement } from '../public/fixtures.ts';
import { seedMembership, weakResult } from '../reviews/fixtures.ts';
import { axeViolations, useBrowserRegister } from '../support/browser.ts';
import { AccountPage } from './pages/account-page.ts';
import {
  DashboardPage,
  DeclareOutOfScopePage,
  FlagNotices,
  FlagPage,
  FlagsQueuePage,
  NewFlagPage,
  OutOfScopeReviewPage,
  ReportPage,
} from './pages/officers-pages.ts';
import { widerThanWindow } from './pages/public-pages.ts';
import { PublicFindingsPage, ReviewFindingsPage } from './pages/review-pages.ts';
import { SignInPage } from './pages/sign-in-page.ts';

const now = new Date('2026-11-29T12:00:00.000Z');

describe('compliance officers in Chromium', () => {
  const ctx = useBrowserRegister({ clock: () => now });

  it('walks an officer through the dashboard and the queue, and a flag from open to resolved with notes', async () => {
    const { store } = ctx.register;
    await seedOrganisation(store, {
      name: 'Quiet Widgets Ltd',
      financialYearEnd: '03-31',
      createdAt: '2025-02-01T09:00:00Z',
    });
    const filer = await seedOrganisation(store, {
      name: 'Prompt Parts Ltd',
      financialYearEnd: '03-31',
      createdAt: '2025-02-01T09:00:00Z',
    });
    await seedStatement(store, {
      organisation: filer,
      periodStart: '2025-04-01',
      periodEnd: '2026-03-31',
      submittedAt: '2026-07-01T09:00:00Z',
    });
    await runSweep({ store, clock: () => now, log: () => {} });
    await ctx.register.poller.drain();

    const page = await ctx.browser.newPage();
    await new SignInPage(page, ctx.url).signIn('olive@officers.example', { officer: true });

    const dashboard = new DashboardPage(page, ctx.url);
    expect((await dashboard.open(2026))?.status()).toBe(200);
    expect(await dashboard.heading()).toBe('Compliance dashboard');
    expect(await dashboard.figure('Organisations in scope')).toBe('2');
    expect(await dashboard.figure('Statements received')).toBe('1');
    expect(await dashboard.figure('Missing statements (outstanding)')).toBe('1');
    expect(await dashboard.chartNames()).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await dashboard.openDetails('By year');
    expect(await dashboard.chartNames()).toEqual([
      'Organisations in scope and statements received, by reporting year',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await dashboard.open(2026);
    await dashboard.openDetails('By type and age');
    expect(await dashboard.chartNames()).toEqual([
      'Outstanding flags for 2026, by type',
      'Open flags by age',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await dashboard.open(2026);
    await dashboard.openDetails('By sector');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Legal minimum by sector, 2026');
    expect(await axeViolations(page)).toEqual([]);
    await dashboard.open(2026);

    await dashboard.goToQueue();
    const queue = new FlagsQueuePage(page, ctx.url);
    await queue.filter({ type: 'Missing statement', year: '2026' });
    expect(await queue.rows()).toEqual([['Quiet Widgets Ltd', 'Missing statement', '2026', 'Open']]);
    expect(await axeViolations(page)).toEqual([]);

    await queue.openFlag('Quiet Widgets Ltd');
    const flag = new FlagPage(page);
    expect(await flag.status()).toBe('Open');
    expect(await axeViolations(page)).toEqual([]);

    await flag.move('Mark as contacted', '', 'olive@officers.example');
    expect(await flag.errorSummary()).toContain('Enter a note');
    await flag.move('Mark as contacted', 'Wrote to the company secretary', 'olive@officers.example');
    expect(await flag.status()).toBe('Contacted');
    await flag.move('Mark as resolved', 'Statement promised; published on their website today');
    expect(await flag.status()).toBe('Resolved');
    const history = await flag.history();
    expect(history.map(([what]) => what)).toEqual([
      'Raised',
      'Open → Contacted; assigned to olive@officers.example',
      'Contacted → Resolved',
    ]);
    expect(history.map(([, note]) => note).slice(1)).toEqual([
      'Wrote to the company secretary',
      'Statement promised; published on their website today',
    ]);
    expect((await page.goto(`${ctx.url}/dev/outbox`))?.status()).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Outbox');
    await page.close();
    // A long journey: on a loaded machine it has taken more than the default 60 s.
  }, 120_000);

  it.each([
    { width: 1280, height: 900 },
    { width: 320, height: 640 },
  ])(
    'gives an officer their first hour at $width px: dashboard on sign-in, live sweep progress, import template, flag by name, notice record',
    async (viewport) => {
      const { store } = ctx.register;
      const suffix = viewport.width === 320 ? 'Narrow' : 'Wide';
      await seedOrganisation(store, {
        name: `Harbour ${suffix} Traders Ltd`,
        financialYearEnd: '03-31',
        createdAt: '2025-02-01T09:00:00Z',
        companyNumber: viewport.width === 320 ? '03200320' : '01280128',
      });
      const page = await ctx.browser.newPage({ viewport });
      const axeAndWidth = async (where: string) => {
        expect(await axeViolations(page), where).toEqual([]);
        // Nothing wider than the window: no sideways scrolling at 320 px (the widest elements named).
        const wider = await widerThanWindow(page);
        expect(wider, where).toEqual([]);
      };

      await new SignInPage(page, ctx.url).signIn(`first-hour-${viewport.width}@officers.example`, {
        officer: true,
      });
      expect(new URL(page.url()).pathname).toBe('/officers');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Compliance dashboard');
      // The sweep button is on the first screen.
      const button = await page.getByRole('button', { name: 'Run the sweep now' }).boundingBox();
      expect(button?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(
        viewport.width === 320 ? 900 : viewport.height,
      );
      await axeAndWidth('dashboard');
      // The details are on their own pages (4,121 and 4,502 px before), and on a phone each figure
      // sits on one line with its label: 2,646 → 2,206 px at 320, 1,606 → 1,571 at 1280 (this test alone).
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      console.log(`dashboard height at ${viewport.width} px: ${height} px`);
      expect(height).toBeLessThan(viewport.width === 320 ? 2_350 : 1_700);
      // Nothing that needs doing is hidden: the to-do list and every figure are shown, not folded away.
      expect(await page.locator('#todo').isVisible()).toBe(true);
      expect(
        await page
          .locator('#headline-figures .govuk-summary-list__value')
          .evaluateAll((values) => values.every((value) => (value as HTMLElement).offsetHeight > 0)),
      ).toBe(true);

      // The page polls the sweep's status every 2 s: its clock jumps over that wait below instead
      // of the test sitting it out (timers otherwise run as usual).
      await page.clock.install();
      await page.getByRole('button', { name: 'Run the sweep now' }).click();
      await page.waitForLoadState();
      const progress = page.locator('#sweep-progress [data-sweep-text]');
      expect(await progress.textContent()).toBe('Waiting to start.');
      await axeAndWidth('dashboard with sweep progress');
      const url = page.url();
      await ctx.register.poller.drain();
      await page.clock.fastForward(2_000);
      // The script updates the words from the JSON status without a reload.
      await progress.filter({ hasText: /^Finished: / }).waitFor({ timeout: 20_000 });
      expect(page.url()).toBe(url);
      expect(await page.locator('[data-sweep-refresh]').textContent()).toBe('Refresh the figures');

      await page
        .getByRole('navigation', { name: 'Compliance' })
        .getByRole('link', { name: 'Import organisations' })
        .click();
      await page.waitForLoadState();
      await axeAndWidth('import page');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('#import-template').click(),
      ]);
      expect(download.suggestedFilename()).toBe('organisations-template.csv');
      expect(await page.locator('#allowed-entityType li').count()).toBe(8);

      await page.goto(`${ctx.url}/officers/flags/new`);
      const newFlag = new NewFlagPage(page);
      await newFlag.find(`harbour ${suffix.toLowerCase()}`);
      expect(await newFlag.choices()).toEqual([`Harbour ${suffix} Traders Ltd`]);
      await axeAndWidth('flag an organisation');
      await newFlag.raise(`Harbour ${suffix} Traders Ltd`, 'Statement page link is broken');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        `Harbour ${suffix} Traders Ltd`,
      );
      const notices = new FlagNotices(page);
      expect(await notices.empty()).toBe('No notice sent yet.');
      await axeAndWidth('flag page');
      await notices.record('Email', 'company.secretary@harbour.example', 'Asked them to fix the link');
      const rows = await notices.rows();
      expect(rows.map((row) => row.slice(1))).toEqual([
        [
          `first-hour-${viewport.width}@officers.example`,
          'Email',
          'company.secretary@harbour.example',
          'Asked them to fix the link',
        ],
      ]);
      await axeAndWidth('flag page with a notice');
      await page.close();
    },
    120_000,
  );

  it('lets a member of the public report a broken link, which lands in the officers’ queue', async () => {
    const { store } = ctx.register;
    const organisation = await seedOrganisation(store, {
      name: 'Linked Goods Ltd',
      financialYearEnd: '12-31',
      createdAt: '2025-02-01T09:00:00Z',
    });
    const statementId = await seedStatement(store, {
      organisation,
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      submittedAt: '2026-05-01T09:00:00Z',
    });

    const visitor = await ctx.browser.newPage();
    const report = new ReportPage(visitor, ctx.url);
    expect((await report.open(statementId))?.status()).toBe(200);
    expect(await axeViolations(visitor)).toEqual([]);
    await visitor.getByRole('button', { name: 'Send report' }).click();
    await visitor.waitForLoadState();
    expect(await visitor.locator('.govuk-error-summary').textContent()).toContain('Choose what is wrong');
    await report.report('The link to the statement does not work', 'The link gives a 404 page');
    expect(await visitor.getByRole('heading', { level: 1 }).textContent()).toContain('Report sent');
    await visitor.close();

    const officer = await ctx.browser.newPage();
    await new SignInPage(officer, ctx.url).signIn('olive@officers.example', { officer: true });
    await officer.goto(`${ctx.url}/officers/flags`);
    const queue = new FlagsQueuePage(officer, ctx.url);
    await queue.filter({ type: 'Public report' });
    expect(await queue.rows()).toEqual([['Linked Goods Ltd', 'Public report', '2025', 'Open']]);
    await queue.openFlag('Linked Goods Ltd');
    expect(await officer.locator('main').textContent()).toContain('The link gives a 404 page');
    await officer.close();
  });

  it('lets an enrolled user declare a year out of scope, and an officer accept it', async () => {
    const token = await ctx.register.devIssuer.sign({ email: 'olive@officers.example', officer: true });
    const added = await fetch(`${ctx.url}/api/v1/organisations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Small Shop Ltd', entityType: 'company', financialYearEnd: '03-31' }),
    });
    const { id, enrolmentCode } = (await added.json()) as { id: string; enrolmentCode: string };

    const member = await ctx.browser.newPage();
    await new SignInPage(member, ctx.url).signIn('sally@smallshop.example');
    await new AccountPage(member, ctx.url).enrol(enrolmentCode);
    const declare = new DeclareOutOfScopePage(member, ctx.url);
    await declare.openFrom('Small Shop Ltd');
    expect(await axeViolations(member)).toEqual([]);
    await declare.declare('2026', 'Other');
    expect(await declare.errorSummary()).toContain('Say why the organisation is out of scope');
    expect(await axeViolations(member)).toEqual([]);
    await declare.declare('2026', 'Other', 'A shell company with no trade');
    expect(await declare.banner()).toContain('Your declaration for 2026 is recorded');
    expect(await member.locator('main').textContent()).toContain('A shell company with no trade');
    expect(await axeViolations(member)).toEqual([]);
    await member.close();

    const officer = await ctx.browser.newPage();
    await new SignInPage(officer, ctx.url).signIn('olive@officers.example', { officer: true });
    const review = new OutOfScopeReviewPage(officer, ctx.url);
    expect((await review.open(2026))?.status()).toBe(200);
    expect(await axeViolations(officer)).toEqual([]);
    await review.accept(id, 2026, 'Filed accounts confirm it');
    expect(await review.status(id, 2026)).toBe('Accepted by an officer');
    expect(await officer.locator('main').textContent()).toContain('Filed accounts confirm it');
    await officer.close();
  });

  it('lets a business ask for a review of a finding, and an officer overturn it: the public page and the audit trail change', async () => {
    const { store } = ctx.register;
    const organisation = await putOrganisation(store, { name: 'Careful Cocoa Ltd' });
    await seedMembership(store, 'cara@cocoa.example', organisation);
    const { header } = await putCheckResult(store, await putStatement(store, { organisation }), weakResult());

    const business = await ctx.browser.newPage();
    await new SignInPage(business, ctx.url).signIn('cara@cocoa.example');
    const asking = new PublicFindingsPage(business, ctx.url);
    await asking.open(header.id);
    expect(await asking.result('uk-area-risk')).toBe('Fail Automated check, low confidence (0.55)');
    expect(await asking.result('uk-area-training')).toBe('Unclear Automated check, low confidence (0.40)');
    await asking.askForReview('uk-area-risk', 'Section 4 is our risk assessment: cocoa in Ghana.');
    expect(await asking.panel()).toContain('Review asked for');
    await business.close();
    const requests = await listFlags(
      store,
      { statuses: ['open'], types: ['review_request'], organisationId: organisation.id },
      { order: 'oldest', limit: 10 },
    );
    expect(requests.items).toEqual([
      expect.objectContaining({
        statementId: header.id,
        rule: 'uk-area-risk',
        details: expect.stringContaining('Ghana'),
      }),
    ]);

    const officer = await ctx.browser.newPage();
    await new SignInPage(officer, ctx.url).signIn('olive@officers.example', { officer: true });
    const review = new ReviewFindingsPage(officer, ctx.url);
    expect((await review.open(header.id))?.status()).toBe(200);
    expect(await review.publicRating()).toBe('weak');
    expect(await axeViolations(officer)).toEqual([]);
    await review.overturn('uk-area-risk', 'Pass', 'Section 4 assesses the risks of cocoa from Ghana.');
    expect(await review.banner()).toContain('Your review of uk-area-risk is saved');
    expect(await review.publicRating()).toBe('adequate');
    await officer.close();

    const visitor = await ctx.browser.newPage();
    const seen = new PublicFindingsPage(visitor, ctx.url);
    await seen.open(header.id);
    expect(await seen.rating()).toBe('Adequate');
    expect(await seen.result('uk-area-risk')).toBe('Pass Reviewed by the register');
    expect(await seen.detail('uk-area-risk')).toContain(
      'Reason: Section 4 assesses the risks of cocoa from Ghana.',
    );
    expect(await visitor.locator('main').textContent()).not.toContain('olive@officers.example');
    expect(await axeViolations(visitor)).toEqual([]);
    await visitor.close();

    const audit = await listAuditEvents(store, { entity: `statement/${header.id}`, limit: 10 });
    expect(audit.items[0]).toMatchObject({
      action: 'statement.finding_reviewed',
      actor: { email: 'olive@officers.example' },
      detail: { automated: { status: 'fail' }, reviewed: { status: 'pass' } },
    });
  });
});
