import fc from 'fast-check';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.ts';
import { useTestTable } from '../support/table.ts';
import { apiOperations, fuzzCallers, type Operation } from './support/api-operations.ts';

/**
 * Every JSON route in the OpenAPI document, fed arbitrary and hostile bodies as anonymous, a
 * signed-in user and an officer: the answer is never a 5xx, and every error is problem+json.
 * Routes are read from the document, so new routes are fuzzed without editing this file.
 */
const hostileStrings = fc.constantFrom(
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../etc/passwd',
  "'; DROP TABLE statements; --",
  '\u0000\u0001\uFFFF',
  '𝕬'.repeat(300),
  'x'.repeat(5000),
  '{"$where": "1"}',
  'STMT#01ARZ3NDEKTSV4RRFFQ69G5FAV',
  '2025-02-30',
);

const bodies = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(
    fc.oneof(fc.string(), hostileStrings),
    fc.oneof(fc.jsonValue({ maxDepth: 2 }), hostileStrings),
  ),
  fc.record({
    name: hostileStrings,
    statementText: hostileStrings,
    code: hostileStrings,
    reason: hostileStrings,
    periodStart: hostileStrings,
    periodEnd: fc.string(),
    submit: fc.boolean(),
  }),
);

describe('fuzzing every JSON route', () => {
  const table = useTestTable();
  let operations: Operation[] = [];

  beforeAll(async () => {
    operations = (await apiOperations(testApp(table.store).app)).filter(
      (operation) => operation.method !== 'GET' && operation.json,
    );
  });

  it('finds the JSON routes to fuzz', () => {
    expect(operations.length).toBeGreaterThan(3);
  });

  it('never answers 5xx, and answers every error as problem+json', async () => {
    const { app, errors } = testApp(table.store);
    const credentials = await fuzzCallers('fuzz');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations),
        fc.constantFrom(...credentials),
        fc.oneof(
          bodies.map((b) => JSON.stringify(b)),
          fc.string(),
          hostileStrings,
        ),
        fc.constantFrom('application/json', 'application/json; charset=utf-8'),
        async (operation, auth, body, contentType) => {
          const path = operation.path.replace(/\{[^}]+\}/g, () => ulid());
          const response = await app.request(path, {
            method: operation.method,
            headers: { 'content-type': contentType, 'idempotency-key': ulid(), 'if-match': '1', ...auth },
            body,
          });
          const text = await response.text();
          expect(response.status, `${operation.method} ${path} → ${response.status} ${text}`).toBeLessThan(
            500,
          );
          if (response.status >= 400) {
            expect(response.headers.get('content-type')).toContain('application/problem+json');
            expect(text).not.toMatch(/at .+\.(ts|js):\d+/);
          }
        },
      ),
      { numRuns: 300, seed: 20261129 },
    );
    expect(errors).toEqual([]);
  });
});
