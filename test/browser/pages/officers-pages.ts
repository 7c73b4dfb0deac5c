import type { Page } from 'playwright-core';

/** /officers: the compliance dashboard. */
export class DashboardPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(year?: number) {
    return this.page.goto(`${this.baseUrl}/officers${year ? `?year=${year}` : ''}`);
  }

  heading() {
    return this.page.getByRole('heading', { level: 1 }).textContent();
  }

  /** A headline figure by its label ("Missing statements (outstanding)"). */
  async figure(label: string): Promise<string> {
    const row = this.page.locator('#headline-figures .govuk-summary-list__row', { hasText: label });
    return ((await row.locator('dd').textContent()) ?? '').trim();
  }

  /** The charts' accessible names (each is an SVG with role="img"). */
  async chartNames(): Promise<string[]> {
    return this.page.locator('svg[role="img"] > title').allTextContents();
  }

  /** Follows a link of the "Details" summary card to its page ("By year", "By sector"). */
  async openDetails(link: string) {
    await this.page.locator('#details').getByRole('link', { name: link }).click();
    await this.page.waitForLoadState();
  }

  /** "What needs doing": each item's words. */
  async toDo(): Promise<string[]> {
    return (await this.page.locator('#todo li').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  async followToDo(text: string) {
    await this.page.locator('#todo').getByRole('link', { name: text, exact: true }).click();
    await this.page.waitForLoadState();
  }

  async goToQueue() {
    await this.page
      .getByRole('navigation', { name: 'Compliance' })
      .getByRole('link', { name: 'Flags' })
      .click();
    await this.page.waitForLoadState();
  }
}

/** /officers/figures/flags: a year's flags by type, and open flags by age. */
export class FlagFiguresPage {
  constructor(readonly page: Page) {}

  /** Each type's row: [type, raised, outstanding]. */
  async counts(): Promise<string[][]> {
    return this.page
      .locator('#flag-counts tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) =>
          Array.from(row.querySelectorAll('th, td'), (cell) => (cell.textContent ?? '').trim()),
        ),
      );
  }
}

/** /officers/flags: the queue and its filters. */
export class FlagsQueuePage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async filter(options: { type?: string; status?: string; year?: string }) {
    const form = this.page.getByRole('form', { name: 'Filter flags' });
    if (options.type) await form.getByLabel('Type').selectOption({ label: options.type });
    if (options.status) await form.getByLabel('Status').selectOption({ label: options.status });
    if (options.year !== undefined) await form.getByLabel('Reporting year').fill(options.year);
    await form.getByRole('button', { name: 'Apply filters' }).click();
    await this.page.waitForLoadState();
  }

  /** Each row: organisation, type, year, status. */
  async rows(): Promise<string[][]> {
    const rows = this.page.locator('#flags tbody tr');
    const result: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const cells = await rows.nth(i).locator('td').allTextContents();
      result.push(
        cells.slice(0, 4).map((cell) =>
          cell
            .replace(/\s+/g, ' ')
            .replace(/ Assigned to .*/, '')
            .trim(),
        ),
      );
    }
    return result;
  }

  async openFlag(organisationName: string) {
    await this.page.locator('#flags').getByRole('link', { name: organisationName }).click();
    await this.page.waitForLoadState();
  }
}

/** /officers/flags/{id}: one flag, its history, and the form that moves it. */
export class FlagPage {
  constructor(readonly page: Page) {}

  async status(): Promise<string> {
    return ((await this.page.locator('#flag-status').textContent()) ?? '').trim();
  }

  async move(choice: string, note: string, assignee?: string) {
    await this.page.getByRole('radio', { name: choice }).check();
    if (assignee !== undefined) await this.page.getByLabel('Assigned to (email)').fill(assignee);
    await this.page.getByLabel('Note', { exact: true }).fill(note);
    await this.page.getByRole('button', { name: 'Save' }).click();
    await this.page.waitForLoadState();
  }

  /** The organisation's contact details as the flag page lists them (question → answer, lines joined by " / "). */
  async contactDetails(): Promise<Record<string, string>> {
    const rows = await this.page.locator('dl#contact-details .govuk-summary-list__row').evaluateAll((items) =>
      items.map((row) => {
        const value = row.querySelector('dd')?.cloneNode(true) as Element | undefined;
        for (const br of Array.from(value?.querySelectorAll('br') ?? [])) br.replaceWith(' / ');
        return [
          row.querySelector('dt')?.textContent?.trim() ?? '',
          (value?.textContent ?? '').replace(/\s+/g, ' ').trim(),
        ];
      }),
    );
    return Object.fromEntries(rows);
  }

  /** The history: [what, note] per entry, oldest first. */
  async history(): Promise<string[][]> {
    const rows = this.page.locator('#history > li');
    const result: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      const note = row.locator('[data-note]');
      result.push(
        [
          await row.locator('[data-what]').textContent(),
          (await note.count()) ? await note.textContent() : '',
        ].map((cell) => (cell ?? '').replace(/\s+/g, ' ').trim()),
      );
    }
    return result;
  }

  errorSummary() {
    return this.page.locator('.govuk-error-summary').textContent();
  }
}

/** /statements/{id}/report: anyone reports a problem with a statement. */
export class ReportPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(statementId: string) {
    return this.page.goto(`${this.baseUrl}/statements/${statementId}/report`);
  }

  async report(reason: string, details?: string) {
    await this.page.getByRole('radio', { name: reason }).check();
    if (details) await this.page.getByLabel('Tell us more (optional)').fill(details);
    await this.page.getByRole('button', { name: 'Send report' }).click();
    await this.page.waitForLoadState();
  }
}

/** /account/organisations/{id}/out-of-scope: an enrolled user declares a year out of scope. */
export class DeclareOutOfScopePage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  /** From *Your organisations*, by the organisation's link. */
  async openFrom(organisationName: string) {
    await this.page.goto(`${this.baseUrl}/account`);
    await this.page
      .getByRole('link', { name: `Declare it out of scope for a year (${organisationName})` })
      .click();
    await this.page.waitForLoadState();
  }

  async declare(year: string, reason: string, otherReason = '') {
    await this.page.getByLabel('Reporting year').fill(year);
    await this.page.getByLabel(reason, { exact: true }).check();
    await this.page.getByLabel('If you chose “Other”, say why').fill(otherReason);
    await this.page.getByRole('button', { name: 'Declare out of scope' }).click();
    await this.page.waitForLoadState();
  }

  errorSummary() {
    return this.page.locator('.govuk-error-summary').textContent();
  }

  banner() {
    return this.page.locator('.govuk-notification-banner').textContent();
  }
}

/** /officers/out-of-scope: a year's declarations, each to challenge or accept with a note. */
export class OutOfScopeReviewPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(year: number) {
    return this.page.goto(`${this.baseUrl}/officers/out-of-scope?year=${year}`);
  }

  async accept(organisationId: string, year: number, note: string) {
    const card = this.page.locator(`#declaration-${organisationId}-${year}`);
    await card.getByLabel('Why do you accept it?').fill(note);
    await card.getByRole('button', { name: 'Accept this declaration' }).click();
    await this.page.waitForLoadState();
  }

  status(organisationId: string, year: number) {
    return this.page
      .locator(`#declaration-${organisationId}-${year} [data-declaration-status]`)
      .textContent();
  }
}

/** /officers/flags/new: find the organisation by name or company number, pick it, say why. */
export class NewFlagPage {
  constructor(readonly page: Page) {}

  async find(query: string) {
    await this.page.getByLabel('Organisation name or company number').fill(query);
    await this.page.getByRole('button', { name: 'Find organisation' }).click();
    await this.page.waitForLoadState();
  }

  /** The organisations offered, by name. */
  async choices(): Promise<string[]> {
    const labels = await this.page.locator('input[name="organisationId"] + label').allTextContents();
    return labels.map((label) => label.trim());
  }

  async raise(organisationName: string, note: string) {
    await this.page.getByRole('radio', { name: organisationName }).check();
    await this.page.getByLabel('Why are you flagging it?').fill(note);
    await this.page.getByRole('button', { name: 'Raise flag' }).click();
    await this.page.waitForLoadState();
  }
}

/** The flag page's notices: the record, and the form an officer notes a notice with. */
export class FlagNotices {
  constructor(readonly page: Page) {}

  /** Each notice: when, by, how, to, about. */
  async rows(): Promise<string[][]> {
    const rows = this.page.locator('ol#notice-record > li');
    const result: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      const cells: string[] = [];
      for (const name of ['when', 'who', 'how', 'to', 'about'])
        cells.push(((await row.locator(`[data-${name}]`).textContent()) ?? '').trim());
      result.push(cells);
    }
    return result;
  }

  empty() {
    return this.page.locator('p#notice-record').textContent();
  }

  async record(channel: string, to: string, about: string) {
    await this.page.getByText('Record a notice you sent').click();
    await this.page.getByRole('radio', { name: channel, exact: true }).check();
    await this.page.getByLabel('Sent to').fill(to);
    await this.page.getByLabel('What it said, in a few words').fill(about);
    await this.page.getByRole('button', { name: 'Record the notice' }).click();
    await this.page.waitForLoadState();
  }
}
