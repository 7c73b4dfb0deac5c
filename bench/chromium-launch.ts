import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../test/support/chromium.ts';

/**
 * `npx tsx bench/chromium-launch.ts [rounds]`: what a browser test file paid for its own Chromium
 * (launch, first page, close) against what it pays for a fresh context on the worker's running
 * one (test/support/browser.ts, sharedChromium). Medians in ms; the machine's load changes both.
 */
const rounds = Number(process.argv[2] ?? 7);
const page = '<!doctype html><title>t</title><h1>t</h1>';
const own: number[] = [];
const shared: number[] = [];
for (let round = 0; round < rounds; round += 1) {
  const start = performance.now();
  const browser = await chromium.launch(chromiumLaunchOptions);
  const first = await browser.newPage();
  await first.setContent(page);
  const launched = performance.now();
  await first.context().close();
  const reusedStart = performance.now();
  const next = await browser.newPage();
  await next.setContent(page);
  await next.context().close();
  const reusedEnd = performance.now();
  await browser.close();
  const closed = performance.now();
  own.push(launched - start + (closed - reusedEnd));
  shared.push(reusedEnd - reusedStart);
}
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
console.log(
  `own Chromium per file: ${median(own).toFixed(0)} ms; a context on the shared one: ${median(shared).toFixed(0)} ms (median of ${rounds})`,
);
