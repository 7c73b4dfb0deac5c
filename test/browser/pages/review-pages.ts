import type { Page } from 'playwright-core';

/** One finding's row on a page that lists findings (the statement page, the officers' review page). */
function findingRow(page: Page, rule: string) {
  return page.locator(`tr#finding-${rule}`);
}

/** /statements/{id}: what the public sees of a statement's check. */
export class PublicFindingsPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(statementId: string) {
    return this.page.goto(`${this.baseUrl}/statements/${statementId}`);
  }

  async rating(): Promise<string> {
    return ((await this.page.locator('#check-summary + p .govuk-tag').textContent()) ?? '').trim();
  }

  /** The finding's result cell: its status and who decided it. */
  async result(rule: string): Promise<string> {
    const text = await findingRow(this.page, rule).locator('td').nth(1).textContent();
    return (text ?? '').replace(/\s+/g, ' ').trim();
  }

  async detail(rule: string): Promise<string> {
    const text = await findingRow(this.page, rule).locator('td').nth(2).textContent();
    return (text ?? '').replace(/\s+/g, ' ').trim();
  }

  /** A business asks for a review of one finding, from the statement page. */
  async askForReview(rule: string, reason: string) {
    await findingRow(this.page, rule)
      .getByRole('link', { name: `Ask for a review of ${rule}` })
      .click();
    await this.page.getByLabel('Why should the register look at this finding again?').fill(reason);
    await this.page.getByRole('button', { name: 'Ask for a review' }).click();
    await this.page.waitForLoadState();
  }

  async panel(): Promise<string> {
    return (await this.page.locator('.govuk-panel').textContent()) ?? '';
  }
}

/** /officers/statements/{id}/findings: an officer confirms or overturns findings. */
export class ReviewFindingsPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(statementId: string) {
    return this.page.goto(`${this.baseUrl}/officers/statements/${statementId}/findings`);
  }

  async overturn(rule: string, status: string, reason: string) {
    await this.page.getByText(`Review ${rule}`, { exact: true }).click();
    const form = this.page.locator(`form[data-rule="${rule}"]`);
    await form.getByLabel('Overturn it').check();
    await form.getByLabel('When overturning: the status it should have').selectOption({ label: status });
    await form.getByLabel('Reason (published with the finding)').fill(reason);
    await form.getByRole('button', { name: 'Save the review' }).click();
    await this.page.waitForLoadState();
  }

  async banner(): Promise<string> {
    return (await this.page.locator('.govuk-notification-banner').textContent()) ?? '';
  }

  async publicRating(): Promise<string> {
    return ((await this.page.locator('#public-rating').textContent()) ?? '').trim();
  }
}
