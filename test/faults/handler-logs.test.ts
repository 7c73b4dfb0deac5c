import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { dynamoEndpoint } from '../support/dynamo.ts';
import { apiEvent, lambdaContext } from './support/lambda-invocation.ts';

/**
 * The api Lambda handler as deployed (functions/handlers/http-handler.ts: Hono in middy with
 * Powertools), on a table that does not exist: the request fails with an error the app does not
 * know. The caller gets a bare 500 problem with nothing internal in it; the log gets one JSON
 * line at ERROR carrying the cause, the request's correlation id (API Gateway's request id) and
 * the Lambda request id.
 */
const logLineSchema = z.looseObject({
  level: z.string(),
  message: z.string(),
  correlation_id: z.string().optional(),
  function_request_id: z.string().optional(),
  error: z.looseObject({ name: z.string(), message: z.string() }).optional(),
});

const missingTable = `missing-${ulid()}`;
const env = {
  TABLE_NAME: missingTable,
  DYNAMODB_ENDPOINT: dynamoEndpoint(),
  AWS_REGION: 'eu-west-2',
  STAGE: 'test',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
};

beforeAll(() => {
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe('the api handler’s logs', () => {
  it('logs an unknown failure as JSON with the correlation id and the cause, and answers a bare 500', async () => {
    // A fresh module graph: the worker is shared (isolate: false), and a file that loaded the
    // handlers' logger earlier under other settings (e.g. a silent log level) must not decide this one.
    vi.resetModules();
    const { httpHandler } = await import('../../functions/handlers/http-handler.ts');
    const { registerRoutes } = await import('../../functions/app/register-routes.ts');
    const handler = httpHandler([registerRoutes]);
    const requestId = `req-${ulid()}`;
    const awsRequestId = `lambda-${ulid()}`;

    const written: string[] = [];
    // Powertools writes errors to stderr, the rest to stdout (a Console of its own on both).
    const capture = (chunk: string | Uint8Array) => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    };
    const spies = [
      vi.spyOn(process.stdout, 'write').mockImplementation(capture),
      vi.spyOn(process.stderr, 'write').mockImplementation(capture),
    ];
    let answer: { statusCode?: number; body?: string; headers?: Record<string, unknown> };
    try {
      answer = (await handler(
        apiEvent(`/api/v1/statements/${ulid()}`, requestId),
        lambdaContext(awsRequestId),
      )) as typeof answer;
    } finally {
      for (const spy of spies) spy.mockRestore();
    }

    expect(answer.statusCode).toBe(500);
    expect(String(answer.headers?.['content-type'])).toContain('application/problem+json');
    expect(answer.body).not.toMatch(new RegExp(`${missingTable}|ResourceNotFound|at .+\\.(ts|js):\\d+`));

    const lines = written
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => logLineSchema.parse(JSON.parse(line)));
    const failure = lines.find((line) => line.level === 'ERROR' && line.message === 'unhandled error');
    expect(failure, JSON.stringify(lines)).toBeDefined();
    expect(failure?.correlation_id).toBe(requestId);
    expect(failure?.function_request_id).toBe(awsRequestId);
    expect(failure?.error?.name).toBe('ResourceNotFoundException');
  });
});
