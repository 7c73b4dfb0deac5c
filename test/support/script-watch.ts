import type { Browser, Page } from 'playwright-core';

/**
 * For the XSS tests: a page on which a payload that runs calls __xss(where), and any dialog it
 * opens is recorded too; `ran` lists both.
 */
export async function watchedPage(browser: Browser): Promise<{ page: Page; ran: string[] }> {
  const ran: string[] = [];
  const page = await browser.newPage();
  await page.exposeFunction('__xss', (where: string) => ran.push(where));
  page.on('dialog', (dialog) => {
    ran.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { page, ran };
}

/** A JSON call to the register at `base()` (read when called: the register starts in beforeAll). */
export function jsonApi(base: () => string) {
  return async (
    method: string,
    path: string,
    token: string | undefined,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${base()}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        'content-type': 'application/json',
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
}
