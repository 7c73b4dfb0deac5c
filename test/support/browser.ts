import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { rateLimitsAllowing } from '../../functions/domain/rate-limits.ts';
import {
  type LocalRegister,
  type LocalRegisterOptions,
  startLocalRegister,
} from '../../functions/local/server.ts';
import { dynamoEndpoint } from './dynamo.ts';

/** Debian's Chromium, as the machine has it; tests never download a browser. Playwright gives it a fresh profile. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
    },
  };
}

/**
 * The whole register on a free port (its own table on the run's DynamoDB Local) and a Chromium,
 * for this file's tests. The stream is drained by hand (register.poller.drain()) so tests are
 * deterministic.
 */
export function useBrowserRegister(
  options: {
    clock?: () => Date;
    register?: Partial<LocalRegisterOptions>;
    ready?: (register: LocalRegister) => Promise<void>;
  } = {},
) {
  const holder = {} as { register: LocalRegister; browser: Browser; url: string };
  let closeBrowser: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    holder.register = await startLocalRegister({
      // One address makes every request here: limits for people would stop the run.
      limits: rateLimitsAllowing(1_000_000),
      port: 0,
      dynamoEndpoint: dynamoEndpoint(),
      tableName: `browser-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      pollStream: false,
      quiet: true,
      ...(options.clock ? { clock: options.clock } : {}),
      ...options.register,
    });
    holder.url = holder.register.url;
    await options.ready?.(holder.register);
    const launched = await launchChromium();
    holder.browser = launched.browser;
    closeBrowser = launched.close;
  });
  afterAll(async () => {
    await closeBrowser?.();
    await holder.register?.stop();
  });
  return holder;
}

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core's WCAG 2.x A/AA rules (2.2 included) in the page and answers the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through DevTools, so the page's CSP (which blocks injected scripts) does not apply.
  await page.evaluate(await axeSource);
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page at run time.
    const axe = (window as any).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v: AxeViolation) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}
