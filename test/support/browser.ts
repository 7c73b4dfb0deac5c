import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { rateLimitsAllowing } from '../../functions/domain/rate-limits.ts';
import {
  type LocalRegister,
  type LocalRegisterOptions,
  startLocalRegister,
} from '../../functions/local/server.ts';
import { chromiumLaunchOptions } from './chromium.ts';
import { dynamoEndpoint } from './dynamo.ts';

let shared: Promise<Browser> | undefined;
let launches = 0;

/**
 * One Chromium for this worker process (vitest runs its files one after another in it, `isolate:
 * false`), launched by the first file that asks and reused by the next, instead of a launch and a
 * first renderer per file. Files never share state through it: every page and context a file
 * opens is its own BrowserContext (its own cookies and storage), and useBrowserRegister closes
 * whatever a file left open. Playwright closes the browser when the worker exits; one that died
 * is launched again.
 */
export function sharedChromium(): Promise<Browser> {
  if (!shared) {
    launches += 1;
    const launching = chromium.launch(chromiumLaunchOptions);
    shared = launching;
    launching.then(
      (browser) =>
        browser.on('disconnected', () => {
          if (shared === launching) shared = undefined;
        }),
      () => {
        if (shared === launching) shared = undefined;
      },
    );
  }
  return shared;
}

/** How many times this worker has launched its shared Chromium (for the harness's own test). */
export const sharedChromiumLaunches = () => launches;

/**
 * The whole register on a free port (its own table on the run's DynamoDB Local) and the worker's
 * Chromium (sharedChromium), for this file's tests. The stream is drained by hand (register.poller.drain()) so tests are
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
    holder.browser = await sharedChromium();
  });
  afterAll(async () => {
    // Files in a worker run one at a time, so every context open now is this file's.
    await Promise.all(holder.browser?.contexts().map((context) => context.close()) ?? []);
    await holder.register?.stop();
  });
  return holder;
}

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const axePreloaded = new WeakSet<BrowserContext>();

async function preloadAxe(context: BrowserContext) {
  if (axePreloaded.has(context)) return;
  axePreloaded.add(context);
  await context.addInitScript(await axeSource);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core's WCAG 2.x A/AA rules (2.2 included) in the page and answers the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through DevTools, so the page's CSP (which blocks injected scripts) does not apply;
  // once per document (a navigation starts a fresh window), not again for a second run on it.
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.evaluate(await axeSource);
    // And from now on as an init script of the page's context, so each document it opens later
    // starts with axe loaded: handing the 0.5 MB source over again for each page cost ~200 ms
    // more per page than an init script does here. Only contexts that run axe carry it.
    await preloadAxe(page.context());
  }
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page at run time.
    const axe = (window as any).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      // Only the violations are read: axe's own option to skip collecting the passing nodes.
      resultTypes: ['violations'],
    });
    return result.violations.map((v: AxeViolation) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}
