import { execFile } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as z from 'zod';
import { bundleLikeTheStack, lambdaLikeEnv } from '../../bench/bundle.ts';
import type { HandlerName } from '../../infra/bundling.ts';
import { dynamoEndpoint } from '../support/dynamo.ts';

/**
 * Each function's bundle as the stack builds it (esbuild, ESM, minified: the X-Ray SDK and its
 * async-context library inside it), run in a fresh `node` with the environment Lambda gives a
 * traced function (the check function's bundle is the api's handler with other routes). With LAMBDA_TASK_ROOT set the X-Ray SDK sends each closed subsegment to the
 * daemon at once; here the "daemon" is a UDP socket of this test, so what it receives is what
 * X-Ray would. The table does not exist: DynamoDB calls fail, quickly, against DynamoDB Local.
 */
let scratch: string;
let daemon: Socket;
const received: string[] = [];

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'register-bundle-traces-'));
  daemon = createSocket('udp4');
  daemon.on('message', (message) => received.push(message.toString('utf8')));
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
}, 30_000);

afterAll(() => {
  daemon?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** What these tests read of a subsegment document (the X-Ray segment document format). */
const subsegmentSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  parent_id: z.string().optional(),
  trace_id: z.string(),
  annotations: z.record(z.string(), z.unknown()).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  namespace: z.string().optional(),
  aws: z.looseObject({ operation: z.string().optional(), table_name: z.string().optional() }).optional(),
  fault: z.boolean().optional(),
  error: z.boolean().optional(),
});

/** Each UDP message is a header line (`{"format":"json","version":1}`) and the document. */
const documentOf = (message: string) => subsegmentSchema.parse(JSON.parse(message.split('\n')[1] ?? 'null'));

const traceRoot = '1-692ad400-0123456789abcdef01234567';

/** Bundles `handler` as the stack does and runs it on `events` in a fresh, traced `node`. */
async function runTraced(handler: HandlerName, events: unknown[], env: Record<string, string> = {}) {
  const bundle = await bundleLikeTheStack(handler, path.join(scratch, handler));
  const runner = path.join(scratch, `invoke-${handler}.mjs`);
  writeFileSync(runner, invokeScript);
  const { port } = daemon.address();
  received.length = 0;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [runner, bundle.file, JSON.stringify(events)],
    {
      cwd: scratch,
      timeout: 60_000,
      env: {
        ...lambdaLikeEnv(bundle.dir),
        TABLE_NAME: missingTable,
        DYNAMODB_ENDPOINT: dynamoEndpoint(),
        // What Lambda sets for a traced function (infra/register-function.ts sets the last two).
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
        AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
        AWS_LAMBDA_FUNCTION_NAME: `register-${handler}`,
        POWERTOOLS_SERVICE_NAME: `register-${handler}`,
        LAMBDA_TASK_ROOT: bundle.dir,
        _HANDLER: 'index.handler',
        _X_AMZN_TRACE_ID: `Root=${traceRoot};Parent=0123456789abcdef;Sampled=1`,
        AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${port}`,
        POWERTOOLS_TRACE_ENABLED: 'true',
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
        ...env,
      },
    },
  );
  // The child has exited once its sends completed; give the datagrams a moment to arrive.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const documents = received.map(documentOf);
  const invocations = documents.filter((document) => document.name === '## index.handler');
  const calls = documents.filter((document) => document.namespace === 'aws');
  const outcomes = outcomesSchema.parse(JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null'));
  return { invocations, calls, outcomes };
}

const outcomesSchema = z.array(
  z.object({ statusCode: z.number().optional(), error: z.string().optional(), answered: z.boolean() }),
);
const missingTable = `missing-${Date.now()}`;

/** An API Gateway HTTP API (payload 2.0) GET. */
const apiEvent = (rawPath: string) => ({
  version: '2.0',
  routeKey: '$default',
  rawPath,
  rawQueryString: '',
  isBase64Encoded: false,
  headers: { host: 'abc123.execute-api.us-east-1.amazonaws.com', accept: 'application/json' },
  requestContext: {
    accountId: '123456789012',
    apiId: 'abc123',
    domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
    domainPrefix: 'abc123',
    requestId: `req-${rawPath}`,
    routeKey: '$default',
    stage: '$default',
    time: '29/Nov/2026:12:00:00 +0000',
    timeEpoch: 1_795_953_600_000,
    http: {
      method: 'GET',
      path: rawPath,
      protocol: 'HTTP/1.1',
      sourceIp: '192.0.2.1',
      userAgent: 'bundle-test',
    },
  },
});

describe('the bundles, traced', () => {
  test('api: one subsegment per invocation, cold start first, the DynamoDB call under it, no response', async () => {
    const { invocations, calls, outcomes } = await runTraced('api', [
      apiEvent('/'),
      apiEvent('/api/v1/statements/01JZZZZZZZZZZZZZZZZZZZZZZZ'),
    ]);
    expect(outcomes.map((outcome) => outcome.statusCode)).toEqual([200, 500]);
    expect(invocations.map((document) => document.annotations)).toEqual([
      { ColdStart: true, Service: 'register-api' },
      { ColdStart: false, Service: 'register-api' },
    ]);
    for (const invocation of invocations) {
      expect(invocation.trace_id).toBe(traceRoot);
      expect(invocation.metadata).toBeUndefined();
    }
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      name: 'DynamoDB',
      parent_id: invocations[1]?.id,
      aws: { operation: 'GetItem', table_name: missingTable },
    });
    expect(calls[0]?.error || calls[0]?.fault).toBe(true);
  }, 90_000);

  test('stream: one subsegment per batch, without its response', async () => {
    const { invocations, calls, outcomes } = await runTraced('stream', [{ Records: [] }, { Records: [] }]);
    expect(outcomes.every((outcome) => outcome.answered)).toBe(true);
    expect(invocations.map((document) => document.annotations)).toEqual([
      { ColdStart: true, Service: 'register-stream' },
      { ColdStart: false, Service: 'register-stream' },
    ]);
    expect(invocations.map((document) => document.metadata)).toEqual([undefined, undefined]);
    expect(calls).toEqual([]);
  }, 90_000);

  test('schedule: the daily run’s DynamoDB calls under its subsegment', async () => {
    const { invocations, calls } = await runTraced('schedule', [
      { id: 'event-1', 'detail-type': 'Scheduled Event' },
    ]);
    expect(invocations).toHaveLength(1);
    expect(invocations[0]?.annotations).toEqual({ ColdStart: true, Service: 'register-schedule' });
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call).toMatchObject({ name: 'DynamoDB', parent_id: invocations[0]?.id });
  }, 90_000);

  test('rotation: a failed step is recorded as an error on its subsegment', async () => {
    const { invocations, outcomes } = await runTraced('rotation', [{ Step: 'not-a-step' }], {
      ORIGIN_DISTRIBUTION_ID: 'E123TRACED',
      ORIGIN_ID: 'api',
      GATED_FUNCTION_NAMES: 'register-api,register-check',
    });
    expect(outcomes[0]?.error).toBeDefined();
    expect(invocations).toHaveLength(1);
    expect(invocations[0]?.annotations).toEqual({ ColdStart: true, Service: 'register-rotation' });
    expect(invocations[0]?.fault || invocations[0]?.error).toBe(true);
  }, 90_000);
});

/** Calls the bundled handler once per event (argv[3], JSON), then prints what each call gave. */
const invokeScript = `
const { handler } = await import(process.argv[2]);
const context = {
  awsRequestId: 'req', functionName: 'register', functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:register', memoryLimitInMB: '1536',
  logGroupName: '/aws/lambda/register', logStreamName: 'bundle-test', callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 29000,
};
const outcomes = [];
for (const event of JSON.parse(process.argv[3])) {
  try {
    const response = await handler(event, context);
    outcomes.push({ answered: true, statusCode: response?.statusCode });
  } catch (error) {
    outcomes.push({ answered: false, error: String(error?.name ?? error) });
  }
}
process.stdout.write('\\n' + JSON.stringify(outcomes) + '\\n');
`;
