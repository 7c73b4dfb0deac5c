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
 * static file; the server prints when it accepted each probe's connection and answered it.
 *   npx tsx bench/load-probe.ts --connections 150 --duration 12 --max-in-flight 0   # no admission limit
 *   npx tsx bench/load-probe.ts --connections 150 --duration 12                      # the default limit (8)
 */
const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '150' },
    duration: { type: 'string', default: '12' },
    'max-in-flight': { type: 'string', default: '8' },
    path: { type: 'string', default: '/statements?q=harvest' },
  },
});
const probeLine = z.object({ probe: z.string(), accepted: z.number(), answered: z.number() });

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
        MAX_IN_FLIGHT: values['max-in-flight'],
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const probes: z.infer<typeof probeLine>[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    child?.once('exit', (code) => reject(new Error(`server exited (${code})`)));
    child?.stdout?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        const ready = /^ready (\S+)/.exec(line);
        if (ready?.[1]) resolve(ready[1]);
        else if (line.startsWith('{')) probes.push(probeLine.parse(JSON.parse(line)));
      }
    });
  });
  const register = { url, devIssuer };
  const officer = await devIssuer.sign({ email: 'officer@register.example', officer: true });
  for (let n = 0; n < 20; n++) await submitOne(register, officer, n, { duplicates: 0 });

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
            '-A',
            `load-probe-${Date.now()}`,
            `${url}/assets/register.css`,
          ],
          () => resolve(),
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
    `${values.path} × ${values.connections} connections for ${values.duration} s, admission limit ${values['max-in-flight'] === '0' ? 'off' : values['max-in-flight']}: ` +
      `${result.requests.total} answers, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.errors + result.timeouts} errors, ${result.non2xx} non-2xx`,
  );
  const ms = (list: number[]) => list.map((n) => `${(n / 1000).toFixed(1)} s`).join(', ');
  console.log(
    `new connections (static file, one every 2 s): accepted after ${ms(probes.map((p) => p.accepted))}`,
  );
  console.log(`  answered after ${ms(probes.map((p) => p.answered))}`);
} finally {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await dynamo.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
