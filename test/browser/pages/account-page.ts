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

  /** An organisation's statements, one summary card each: its title and each row's value by key. */
  async statements(organisationName: string): Promise<Record<string, string>[]> {
    return this.page
      .getByRole('region', { name: organisationName, exact: true })
      .locator('.govuk-summary-card')
      .evaluateAll((cards) =>
        cards.map((card) => {
          // A line break in a value reads as a space.
          const text = (element: Element | null) => {
            const copy = element?.cloneNode(true) as Element | undefined;
            for (const br of Array.from(copy?.querySelectorAll('br') ?? [])) br.replaceWith(' ');
            return (copy?.textContent ?? '').replace(/\s+/g, ' ').trim();
          };
          const fields: Record<string, string> = {
            title: text(card.querySelector('.govuk-summary-card__title')),
          };
          for (const row of Array.from(card.querySelectorAll('.govuk-summary-list__row')))
            fields[text(row.querySelector('dt'))] = text(row.querySelector('dd'));
          return fields;
        }),
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

  /** Follows a statement card's action ("Open" or "Continue") to its task list. */
  async openStatement(year: number) {
    await this.page
      .getByRole('link', { name: new RegExp(`^(Open|Continue) \\(Statement for ${year}\\)$`) })
      .click();
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
