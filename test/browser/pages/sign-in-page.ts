import type { Page } from 'playwright-core';

/** /sign-in: the local development sign-in (email, and whether you are a compliance officer). */
export class SignInPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async signIn(email: string, options: { officer?: boolean } = {}) {
    await this.page.goto(`${this.baseUrl}/sign-in`);
    await this.page.getByLabel('Email address').fill(email);
    if (options.officer) await this.page.getByLabel('I am a compliance officer').check();
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.waitForLoadState();
  }
}
