import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * `npx tsx bench/cli-start.ts [runs]`: how long `register --help` takes to start, against a bare
 * `node -e 0` on the same machine at the same moment (the bar: under 200 ms). Runs the two
 * in turn, `runs` times each (default 21), after one warm-up of each so the compiled CLI
 * (dist/cli/) is built and the file cache is warm; prints the median and p90 of each in ms, and
 * the load average, since on a shared machine both move together.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

async function timed(args: string[]): Promise<number> {
  const start = performance.now();
  await run(process.execPath, args, { cwd: root });
  return performance.now() - start;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

export async function benchCliStart(runs = 21): Promise<string> {
  const help = [path.join(root, 'bin/register.mjs'), '--help'];
  const bare = ['-e', '0'];
  await timed(help);
  await timed(bare);
  const times = { help: [] as number[], bare: [] as number[] };
  const before = loadavg();
  for (let i = 0; i < runs; i += 1) {
    times.help.push(await timed(help));
    times.bare.push(await timed(bare));
  }
  const after = loadavg();
  const row = (name: string, values: number[]) =>
    `| ${name} | ${percentile(values, 50).toFixed(0)} | ${percentile(values, 90).toFixed(0)} |`;
  const load = (l: number[]) => l.map((n) => n.toFixed(2)).join(' ');
  return [
    `${runs} runs each, in turn; load average ${load(before)} before, ${load(after)} after.`,
    '',
    '| command | median ms | p90 ms |',
    '|---|---:|---:|',
    row('`node bin/register.mjs --help`', times.help),
    row('`node -e 0`', times.bare),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  console.log(await benchCliStart(Number(process.argv[2] ?? 21)));
}
