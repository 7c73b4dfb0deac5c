import { describe, expect, it } from 'vitest';
import {
  axeViolations,
  sharedChromium,
  sharedChromiumLaunches,
  useBrowserRegister,
} from '../support/browser.ts';
import { SignInPage } from './pages/sign-in-page.ts';

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

  it('still finds violations on a later page of a context, where axe is loaded ahead as an init script', async () => {
    const context = await ctx.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${ctx.url}/`);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${ctx.url}/check`);
    // biome-ignore lint/suspicious/noExplicitAny: reading the axe the init script loaded.
    expect(await page.evaluate(() => typeof (window as any).axe?.run)).toBe('function');
    await page.evaluate(() => {
      document.body.append(document.createElement('img'), document.createElement('button'));
    });
    expect((await axeViolations(page)).map((v) => v.id)).toEqual(
      expect.arrayContaining(['image-alt', 'button-name']),
    );
    await context.close();
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

  it('shares one Chromium per worker yet gives every context its own cookies: a second context is not signed in', async () => {
    // Every browser file this worker ran before this one used the same launch.
    expect(await sharedChromium()).toBe(ctx.browser);
    expect(sharedChromiumLaunches()).toBe(1);
    const first = await ctx.browser.newContext();
    const signedIn = await first.newPage();
    await new SignInPage(signedIn, ctx.url).signIn('kim@cookies.example');
    expect((await first.cookies()).map((cookie) => cookie.name)).toContain('register_session');
    await signedIn.evaluate(() => localStorage.setItem('seen', 'yes'));

    const second = await ctx.browser.newContext();
    expect(await second.cookies()).toEqual([]);
    const stranger = await second.newPage();
    await stranger.goto(`${ctx.url}/account`);
    expect(new URL(stranger.url()).pathname).toBe('/sign-in');
    expect(await stranger.evaluate(() => localStorage.getItem('seen'))).toBeNull();
    await second.close();

    // The first context is still signed in: closing another context touches nothing of it.
    await signedIn.goto(`${ctx.url}/account`);
    expect(new URL(signedIn.url()).pathname).toBe('/account');
    await first.close();
  });
});
