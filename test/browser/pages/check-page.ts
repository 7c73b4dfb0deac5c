import type { Page } from 'playwright-core';

/** /check: paste or upload a statement and read the findings. */
export class CheckPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open() {
    return this.page.goto(`${this.baseUrl}/check`);
  }

  async checkText(text: string, entityType?: string) {
    await this.open();
    await this.page.getByLabel('Statement text').fill(text);
    if (entityType) await this.page.getByLabel('Type of organisation (optional)').selectOption(entityType);
    await this.page.getByRole('button', { name: 'Check statement' }).click();
    await this.page.waitForLoadState();
  }

  async uploadFile(path: string) {
    await this.open();
    await this.page.getByLabel('Or upload the statement').setInputFiles(path);
    await this.page.getByRole('button', { name: 'Check statement' }).click();
    await this.page.waitForLoadState();
  }

  /** The row of one rule's finding: its result and message with the quoted evidence. */
  finding(rule: string) {
    return this.page.locator(`#finding-${rule}`);
  }

  sentence(index: number) {
    return this.page.locator(`#sentence-${index}`);
  }
}
