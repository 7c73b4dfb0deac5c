import type { Page } from 'playwright-core';

/** /account: your organisations and their statements; redeeming an enrolment code. */
export class AccountPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open() {
    await this.page.goto(`${this.baseUrl}/account`);
  }

  async enrol(code: string) {
    await this.open();
    await this.page.getByRole('button', { name: 'Enter an enrolment code' }).click();
    await this.page.getByLabel('Enter your enrolment code').fill(code);
    await this.page.getByRole('button', { name: 'Continue' }).click();
    await this.page.waitForLoadState();
  }

  async startStatement(
    organisationName: string,
    period: { start: [number, number, number]; end: [number, number, number] },
  ) {
    await this.open();
    await this.page.getByRole('link', { name: `Start a statement for ${organisationName}` }).click();
    await fillDate(this.page, 'periodStart', period.start);
    await fillDate(this.page, 'periodEnd', period.end);
    await this.page.getByRole('button', { name: 'Start' }).click();
    await this.page.waitForLoadState();
  }
}

/** Fills a GOV.UK date input (ids <prefix>-day, -month, -year). */
export async function fillDate(page: Page, prefix: string, [day, month, year]: [number, number, number]) {
  await page.locator(`#${prefix}-day`).fill(String(day));
  await page.locator(`#${prefix}-month`).fill(String(month));
  await page.locator(`#${prefix}-year`).fill(String(year));
}
