import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { textPdf } from '../checker/fixtures.ts';
import { docxFromSource } from '../checker/realistic/documents.ts';
import { GOOD_TEXT } from '../checker/support.ts';
import { axeViolations, useBrowserRegister } from '../support/browser.ts';
import { CheckPage } from './pages/check-page.ts';

describe('the "Check a statement" page in Chromium', () => {
  const ctx = useBrowserRegister();

  it('shows the form and passes axe WCAG 2.2 AA checks', async () => {
    const check = new CheckPage(await ctx.browser.newPage(), ctx.url);
    const response = await check.open();
    expect(response?.status()).toBe(200);
    expect(await axeViolations(check.page)).toEqual([]);
    await check.page.close();
  });

  it('shows the findings with quoted evidence and the sentences highlighted by tag, without JavaScript', async () => {
    const context = await ctx.browser.newContext({ javaScriptEnabled: false });
    const check = new CheckPage(await context.newPage(), ctx.url);
    await check.checkText(GOOD_TEXT, 'company');
    expect(await check.page.getByRole('heading', { level: 1 }).textContent()).toContain('Check result');
    const approval = check.finding('uk-approval');
    await expect(approval.textContent()).resolves.toMatch(/Pass/);
    await expect(approval.locator('blockquote').first().textContent()).resolves.toMatch(
      /approved by the Board of Directors/,
    );
    // The quoted sentence links to the sentence, which is shown highlighted with its tags.
    const href = await approval.locator('blockquote a').first().getAttribute('href');
    await expect(check.page.locator(`${href} mark`).textContent()).resolves.toMatch(/approved by the Board/);
    await expect(check.page.locator(`${href} .govuk-tag`).first().textContent()).resolves.toMatch(/Approval/);
    await expect(check.finding('uk-homepage-link').textContent()).resolves.toMatch(/Not known/);
    await context.close();
  }, 60_000);

  it('passes axe WCAG 2.2 AA checks on the result page', async () => {
    const check = new CheckPage(await ctx.browser.newPage(), ctx.url);
    await check.checkText(GOOD_TEXT);
    expect(await axeViolations(check.page)).toEqual([]);
    await check.page.close();
  }, 60_000);

  it('checks an uploaded PDF and shows page numbers', async () => {
    const path = join(tmpdir(), `check-${Date.now()}.pdf`);
    writeFileSync(
      path,
      await textPdf([GOOD_TEXT.split('\n\n').slice(0, 8), GOOD_TEXT.split('\n\n').slice(8)]),
    );
    const check = new CheckPage(await ctx.browser.newPage(), ctx.url);
    await check.uploadFile(path);
    await expect(check.page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'Check result',
    );
    await expect(check.page.getByText('(page 2)').first().isVisible()).resolves.toBe(true);
    await check.page.close();
  });

  it('checks an uploaded Word .docx, reading its text', async () => {
    const path = join(tmpdir(), `check-${Date.now()}.docx`);
    writeFileSync(path, await docxFromSource(GOOD_TEXT));
    const check = new CheckPage(await ctx.browser.newPage(), ctx.url);
    await check.uploadFile(path);
    await expect(check.page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'Check result',
    );
    await expect(check.finding('uk-approval').textContent()).resolves.toMatch(/Pass/);
    expect(await axeViolations(check.page)).toEqual([]);
    await check.page.close();
  }, 60_000);

  it('asks for the text when nothing was given, with an error summary', async () => {
    const check = new CheckPage(await ctx.browser.newPage(), ctx.url);
    await check.open();
    await check.page.getByRole('button', { name: 'Check statement' }).click();
    await check.page.waitForLoadState();
    await expect(check.page.getByRole('alert').textContent()).resolves.toMatch(
      /Paste the statement’s text or upload/,
    );
    expect(await axeViolations(check.page)).toEqual([]);
    await check.page.close();
  });

  it('escapes the statement text rather than running it', async () => {
    const check = new CheckPage(await ctx.browser.newPage(), ctx.url);
    let dialog = false;
    check.page.on('dialog', async (d) => {
      dialog = true;
      await d.dismiss();
    });
    await check.checkText(
      '<script>alert(1)</script> Our policy forbids forced labour. <img src=x onerror=alert(2)>',
    );
    expect(dialog).toBe(false);
    await expect(check.page.locator('#sentence-0').textContent()).resolves.toContain('<script>');
    await check.page.close();
  });
});
