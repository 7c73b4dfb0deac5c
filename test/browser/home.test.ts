import { describe, expect, it } from 'vitest';
import { axeViolations, useBrowserRegister } from '../support/browser.ts';

describe('home page in Chromium', () => {
  const ctx = useBrowserRegister();

  it('shows the search form and passes axe WCAG 2.2 AA checks', async () => {
    const page = await ctx.browser.newPage();
    const response = await page.goto(`${ctx.url}/`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'Modern slavery statement register',
    );
    expect(await page.getByLabel('Organisation name or company number').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('runs no inline script without the page nonce (CSP)', async () => {
    const page = await ctx.browser.newPage();
    const response = await page.goto(`${ctx.url}/`);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    const executed = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
      // biome-ignore lint/suspicious/noExplicitAny: reading a flag the injected script would set.
      return (window as any).__injected === true;
    });
    expect(executed).toBe(false);
    await page.close();
  });
});
