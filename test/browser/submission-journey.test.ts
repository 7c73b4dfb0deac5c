import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { textPdf } from '../checker/fixtures.ts';
import { axeViolations, useBrowserRegister } from '../support/browser.ts';
import { AccountPage, fillDate } from './pages/account-page.ts';
import { widerThanWindow } from './pages/public-pages.ts';
import { SignInPage } from './pages/sign-in-page.ts';
import { StatementPages } from './pages/statement-pages.ts';
import {
  axeApartFromConditionalReveal,
  conditionalRevealOnly,
  revealingRadios,
} from './pages/upstream-axe.ts';

const now = new Date('2026-11-29T12:00:00.000Z');

describe('submitting a statement through the pages in Chromium', () => {
  const ctx = useBrowserRegister({ clock: () => now });

  /** An officer adds the organisation through the API; answers its enrolment code. */
  async function addOrganisation(name: string, companyNumber: string): Promise<string> {
    const token = await ctx.register.devIssuer.sign({ email: 'officer@register.example', officer: true });
    const response = await fetch(`${ctx.url}/api/v1/organisations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name, entityType: 'company', financialYearEnd: '03-31', companyNumber }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { enrolmentCode: string }).enrolmentCode;
  }

  /** `revealing` runs on each section whose radios reveal a further question, as it opens. */
  async function answerEverySection(
    page: Page,
    journey: StatementPages,
    revealing: (where: string) => Promise<void> = async () => {},
  ) {
    // Group or single: a group, then its members.
    await journey.openSection('Group or single statement');
    await page.getByLabel('Yes, it covers a group of organisations').check();
    await journey.saveAndContinue();
    expect(await journey.heading()).toContain('Which organisations does the group statement cover?');
    await page
      .getByLabel('Which organisations does the group statement cover?')
      .fill('Northwind Retail Ltd | 01234567\nNorthwind Logistics Ltd');
    await journey.saveAndContinue();

    // Where the statement is: a wrong address first, to see the error summary link to the field.
    await journey.openSection('Where the statement is');
    await revealing('where the statement is');
    await page.getByLabel('On our website').check();
    await page.getByLabel('Web address of the statement').fill('not a web address');
    await journey.saveAndContinue();
    const errors = await journey.errorSummary();
    expect(errors).toEqual([
      { text: expect.stringContaining('must be a full web address'), href: '#statementUrl' },
    ]);
    expect(await page.title()).toMatch(/^Error: /);
    await page.getByRole('link', { name: errors[0]?.text ?? '' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('statementUrl');
    await page.getByLabel('Web address of the statement').fill('https://northwind.example/modern-slavery');
    await page.getByLabel('Web address of your homepage (optional)').fill('https://northwind.example/');
    await journey.saveAndContinue();

    // Sign-off: a signatory with a missing last name is refused (all three or none).
    await journey.openSection('Approval and sign-off');
    await page.getByLabel('The board of directors (or equivalent management body)').check();
    await fillDate(page, 'approvalDate', [15, 7, 2026]);
    await page.getByLabel('First name').fill('Ann');
    await page.getByLabel('Job title').fill('Director');
    await journey.saveAndContinue();
    expect((await journey.errorSummary()).map((e) => e.href)).toEqual(['#lastName']);
    await page.getByLabel('Last name').fill('Smith');
    await page.getByLabel('Director', { exact: true }).check();
    await journey.saveAndContinue();

    await journey.openSection('Areas the statement covers');
    await revealing('areas the statement covers');
    for (const area of ['structure', 'policies', 'riskAssessment', 'dueDiligence', 'kpis']) {
      await page.locator(`#${area}`).check();
    }
    await page.locator('#training-2').check();
    await page.locator('#trainingReason').fill('Programme starts next year');
    await journey.saveAndContinue();

    await journey.openSection('Sectors');
    await page.getByLabel('Fashion, textiles, apparel and luxury goods').check();
    await journey.saveAndContinue();

    await journey.openSection('Turnover');
    await page.getByLabel('£60 million to £100 million').check();
    await journey.saveAndContinue();

    await journey.openSection('Years producing statements');
    await page.getByLabel('1 to 5 years').check();
    await journey.saveAndContinue();

    await journey.openSection('Policies, training and monitoring');
    await page.getByLabel('Prohibits child labour').check();
    await page.getByLabel('Your suppliers').first().check();
    await journey.saveAndContinue();

    await journey.openSection('Modern slavery risks');
    await revealing('modern slavery risks');
    await page.locator('#risk1Description').fill('Cotton picking in our tier 3 supply chain');
    await page.locator('#risk1Location-2').check();
    await page.locator('#risk1Countries').fill('Uzbekistan, TM');
    await journey.saveAndContinue();

    await journey.openSection('Indicators, remediation and progress');
    await page.getByLabel('Change in policy').check();
    await journey.saveAndContinue();

    await journey.openSection('Statement document');
    await page
      .getByLabel("Or paste the statement's text")
      .fill(
        'This statement is made pursuant to section 54(1) of the Modern Slavery Act 2015. It was approved by the board.',
      );
    await journey.saveAndContinue();
  }

  it('signs in, redeems a code, fills in every section, sees errors, saves a draft, submits, revises and reads both revisions — without JavaScript', async () => {
    const code = await addOrganisation('Northwind Holdings plc', '07654321');
    const context = await ctx.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const account = new AccountPage(page, ctx.url);
    const journey = new StatementPages(page);
    page.setDefaultTimeout(15_000);

    await new SignInPage(page, ctx.url).signIn('ann.smith@northwind.example');
    // The local server speaks plain http, so its cookie is not Secure (and has no __Host- prefix);
    // it holds an opaque session id, never the token.
    const cookie = (await context.cookies()).find((c) => c.name === 'register_session');
    expect(cookie).toMatchObject({ httpOnly: true, secure: false, sameSite: 'Lax', path: '/' });
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // A wrong code is refused with an error linked to the field; the right one enrols.
    await account.enrol('AAAA-BBBB-CCCC-DDDD-EEEE');
    expect(await journey.errorSummary()).toEqual([
      { text: expect.stringContaining('valid enrolment code'), href: '#code' },
    ]);
    await account.enrol(code);
    expect(await page.getByRole('heading', { name: 'Northwind Holdings plc' }).count()).toBe(1);

    await account.startStatement('Northwind Holdings plc', { start: [1, 4, 2025], end: [31, 3, 2026] });
    expect(await journey.heading()).toBe('Modern slavery statement for 2026');
    const started = await journey.tasks();
    expect(started.find((t) => t.title === 'Period the statement covers')?.status).toBe('Completed');
    expect(started.find((t) => t.title === 'Turnover')?.status).toBe('Not yet started');

    // Submitting an incomplete draft lists what is missing, linked to the pages that ask it.
    await journey.checkAnswers();
    await journey.submit();
    const missing = await journey.errorSummary();
    expect(missing.map((e) => e.href)).toContain(
      `${new URL(page.url()).pathname.replace(/\/submit$/, '')}/turnover#turnover`,
    );

    // Save as draft and come back: answers survive leaving the journey.
    await page.goto(`${ctx.url}/account`);
    await account.openStatement(2026);
    await answerEverySection(page, journey);
    const tasks = await journey.tasks();
    expect(tasks.filter((t) => t.status !== 'Completed')).toEqual([]);

    await journey.checkAnswers();
    const answers = await journey.answers();
    expect(answers['Organisations in the group']).toBe(
      'Northwind Retail Ltd (01234567); Northwind Logistics Ltd',
    );
    expect(answers['Signed by']).toBe('Ann Smith, Director (Director)');
    expect(answers['Risk 1']).toContain('Uzbekistan, Turkmenistan');
    await journey.submit();
    const confirmation = await journey.confirmation();
    expect(confirmation.panel).toContain('Statement submitted');
    expect(Object.values(confirmation.links)).toContain(`/statements/${page.url().split('/')[5]}`);
    await journey.backToStatement();

    // Correct it: a change is a draft on top of revision 1 until submitted as revision 2.
    await journey.openSection('Turnover');
    await page.getByLabel('£100 million to £500 million').check();
    await journey.saveAndContinue();
    await journey.checkAnswers();
    await journey.submit();
    expect((await journey.confirmation()).panel).toContain('revision 2');
    await journey.backToStatement();
    expect(await journey.revisionLinks()).toEqual(['Revision 2', 'Revision 1']);

    await page.getByRole('link', { name: 'Revision 1', exact: true }).click();
    expect((await journey.answers()).Turnover).toBe('£60 million to £100 million');
    await page.goBack();
    await page.getByRole('link', { name: 'Revision 2', exact: true }).click();
    expect((await journey.answers()).Turnover).toBe('£100 million to £500 million');
    await context.close();
    // About 55 s on an idle machine; more than 120 s has been seen with the machine shared (load 15–20).
  }, 240_000);

  it('walks a brand-new business at 320 px: adds its own organisation, drafts, uploads a PDF, is held back until verified by the posted code, then is public — axe clean, no sideways scroll', async () => {
    const context = await ctx.browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const account = new AccountPage(page, ctx.url);
    const journey = new StatementPages(page);
    const axeAndWidth = async (where: string) => {
      expect(await axeViolations(page), where).toEqual([]);
      const wider = await widerThanWindow(page);
      expect(wider, where).toEqual([]);
    };
    // Where a radio reveals a further question, GOV.UK Frontend's aria-expanded on it (documented in
    // the accessibility statement) is the one violation, and nothing else is.
    const upstreamOnly = async (where: string) => {
      const radios = await revealingRadios(page);
      expect(radios.length, where).toBeGreaterThan(0);
      const { upstream, others } = await axeApartFromConditionalReveal(page);
      expect(others, where).toEqual([]);
      expect(upstream, where).toEqual(conditionalRevealOnly(radios));
      expect(await widerThanWindow(page), where).toEqual([]);
    };
    await new SignInPage(page, ctx.url).signIn('lee@narrowlane.example');
    await axeAndWidth('account, nothing to act for yet');
    await page.goto(`${ctx.url}/account/organisations/new`);
    await upstreamOnly('add your organisation');

    // Self-service: no officer and no code; the organisation is usable for drafts at once.
    await account.addOrganisation({
      name: 'Narrow Lane Foods Ltd',
      companyNumber: '07654323',
      yearEnd: [31, 3],
      address: { line1: '4 Narrow Lane', town: 'Leeds', postcode: 'LS1 4AB' },
    });
    expect(new URL(page.url()).pathname).toBe('/account');
    expect(await journey.notification()).toContain('Organisation added');
    expect(await page.getByText('Not verified yet').count()).toBe(1);
    await axeAndWidth('account, organisation added');

    await account.startStatement('Narrow Lane Foods Ltd', { start: [1, 4, 2025], end: [31, 3, 2026] });
    await axeAndWidth('task list');
    const statementId = new URL(page.url()).pathname.split('/')[3] ?? '';
    expect(statementId).toMatch(/^[0-9A-Z]{26}$/);
    await answerEverySection(page, journey, upstreamOnly);
    await journey.openSection('Statement document');
    await page.getByLabel("Or paste the statement's text").fill('');
    await page.locator('#file').setInputFiles({
      name: 'statement.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(
        await textPdf([
          [
            'Narrow Lane Foods Ltd modern slavery statement.',
            'This statement is made pursuant to section 54(1) of the Modern Slavery Act 2015.',
            'It was approved by the board of directors and signed by a director.',
          ],
        ]),
      ),
    });
    await axeAndWidth('upload');
    await journey.saveAndContinue();
    await journey.checkAnswers();
    expect((await journey.answers())['Statement file']).toMatch(/^statement\.pdf \(PDF, \d+ KB\)$/);
    await axeAndWidth('check your answers, not verified yet');

    // Not public until verified: submitting is refused, the draft is kept, the public page has nothing.
    await journey.submit();
    expect(await journey.errorSummary()).toEqual([
      { text: 'Narrow Lane Foods Ltd is not verified yet', href: '#missing-answers' },
    ]);
    expect(await page.locator('.govuk-warning-text').textContent()).toContain(
      'Enter the enrolment code posted',
    );
    await axeAndWidth('submit refused, not verified');
    expect((await page.request.get(`${ctx.url}/statements/${statementId}`)).status()).toBe(404);

    // The letter to the registered address (locally, the development outbox) carries the code.
    await page.goto(`${ctx.url}/dev/outbox`);
    const letter = page.locator('.govuk-summary-card', { hasText: 'Narrow Lane Foods Ltd' });
    expect(
      await letter.getByText('By post: Narrow Lane Foods Ltd, 4 Narrow Lane, Leeds, LS1 4AB').count(),
    ).toBe(1);
    await axeAndWidth('outbox with the letter');
    const code = ((await letter.locator('pre').textContent()) ?? '').match(
      /[A-Z0-9]{4}(?:-[A-Z0-9]{4}){4}/,
    )?.[0];
    expect(code).toBeDefined();
    await account.enrol(code ?? '');
    expect(await journey.notification()).toContain('You can now act for this organisation');
    expect(await page.getByText('Not verified yet').count()).toBe(0);

    await account.openStatement(2026);
    await journey.checkAnswers();
    await journey.submit();
    const confirmation = await journey.confirmation();
    expect(confirmation.panel).toContain('Statement submitted');
    await axeAndWidth('confirmation');
    expect(confirmation.links).toMatchObject({
      'see your statement as the public sees it': `/statements/${statementId}`,
    });
    expect(Object.values(confirmation.links)).toContain(`/statements/${statementId}#check-summary`);
    await page.getByRole('link', { name: 'see your statement as the public sees it' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Narrow Lane Foods Ltd');
    await axeAndWidth('public statement page');
    await context.close();
  }, 240_000);

  it('passes axe WCAG 2.2 AA checks on the task list, a question with errors and check your answers, then signs out from the header with Tab and Enter', async () => {
    const code = await addOrganisation('Contoso Ltd', '07654322');
    const context = await ctx.browser.newContext();
    const page = await context.newPage();
    const account = new AccountPage(page, ctx.url);
    const journey = new StatementPages(page);
    await new SignInPage(page, ctx.url).signIn('sam@contoso.example');
    await account.enrol(code);
    await account.startStatement('Contoso Ltd', { start: [1, 1, 2025], end: [31, 12, 2025] });
    expect(await axeViolations(page)).toEqual([]);

    await journey.openSection('Approval and sign-off');
    await fillDate(page, 'approvalDate', [31, 2, 2026]);
    await journey.saveAndContinue();
    expect((await journey.errorSummary()).length).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Back to the task list' }).click();
    await journey.checkAnswers();
    expect(await axeViolations(page)).toEqual([]);

    // Sign out: a visible button in the header's navigation, reached by Tab and pressed with Enter.
    const signOut = page.getByRole('button', { name: 'Sign out' });
    expect(await signOut.count()).toBe(1);
    expect(await signOut.isVisible()).toBe(true);
    expect(await signOut.evaluate((button) => button.closest('.govuk-service-navigation') !== null)).toBe(
      true,
    );
    await page.locator('body').focus();
    let tabs = 0;
    while (!(await signOut.evaluate((button) => button === document.activeElement)) && tabs < 40) {
      await page.keyboard.press('Tab');
      tabs += 1;
    }
    expect(await signOut.evaluate((button) => button === document.activeElement)).toBe(true);
    await Promise.all([page.waitForURL(`${ctx.url}/`), page.keyboard.press('Enter')]);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Sign in' }).count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${ctx.url}/account`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  });

  it('renders the API documentation page accessibly (axe) and no wider than a 320 px screen', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 320, height: 640 } });
    const response = await page.goto(`${ctx.url}/api/docs`);
    expect(response?.status()).toBe(200);
    expect(await page.getByRole('heading', { level: 3, name: 'POST /api/v1/enrolments' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    // Its many tables of names and types were 586 px wide at 320 before their words could break.
    expect(await widerThanWindow(page)).toEqual([]);
    await page.close();
    // A long page (every route and schema): axe alone takes seconds on a busy machine.
  }, 60_000);

  it('refuses a page form post without the session’s form token', async () => {
    const context = await ctx.browser.newContext();
    const page = await context.newPage();
    await new SignInPage(page, ctx.url).signIn('eve@example.com');
    const status = await page.evaluate(async () => {
      const response = await fetch('/account/enrol', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'code=AAAA-BBBB-CCCC-DDDD-EEEE',
      });
      return response.status;
    });
    expect(status).toBe(403);
    await context.close();
  });
});
