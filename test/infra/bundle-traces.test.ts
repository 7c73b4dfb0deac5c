import { execFile } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import * as z from 'zod';
import { bundleLikeTheStack, lambdaLikeEnv } from '../../bench/bundle.ts';

/**
 * The api bundle as the stack builds it (esbuild, ESM, minified: the X-Ray SDK and its
 * async-context library inside it), run in a fresh `node` with the environment Lambda gives a
 * traced function. With LAMBDA_TASK_ROOT set the X-Ray SDK sends each closed subsegment to the
 * daemon at once; here the "daemon" is a UDP socket of this test, so what it receives is what
 * X-Ray would. The table does not exist: the DynamoDB call fails, quickly, against DynamoDB Local.
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

describe('the api bundle, traced', () => {
  test('sends X-Ray one subsegment per invocation, cold start first, with the DynamoDB call under it and no response', async () => {
    const bundle = await bundleLikeTheStack('api', path.join(scratch, 'api'));
    const runner = path.join(scratch, 'invoke.mjs');
    writeFileSync(runner, invokeScript);
    const { port } = daemon.address();
    const missingTable = `missing-${Date.now()}`;
    await promisify(execFile)(process.execPath, [runner, bundle.file], {
      cwd: scratch,
      timeout: 60_000,
      env: {
        ...lambdaLikeEnv(bundle.dir),
        TABLE_NAME: missingTable,
        DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
        // What Lambda sets for a traced function (infra/register-function.ts sets the last two).
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
        AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
        AWS_LAMBDA_FUNCTION_NAME: 'register-api',
        LAMBDA_TASK_ROOT: bundle.dir,
        _HANDLER: 'index.handler',
        _X_AMZN_TRACE_ID: `Root=${traceRoot};Parent=0123456789abcdef;Sampled=1`,
        AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${port}`,
        POWERTOOLS_TRACE_ENABLED: 'true',
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
      },
    });
    // The child has exited once its sends completed; give the datagrams a moment to arrive.
    await new Promise((resolve) => setTimeout(resolve, 200));

    const documents = received.map(documentOf);
    const invocations = documents.filter((document) => document.name === '## index.handler');
    expect(invocations.map((document) => document.annotations)).toEqual([
      { ColdStart: true, Service: 'register-api' },
      { ColdStart: false, Service: 'register-api' },
    ]);
    for (const invocation of invocations) {
      expect(invocation.trace_id).toBe(traceRoot);
      expect(invocation.metadata).toBeUndefined();
    }
    const calls = documents.filter((document) => document.namespace === 'aws');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      name: 'DynamoDB',
      parent_id: invocations[1]?.id,
      aws: { operation: 'GetItem', table_name: missingTable },
    });
    expect(calls[0]?.error || calls[0]?.fault).toBe(true);
  }, 90_000);
});

/** The home page (no AWS call), then a statement (a DynamoDB read), as API Gateway would ask. */
const invokeScript = `
const { handler } = await import(process.argv[2]);
const event = (rawPath) => ({
  version: '2.0', routeKey: '$default', rawPath, rawQueryString: '', isBase64Encoded: false,
  headers: { host: 'abc123.execute-api.us-east-1.amazonaws.com', accept: 'application/json' },
  requestContext: {
    accountId: '123456789012', apiId: 'abc123', domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
    domainPrefix: 'abc123', requestId: 'req-' + rawPath, routeKey: '$default', stage: '$default',
    time: '29/Nov/2026:12:00:00 +0000', timeEpoch: 1795953600000,
    http: { method: 'GET', path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'bundle-test' },
  },
});
const context = {
  awsRequestId: 'req', functionName: 'register-api', functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:register-api', memoryLimitInMB: '1536',
  logGroupName: '/aws/lambda/register-api', logStreamName: 'bundle-test', callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 29000,
};
for (const path of ['/', '/api/v1/statements/01JZZZZZZZZZZZZZZZZZZZZZZZ']) {
  const response = await handler(event(path), context);
  if (response.statusCode !== (path === '/' ? 200 : 500)) throw new Error(path + ' answered ' + response.statusCode);
}
`;
