import { readFileSync } from 'node:fs';
import { rateLimitsAllowing } from '../functions/domain/rate-limits.ts';
import { startLocalRegister } from '../functions/local/server.ts';
import { dynamoDbLocalCpu } from './dynamodb-local-cpu.ts';
import { submitOne } from './load.ts';

/**
 * The stream worker's DynamoDB calls and write units per submitted statement, on DynamoDB Local:
 * N organisations added, enrolled and their statements submitted with the worker stopped, then
 * the worker drains the stream (the offline check of each statement, its search index, open-data
 * row and compliance items), counted call by call with ReturnConsumedCapacity: TOTAL.
 *   BENCH_STREAM_SUBMISSIONS=20 npx tsx bench/stream-writes.ts
 * The statement is the load bench's five sentences (under the 500 words the near-copy check
 * compares); BENCH_STREAM_TEXT=long submits a 730-word statement instead (the checker's test
 * statement, the same for every organisation: every one a near-copy of the others), so the
 * near-copy lookup and its band items are counted too. The API's rate is the same submissions
 * (organisation added, enrolled, statement submitted; one client) with the worker stopped.
 * Also `benchStreamWrites()` for bench/run.ts.
 */

const LONG_TEXT = () =>
  readFileSync(new URL('../test/checker/statements/harbour-foods.txt', import.meta.url), 'utf8');

interface Tally {
  calls: Map<string, number>;
  writeUnits: number;
  readUnits: number;
  itemsWritten: number;
  /** Wall milliseconds with at least one DynamoDB call in flight (the SDK's own work included). */
  dynamoMs: number;
}

const WRITES = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
]);

function units(consumed: unknown): number {
  const list = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  return list.reduce((sum: number, entry: { CapacityUnits?: number }) => sum + (entry.CapacityUnits ?? 0), 0);
}

function itemsOf(command: string, input: Record<string, unknown>): number {
  if (command === 'TransactWriteItemsCommand')
    return (input.TransactItems as unknown[] | undefined)?.length ?? 0;
  if (command === 'BatchWriteItemCommand')
    return Object.values((input.RequestItems ?? {}) as Record<string, unknown[]>).reduce(
      (sum, list) => sum + list.length,
      0,
    );
  return WRITES.has(command) ? 1 : 0;
}

export async function measureStreamWrites(submissions: number, text?: string) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const register = await startLocalRegister({
    port: 0,
    quiet: true,
    pollStream: false,
    dailyJobs: false,
    limits: rateLimitsAllowing(1_000_000),
  });
  try {
    const tally: Tally = { calls: new Map(), writeUnits: 0, readUnits: 0, itemsWritten: 0, dynamoMs: 0 };
    let counting = false;
    let inFlight = 0;
    let busySince = 0;
    register.store.client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = String(context.commandName);
        const input = args.input as Record<string, unknown>;
        if (counting && command !== 'DescribeTableCommand') input.ReturnConsumedCapacity = 'TOTAL';
        if (inFlight++ === 0) busySince = performance.now();
        let result: Awaited<ReturnType<typeof next>>;
        try {
          result = await next(args);
        } finally {
          if (--inFlight === 0 && counting) tally.dynamoMs += performance.now() - busySince;
        }
        if (counting) {
          tally.calls.set(command, (tally.calls.get(command) ?? 0) + 1);
          const consumed = units((result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity);
          if (WRITES.has(command)) tally.writeUnits += consumed;
          else tally.readUnits += consumed;
          tally.itemsWritten += itemsOf(command, input);
          if (process.env.BENCH_STREAM_DEBUG) {
            const pks =
              JSON.stringify(input).match(/"pk":"[A-Z]+#?[A-Z0-9]{0,3}|"pk":\{"S":"[A-Z]+#?[A-Z0-9]{0,3}/g) ??
              [];
            const q =
              command === 'QueryCommand'
                ? JSON.stringify(input.ExpressionAttributeValues ?? {}).slice(0, 40)
                : command === 'GetItemCommand'
                  ? ` ${JSON.stringify(input.Key).replace(/"pk":"[^"]*",/, '')}`
                  : '';
            process.stderr.write(
              `${command} ${consumed} ${pks.map((p) => p.replace(/.*"/, '')).join(',')}${q}\n`,
            );
          }
        }
        return result;
      },
      { step: 'initialize', name: 'benchStreamWrites' },
    );
    const officer = await register.devIssuer.sign({ email: 'officer@register.example', officer: true });
    // One submission drained first, so the JIT and the checker's model are warm.
    await submitOne(register, officer, 0, { duplicates: 0 }, text);
    await register.poller.drain(200);
    const submitting = performance.now();
    for (let n = 1; n <= submissions; n++) await submitOne(register, officer, n, { duplicates: 0 }, text);
    const apiSeconds = (performance.now() - submitting) / 1000;
    const endpoint = await register.store.client.config.endpoint?.();
    const javaCpu = dynamoDbLocalCpu(Number(endpoint?.port));
    const java = javaCpu();
    const node = process.cpuUsage();
    counting = true;
    const started = performance.now();
    await register.poller.drain(500);
    const seconds = (performance.now() - started) / 1000;
    counting = false;
    const nodeCpu = process.cpuUsage(node);
    const javaAfter = javaCpu();
    const calls = [...tally.calls.values()].reduce((a, b) => a + b, 0);
    return {
      submissions,
      seconds,
      perSecond: submissions / seconds,
      apiPerSecond: submissions / apiSeconds,
      calls: calls / submissions,
      writeUnits: tally.writeUnits / submissions,
      readUnits: tally.readUnits / submissions,
      itemsWritten: tally.itemsWritten / submissions,
      /** Per submission, milliseconds: wall, with a DynamoDB call in flight, this process's CPU, DynamoDB Local's CPU. */
      profile: {
        wallMs: (seconds * 1000) / submissions,
        dynamoWallMs: tally.dynamoMs / submissions,
        nodeCpuMs: (nodeCpu.user + nodeCpu.system) / 1000 / submissions,
        javaCpuMs:
          java === undefined || javaAfter === undefined
            ? undefined
            : ((javaAfter - java) * 1000) / submissions,
      },
      byCommand: Object.fromEntries(
        [...tally.calls]
          .sort((a, b) => b[1] - a[1])
          .map(([name, n]) => [name, +(n / submissions).toFixed(2)]),
      ),
    };
  } finally {
    await register.stop();
  }
}

export async function benchStreamWrites(): Promise<string> {
  const n = Number(process.env.BENCH_STREAM_SUBMISSIONS ?? 20);
  const long = process.env.BENCH_STREAM_TEXT === 'long';
  const f = await measureStreamWrites(n, long ? LONG_TEXT() : undefined);
  return [
    `Statement: ${long ? '730 words, the same for every organisation (BENCH_STREAM_TEXT=long)' : 'five sentences'}.`,
    '',
    '| submissions | worker s | worker submissions/s | API submissions/s | calls / submission | write units / submission | items written / submission | read units / submission |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${f.submissions} | ${f.seconds.toFixed(1)} | ${f.perSecond.toFixed(2)} | ${f.apiPerSecond.toFixed(2)} | ${f.calls.toFixed(1)} | ${f.writeUnits.toFixed(1)} | ${f.itemsWritten.toFixed(1)} | ${f.readUnits.toFixed(1)} |`,
    '',
    `Per submission: ${f.profile.wallMs.toFixed(0)} ms of wall time, ${f.profile.dynamoWallMs.toFixed(0)} ms of it with a DynamoDB call in flight; CPU ${f.profile.nodeCpuMs.toFixed(0)} ms in this process (checker, index, SDK), ${f.profile.javaCpuMs === undefined ? 'unknown' : f.profile.javaCpuMs.toFixed(0)} ms in DynamoDB Local.`,
    '',
    `Calls by command, per submission: ${Object.entries(f.byCommand)
      .map(([name, n]) => `${name.replace(/Command$/, '')} ${n}`)
      .join(', ')}.`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchStreamWrites());
