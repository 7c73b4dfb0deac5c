import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import * as z from 'zod';
import { createDevIssuer } from '../functions/local/dev-issuer.ts';
import { startDynamoDbLocal } from '../functions/local/dynamodb-local.ts';
import { submitOne } from './load.ts';

/**
 * How long a NEW connection waits under load: the local server in its own process
 * (bench/load-probe-server.ts), autocannon on one path, and every 2 s a new curl connection for a
 * static file; curl reports when its connection was made and when the answer's first byte came.
 *   npx tsx bench/load-probe.ts --connections 150 --duration 12                      # as npm start runs (the front)
 *   npx tsx bench/load-probe.ts --connections 150 --duration 12 --app-connections 0  # clients reach the app directly
 */
const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '150' },
    duration: { type: 'string', default: '12' },
    'app-connections': { type: 'string' },
    path: { type: 'string', default: '/statements?q=harvest' },
  },
});
// curl -w: seconds from the start to the connection made, and to the first byte of the answer.
const curlTimes = z
  .string()
  .transform((line) => line.trim().split(' ').map(Number))
  .pipe(z.tuple([z.number(), z.number()]));

const dynamo = await startDynamoDbLocal({});
const dataDir = mkdtempSync(path.join(tmpdir(), 'load-probe-'));
const devIssuer = await createDevIssuer({ dir: dataDir });
let child: ChildProcess | undefined;
try {
  child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'load-probe-server.ts')],
    {
      env: {
        ...process.env,
        REGISTER_DATA_DIR: dataDir,
        DYNAMODB_ENDPOINT: dynamo.endpoint,
        TABLE_NAME: 'probe',
        ...(values['app-connections'] === undefined ? {} : { APP_CONNECTIONS: values['app-connections'] }),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child?.once('exit', (code) => reject(new Error(`server exited (${code})`)));
    child?.stdout?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        const ready = /^ready (\S+)/.exec(line);
        if (ready?.[1]) resolve(ready[1]);
      }
    });
  });
  const register = { url, devIssuer };
  const officer = await devIssuer.sign({ email: 'officer@register.example', officer: true });
  for (let n = 0; n < 20; n++) await submitOne(register, officer, n, { duplicates: 0 });

  const probes: [connected: number, firstByte: number][] = [];
  const curls: Promise<void>[] = [];
  const timer = setInterval(() => {
    curls.push(
      new Promise((resolve) => {
        execFile(
          'curl',
          [
            '-s',
            '-o',
            '/dev/null',
            '-m',
            '60',
            '-w',
            '%{time_connect} %{time_starttransfer}',
            `${url}/assets/register.css`,
          ],
          (_error, stdout) => {
            probes.push(curlTimes.parse(stdout));
            resolve();
          },
        );
      }),
    );
  }, 2000);
  const result = await autocannon({
    url,
    connections: Number(values.connections),
    duration: Number(values.duration),
    timeout: 30,
    requests: [{ method: 'GET', path: values.path }],
  });
  clearInterval(timer);
  await Promise.all(curls);
  await new Promise((resolve) => setTimeout(resolve, 200));
  console.log(
    `${values.path} × ${values.connections} connections for ${values.duration} s, ${values['app-connections'] === '0' ? 'no front' : 'with the front'}: ` +
      `${result.requests.total} answers, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.errors + result.timeouts} errors, ${result.non2xx} non-2xx`,
  );
  const seconds = (list: number[]) => list.map((n) => `${n.toFixed(1)} s`).join(', ');
  console.log(`new connections (static file, one every 2 s): made after ${seconds(probes.map((p) => p[0]))}`);
  console.log(`  first byte of the answer after ${seconds(probes.map((p) => p[1]))}`);
} finally {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await dynamo.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
