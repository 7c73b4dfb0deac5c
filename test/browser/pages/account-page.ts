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

  /** "Add your organisation": a company with its registered address. */
  async addOrganisation(details: {
    name: string;
    companyNumber: string;
    yearEnd: [number, number];
    address: { line1: string; town: string; postcode: string };
  }) {
    await this.open();
    await this.page.getByRole('button', { name: 'Add your organisation' }).click();
    await this.page.getByLabel('Organisation name').fill(details.name);
    await this.page.getByLabel('Companies House (a company or LLP)').check();
    await this.page.getByLabel('Company or LLP number').fill(details.companyNumber);
    await this.page.getByLabel('What kind of organisation is it?').selectOption('company');
    await this.page.locator('#yearEnd-day').fill(String(details.yearEnd[0]));
    await this.page.locator('#yearEnd-month').fill(String(details.yearEnd[1]));
    await this.page.getByLabel('Address line 1').fill(details.address.line1);
    await this.page.getByLabel('Town or city').fill(details.address.town);
    await this.page.getByLabel('Postcode').fill(details.address.postcode);
    await this.page.getByRole('button', { name: 'Add organisation' }).click();
    await this.page.waitForLoadState();
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
