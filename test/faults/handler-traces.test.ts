import type { Context } from 'aws-lambda';
import { Segment } from 'aws-xray-sdk-core';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import { dynamoEndpoint } from '../support/dynamo.ts';
import { apiEvent, lambdaContext } from './support/lambda-invocation.ts';

/**
 * The Lambda handlers as deployed, traced by Powertools' Tracer (functions/handlers/observability.ts).
 * The Tracer does nothing outside Lambda, so the handlers' modules are loaded afresh under a
 * Lambda-like environment (AWS_EXECUTION_ENV, _HANDLER, _X_AMZN_TRACE_ID…), and each invocation
 * runs inside an X-Ray context holding a real segment, as the Lambda runtime's facade would be:
 * the segment tree the handler leaves behind is what X-Ray would receive. The table does not
 * exist, so the api's DynamoDB call fails (and is recorded as such) without any data to set up.
 *
 * POWERTOOLS_TRACER_CAPTURE_HTTPS_REQUESTS=false only so that this file leaves node:http and
 * fetch unpatched for the files that run after it in the same worker (vitest `isolate: false`).
 */
const missingTable = `missing-${ulid()}`;
const env: Record<string, string> = {
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
  AWS_LAMBDA_FUNCTION_NAME: 'register-api',
  _HANDLER: 'index.handler',
  _X_AMZN_TRACE_ID: 'Root=1-692ad400-0123456789abcdef01234567;Parent=0123456789abcdef;Sampled=1',
  POWERTOOLS_SERVICE_NAME: 'register-traced',
  POWERTOOLS_TRACE_ENABLED: 'true',
  POWERTOOLS_TRACER_CAPTURE_HTTPS_REQUESTS: 'false',
  TABLE_NAME: missingTable,
  DYNAMODB_ENDPOINT: dynamoEndpoint(),
  AWS_REGION: 'eu-west-2',
  STAGE: 'test',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  ARCHIVE_BUCKET: 'register-traced-archive',
  OPEN_DATA_BUCKET: 'register-traced-open-data',
  MAIL_FROM: 'register@example.org',
  ORIGIN_DISTRIBUTION_ID: 'E123TRACED',
  ORIGIN_ID: 'api',
  GATED_FUNCTION_NAMES: 'register-api,register-check',
};

type Handler = (event: unknown, context: Context) => Promise<unknown>;
type Observability = typeof import('../../functions/handlers/observability.ts');
let observability: Observability;
let captured: MockInstance<Observability['tracer']['captureAWSv3Client']>;
let handlers: Record<'api' | 'stream' | 'schedule' | 'rotation', Handler>;

beforeAll(async () => {
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  // Other files in this worker may already hold the handler modules, built with tracing off.
  vi.resetModules();
  observability = await import('../../functions/handlers/observability.ts');
  // Spied before any handler module runs, so the clients built at cold start are seen too.
  captured = vi.spyOn(observability.tracer, 'captureAWSv3Client');
  const { httpHandler } = await import('../../functions/handlers/http-handler.ts');
  const { registerRoutes } = await import('../../functions/app/register-routes.ts');
  handlers = {
    api: httpHandler([registerRoutes]) as unknown as Handler,
    stream: (await import('../../functions/handlers/stream.ts')).handler as unknown as Handler,
    schedule: (await import('../../functions/handlers/schedule.ts')).handler as unknown as Handler,
    rotation: (await import('../../functions/handlers/rotate-origin-secret.ts'))
      .handler as unknown as Handler,
  };
}, 60_000);

afterAll(() => {
  captured?.mockRestore();
  vi.unstubAllEnvs();
  // Later files in this worker load the handlers again, with tracing off.
  vi.resetModules();
});

/** A fragment of the segment document X-Ray receives (only what these tests read). */
interface Recorded {
  name: string;
  namespace?: string;
  annotations?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  aws?: Record<string, unknown>;
  fault?: boolean;
  error?: boolean;
  cause?: { exceptions?: { message?: string; type?: string }[] };
  subsegments?: Recorded[];
  isClosed: () => boolean;
}

/** Traced invocations so far, across the handlers. */
let invocations = 0;

/**
 * Invokes a handler inside an X-Ray context whose current segment is a fresh one (what the
 * Lambda runtime gives each invocation), muting the handler's logs; returns the segment, the
 * answer or the error.
 */
async function invokeTraced(handler: Handler, event: unknown) {
  // One Tracer per container, and the four handlers share this one: only its first call is cold.
  const coldStart = invocations++ === 0;
  const root = new Segment('register-traced');
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true),
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true),
  ];
  try {
    const outcome = await observability.tracer.provider.getNamespace().runPromise(async () => {
      observability.tracer.provider.setSegment(root);
      try {
        return { answer: await handler(event, lambdaContext()), error: undefined };
      } catch (error) {
        return { answer: undefined, error };
      }
    });
    return { root: root as unknown as Recorded, coldStart, ...outcome };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

const handlerSubsegments = (root: Recorded) =>
  (root.subsegments ?? []).filter((subsegment) => subsegment.name === '## index.handler');

describe('traces of the Lambda handlers', () => {
  const events = [
    ['api', () => apiEvent(`/api/v1/statements/${ulid()}`)],
    ['stream', () => ({ Records: [] })],
    ['schedule', () => ({ id: `event-${ulid()}`, 'detail-type': 'Scheduled Event' })],
    ['rotation', () => ({ Step: 'not-a-step' })],
  ] as const;

  it.each(events)(
    'the %s handler records each invocation as one closed subsegment, annotated with cold start and service, without its response',
    async (name, event) => {
      const first = await invokeTraced(handlers[name], event());
      const second = await invokeTraced(handlers[name], event());
      for (const run of [first, second]) {
        const recorded = handlerSubsegments(run.root);
        expect(recorded, JSON.stringify(run.root.subsegments?.map((s) => s.name))).toHaveLength(1);
        const [subsegment] = recorded;
        expect(subsegment?.isClosed()).toBe(true);
        expect(subsegment?.annotations).toEqual({ ColdStart: run.coldStart, Service: 'register-traced' });
        // captureResponse: false: no `index.handler response` metadata, whatever the answer.
        expect(JSON.stringify(subsegment?.metadata ?? {})).not.toContain('response');
      }
      // The api and stream answered; the two runs must have reached the handler either way.
      if (name === 'api') expect(first.answer).toMatchObject({ statusCode: 500 });
      if (name === 'stream') expect(first.answer).toEqual({ batchItemFailures: [] });
    },
  );

  it('records the api’s DynamoDB call, with its failure, as a subsegment of the invocation', async () => {
    const { root, answer } = await invokeTraced(handlers.api, apiEvent(`/api/v1/statements/${ulid()}`));
    expect(answer).toMatchObject({ statusCode: 500 });
    const [invocation] = handlerSubsegments(root);
    const calls = (invocation?.subsegments ?? []).filter((subsegment) => subsegment.namespace === 'aws');
    expect(calls.map((call) => call.name)).toEqual(['DynamoDB']);
    const [call] = calls;
    expect(call?.isClosed()).toBe(true);
    expect(call?.aws).toMatchObject({ operation: expect.any(String), table_name: missingTable });
    expect(call?.error || call?.fault).toBe(true);
    expect(JSON.stringify(call?.cause)).toContain('ResourceNotFoundException');
  });

  it('records a handler’s error on its subsegment', async () => {
    const { root, error } = await invokeTraced(handlers.rotation, { Step: 'not-a-step' });
    expect(error).toBeInstanceOf(Error);
    const [invocation] = handlerSubsegments(root);
    expect(invocation?.fault || invocation?.error).toBe(true);
    expect(invocation?.cause?.exceptions?.[0]?.type).toBe((error as Error).name);
  });

  it('traces every AWS client the handlers build: DynamoDB, S3 (open data), SES and the rotation’s three', async () => {
    // The stream's clients (the SES mailer) are built on its first invocation.
    await invokeTraced(handlers.stream, { Records: [] });
    const clients = captured.mock.results.map(
      (result) => result.value as { middlewareStack: { identify: () => string[] } },
    );
    const names = clients.map((client) => client.constructor.name).sort();
    expect(names).toEqual(
      expect.arrayContaining([
        'CloudFrontClient',
        'DynamoDBClient',
        'LambdaClient',
        'S3Client',
        'SESv2Client',
        'SecretsManagerClient',
      ]),
    );
    // The archive signs its own `fetch` calls (aws4fetch), which the Tracer traces as HTTP calls.
    for (const client of clients) {
      expect(
        client.middlewareStack.identify().some((entry) => entry.startsWith('XRaySDKInstrumentation')),
        client.constructor.name,
      ).toBe(true);
    }
  });
});
