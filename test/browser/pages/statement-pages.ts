import type { Page } from 'playwright-core';

/** The statement's task list, its one-question pages, and check your answers. */
export class StatementPages {
  constructor(readonly page: Page) {}

  /** The task list's sections with their status text. */
  async tasks(): Promise<{ title: string; status: string }[]> {
    return this.page.locator('.govuk-task-list__item').evaluateAll((items) =>
      items.map((item) => ({
        title: item.querySelector('.govuk-task-list__name-and-hint a')?.textContent?.trim() ?? '',
        status: item.querySelector('.govuk-task-list__status')?.textContent?.trim() ?? '',
      })),
    );
  }

  async openSection(title: string) {
    await this.page.getByRole('link', { name: title, exact: true }).click();
    await this.page.waitForLoadState();
  }

  async saveAndContinue() {
    await this.page.getByRole('button', { name: 'Save and continue' }).click();
    await this.page.waitForLoadState();
  }

  /** The error summary's messages and where each links. */
  async errorSummary(): Promise<{ text: string; href: string }[]> {
    return this.page.locator('.govuk-error-summary__list a').evaluateAll((links) =>
      links.map((link) => ({
        text: link.textContent?.trim() ?? '',
        href: link.getAttribute('href') ?? '',
      })),
    );
  }

  async heading(): Promise<string> {
    return ((await this.page.locator('h1').first().textContent()) ?? '').trim();
  }

  async checkAnswers() {
    await this.page.getByRole('button', { name: 'Check your answers and submit' }).click();
    await this.page.waitForLoadState();
  }

  /** The check-your-answers (or revision) summary list as question → answer. */
  async answers(): Promise<Record<string, string>> {
    const rows = await this.page
      .locator('.govuk-summary-list__row')
      .evaluateAll((items) =>
        items.map((row) => [
          row.querySelector('.govuk-summary-list__key')?.textContent?.trim() ?? '',
          row.querySelector('.govuk-summary-list__value')?.textContent?.trim() ?? '',
        ]),
      );
    return Object.fromEntries(rows);
  }

  async submit() {
    await this.page.getByRole('button', { name: 'Submit statement' }).click();
    await this.page.waitForLoadState();
  }

  async notification(): Promise<string> {
    return ((await this.page.locator('.govuk-notification-banner').textContent()) ?? '')
      .replace(/\s+/g, ' ')
      .trim();
  }

  /** The confirmation after submitting: the panel's words and the page's links by name. */
  async confirmation(): Promise<{ panel: string; links: Record<string, string> }> {
    const panel = ((await this.page.locator('.govuk-panel').textContent()) ?? '').replace(/\s+/g, ' ').trim();
    const links = await this.page
      .locator('main a')
      .evaluateAll((as) =>
        as.map((a) => [a.textContent?.replace(/\s+/g, ' ').trim() ?? '', a.getAttribute('href') ?? '']),
      );
    return { panel, links: Object.fromEntries(links) };
  }

  /** "Check your answers": the missing answers it lists, with where each links. */
  async missingAnswers(): Promise<{ text: string; href: string }[]> {
    return this.page.locator('#missing-answers ~ ul.govuk-list a').evaluateAll((links) =>
      links.map((link) => ({
        text: link.textContent?.trim() ?? '',
        href: link.getAttribute('href') ?? '',
      })),
    );
  }

  async backToStatement() {
    await this.page.getByRole('link', { name: 'Back to the statement' }).click();
    await this.page.waitForLoadState();
  }

  async revisionLinks(): Promise<string[]> {
    return this.page.getByRole('link', { name: /^Revision \d+$/ }).allTextContents();
  }
}
