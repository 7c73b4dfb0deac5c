// Times the README's first screen on a fresh clone: `git clone`, `npm ci`, `npm start` until it
// says it is running, then (after Ctrl+C) `npm run demo` until the demo is loaded and running, and
// the README's sign-in steps as the demo business and the demo officer, in Chromium, until each
// signed-in page answers. Every step's seconds go to stdout as JSON.
//   npx tsx bench/first-hour.ts [--source .] [--clone /tmp/fh-clone] [--port 3105]
//     [--data /tmp/fh-data] [--npm-cache <dir>] [--prefer-online]
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values } = parseArgs({
  options: {
    source: { type: 'string', default: '.' },
    clone: { type: 'string', default: '/tmp/fh-clone' },
    port: { type: 'string', default: '3105' },
    data: { type: 'string', default: '/tmp/fh-data' },
    'npm-cache': { type: 'string' },
    'prefer-online': { type: 'boolean', default: false },
  },
});
const clone = values.clone;
const port = values.port;
const base = `http://localhost:${port}`;
const env = { ...process.env, PORT: port, REGISTER_DATA_DIR: values.data };
const seconds: Record<string, number> = {};

async function timed<T>(name: string, step: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await step();
  seconds[name] = Math.round(performance.now() - start) / 1000;
  return result;
}

function run(command: string, args: string[], cwd?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')}: exit ${code}`)),
    );
  });
}

/** Starts an npm script and resolves once its output says the register is running. */
function startUntilRunning(script: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', script], {
      cwd: clone,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('The register is running at')) resolve(child);
    });
    child.on('exit', (code) =>
      reject(new Error(`npm run ${script} exited ${code} before it was running:\n${output}`)),
    );
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    // Ctrl+C reaches the whole process group (npm, tsx and the register).
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGINT');
  });
}

rmSync(clone, { recursive: true, force: true });
rmSync(values.data, { recursive: true, force: true });
const ciArgs = ['ci', '--no-audit', '--no-fund'];
if (values['npm-cache']) ciArgs.push('--cache', values['npm-cache']);
if (values['prefer-online']) ciArgs.push('--prefer-online');

const total = performance.now();
await timed('clone', () => run('git', ['clone', '--quiet', values.source, clone]));
await timed('install', () => run('npm', ciArgs, clone));
const plain = await timed('start', () => startUntilRunning('start'));
await stop(plain);
const demo = await timed('demo', () => startUntilRunning('demo'));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const landed: Record<string, string> = {};
try {
  for (const [who, email, officer] of [
    ['business', 'compliance@pennine-haulage.example', false],
    ['officer', 'officer@register.example', true],
  ] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await timed(`sign-in ${who}`, async () => {
      await page.goto(`${base}/sign-in`);
      await page.getByLabel('Email address').fill(email);
      if (officer) await page.getByLabel('I am a compliance officer').check();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForLoadState();
    });
    landed[who] = `${new URL(page.url()).pathname}: ${await page.locator('h1').first().textContent()}`;
    await context.close();
  }
} finally {
  await browser.close();
  await stop(demo);
}
seconds.total = Math.round(performance.now() - total) / 1000;
console.log(JSON.stringify({ seconds, landed, npm: ciArgs.join(' ') }, null, 2));
