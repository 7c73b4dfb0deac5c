import type { Page } from 'playwright-core';

/** /: the home page, with its search form. */
export class HomePage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open() {
    return this.page.goto(`${this.baseUrl}/`);
  }

  async search(text: string) {
    await this.page.getByLabel('Organisation name or company number').fill(text);
    await this.page.getByRole('button', { name: 'Search' }).click();
    await this.page.waitForLoadState();
  }
}

/** The service navigation in the header; on a phone its links are behind the "Menu" button. */
export class ServiceNavigation {
  constructor(readonly page: Page) {}

  async follow(name: string) {
    const toggle = this.page.locator('.govuk-service-navigation__toggle');
    if (await toggle.isVisible()) await toggle.click();
    await this.page
      .locator('.govuk-service-navigation__list')
      .getByRole('link', { name, exact: true })
      .click();
    await this.page.waitForLoadState();
  }
}

/** /statements: the search form, its filters, the results and their pages. */
export class SearchPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(query = '') {
    return this.page.goto(`${this.baseUrl}/statements${query}`);
  }

  async search(
    text: string,
    filters: { sector?: string; year?: string; turnover?: string; rating?: string } = {},
  ) {
    await this.open();
    await this.page.getByLabel('Organisation name or company number').fill(text);
    if (filters.sector) await this.page.getByLabel('Sector').selectOption(filters.sector);
    if (filters.year) await this.page.getByLabel('Reporting year').selectOption(filters.year);
    if (filters.turnover) await this.page.getByLabel('Turnover').selectOption(filters.turnover);
    if (filters.rating) await this.page.getByLabel('Check rating').selectOption({ label: filters.rating });
    await this.page.getByRole('button', { name: 'Search' }).click();
    await this.page.waitForLoadState();
  }

  /** The organisation names of the results on this page, in order. */
  async resultNames(): Promise<string[]> {
    return this.page.locator('.register-results li h3 a').allTextContents();
  }

  /** Follows a result to its statement, by the organisation's name. */
  async openResult(organisationName: string) {
    await this.page
      .locator('.register-results')
      .getByRole('link', { name: organisationName, exact: true })
      .click();
    await this.page.waitForLoadState();
  }

  async resultTexts(): Promise<string[]> {
    return (await this.page.locator('.register-results li').allTextContents()).map((t) =>
      t.replace(/\s+/g, ' ').trim(),
    );
  }

  async nextPage() {
    await this.page.getByRole('link', { name: /Next page/ }).click();
    await this.page.waitForLoadState();
  }

  /** Follows the numbered link of a page in the pagination. */
  async goToPage(number: number) {
    await this.page
      .locator('.govuk-pagination__list')
      .getByRole('link', { name: `Page ${number}`, exact: true })
      .click();
    await this.page.waitForLoadState();
  }

  resultCount() {
    return this.page.locator('#result-count').textContent();
  }

  /** Follows "Clear filters": the same name search without the filters. */
  async clearFilters() {
    await this.page.getByRole('link', { name: 'Clear filters', exact: true }).click();
    await this.page.waitForLoadState();
  }

  /** The pagination's items (numbers and "⋯"), the current one marked with a *. */
  async pageNumbers(): Promise<string[]> {
    return this.page
      .locator('.govuk-pagination__list .govuk-pagination__item')
      .evaluateAll((items) =>
        items.map(
          (item) =>
            `${item.textContent?.trim() ?? ''}${item.classList.contains('govuk-pagination__item--current') ? '*' : ''}`,
        ),
      );
  }

  async hasNextPage(): Promise<boolean> {
    return (await this.page.getByRole('link', { name: /Next page/ }).count()) > 0;
  }
}

/** /organisations/{id}: an organisation's statements by reporting year. */
export class OrganisationPage {
  constructor(readonly page: Page) {}

  /** A year's row: its words (status, deadline, submitted, check) and where its statement link goes. */
  async year(year: number): Promise<{ text: string; statementHref: string | null }> {
    const row = this.page.locator(`#years tr[data-year="${year}"]`);
    const link = row.locator('th a');
    return {
      text: ((await row.textContent()) ?? '').replace(/\s+/g, ' ').trim(),
      statementHref: (await link.count()) ? await link.getAttribute('href') : null,
    };
  }
}

/** /statements/{id}: the statement, its check and the statement's sentences. */
export class StatementPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(id: string, query = '') {
    return this.page.goto(`${this.baseUrl}/statements/${id}${query}`);
  }

  heading() {
    return this.page.getByRole('heading', { level: 1 }).textContent();
  }

  /** The statement sentence by sentence: its own page, linked from the statement page. */
  async openText() {
    await this.page.getByRole('link', { name: 'Read the statement sentence by sentence' }).click();
    await this.page.waitForLoadState();
  }

  /** Follows the statement's "Organisation" row to the organisation's page. */
  async openOrganisation(organisationName: string) {
    await this.page
      .locator('.govuk-summary-list')
      .first()
      .getByRole('link', { name: organisationName, exact: true })
      .click();
    await this.page.waitForLoadState();
  }

  /** The text of the evidence quoted for a rule's finding. */
  findingText(rule: string) {
    return this.page.locator(`#finding-${rule}`).textContent();
  }

  highlightedSentences() {
    return this.page.locator('.register-sentence mark').allTextContents();
  }

  async highlight(label: string) {
    await this.page.getByLabel('Highlight').selectOption({ label });
    await this.page.getByRole('button', { name: 'Highlight' }).click();
    await this.page.waitForLoadState();
  }
}

/** What every page at a given width must allow: nothing wider than the screen. */
export async function pageOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
}

/**
 * What makes the page scroll sideways (none when nothing does), named for a failure message:
 * elements whose box reaches past the window's right edge, and the innermost elements whose
 * content is wider than the window while their box is not (a <pre> that does not wrap).
 */
export async function widerThanWindow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    if (document.documentElement.scrollWidth <= window.innerWidth) return [];
    const all = Array.from(document.querySelectorAll('body *'));
    const outside = all.filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1);
    const overflowing = all.filter(
      (element) =>
        element.scrollWidth > window.innerWidth &&
        !Array.from(element.children).some((child) => child.scrollWidth > window.innerWidth),
    );
    const named = [...outside, ...overflowing].map(
      (element) => `${element.tagName.toLowerCase()}#${element.id}.${element.className}`,
    );
    // The page scrolls, so never answer "nothing": at least the document's own width.
    return named.length
      ? [...new Set(named)].slice(0, 6)
      : [`html scrollWidth ${document.documentElement.scrollWidth}`];
  });
}
