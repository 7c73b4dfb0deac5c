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

  /** An organisation's statements as the table shows them: [statement, status, check rating] per row. */
  async statements(organisationName: string): Promise<string[][]> {
    return this.page
      .getByRole('table', { name: `Statements of ${organisationName}` })
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) =>
          Array.from(row.querySelectorAll('td, th'), (cell) => {
            // A line break in a cell reads as a space.
            const copy = cell.cloneNode(true) as Element;
            for (const br of Array.from(copy.querySelectorAll('br'))) br.replaceWith(' ');
            return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
          }),
        ),
      );
  }

  /** The organisation's open flags, one line each. */
  async openFlags(organisationName: string): Promise<string[]> {
    const items = await this.page
      .getByRole('list', { name: `Open flags of ${organisationName}` })
      .locator('li')
      .allTextContents();
    return items.map((item) => item.replace(/\s+/g, ' ').trim());
  }

  /** Follows a statement's link to its task list ("Statement for 2026"). */
  async openStatement(year: number) {
    await this.page.getByRole('link', { name: `Statement for ${year}`, exact: true }).click();
    await this.page.waitForLoadState();
  }

  /** Follows "See the check" to the statement's public page. */
  async openPublicCheck(year: number) {
    await this.page.getByRole('link', { name: `See the check of the statement for ${year}` }).click();
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
