import type { LaunchOptions } from 'playwright-core';

/** Debian's Chromium, as the machine has it; tests never download a browser. Playwright gives it a fresh profile. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** How the tests (and bench/chromium-launch.ts) launch it. */
export const chromiumLaunchOptions: LaunchOptions = {
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
};
