import fc from 'fast-check';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.ts';
import { useTestTable } from '../support/table.ts';
import { apiOperations, fuzzCallers, type Operation } from './support/api-operations.ts';

/**
 * The other half of fuzzing every JSON route (fuzz-json-routes.test.ts fuzzes bodies): every
 * operation in the OpenAPI document, GETs included, with hostile path parameters and query
 * strings — its declared query parameters and made-up ones, cursors, limits, years — as
 * anonymous, a signed-in user and an officer. Never a 5xx; every error is problem+json without a
 * stack trace. Operations are read from the document, so new routes are fuzzed without edits.
 */
const hostile = fc.constantFrom(
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '..%2f..%2fpackage.json',
  "' OR 1=1 --",
  '\u0000',
  '\uFFFF\uD800',
  '%00',
  '%ZZ',
  '-1',
  '0',
  '1e309',
  'NaN',
  '99999999999999999999',
  '2025-02-30',
  'x'.repeat(3000),
  'STMT#01ARZ3NDEKTSV4RRFFQ69G5FAV',
  'eyJwayI6IlNUTVQjMSIsInNrIjoiTUVUQSJ9', // base64 of a made-up key, as a cursor
  'null',
  '[]',
  '{}',
);

/** Percent-encodes the UTF-8 of any string (a lone surrogate becomes U+FFFD, as a browser sends it). */
const encodeSegment = (text: string) =>
  Array.from(new TextEncoder().encode(text), (byte) =>
    /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
      ? String.fromCharCode(byte)
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
  ).join('');

const value = fc.oneof(hostile, fc.string(), fc.integer().map(String), fc.constant(ulid()));

describe('fuzzing the path and query of every API operation', () => {
  const table = useTestTable();
  let operations: Operation[] = [];

  beforeAll(async () => {
    operations = await apiOperations(testApp(table.store).app);
  });

  it('finds the operations, with their query parameters', () => {
    expect(operations.filter((o) => o.method === 'GET').length).toBeGreaterThan(10);
    expect(operations.find((o) => o.path === '/api/v1/statements' && o.method === 'GET')?.query).toEqual(
      expect.arrayContaining(['q', 'cursor', 'limit']),
    );
  });

  it('never answers 5xx, and answers every API error as problem+json', async () => {
    const { app, errors } = testApp(table.store);
    const credentials = await fuzzCallers('param-fuzz');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations),
        fc.constantFrom(...credentials),
        fc.array(value, { minLength: 4, maxLength: 4 }),
        fc.array(fc.tuple(fc.oneof(fc.constant('declared'), fc.string({ maxLength: 12 })), value), {
          maxLength: 6,
        }),
        async (operation, auth, pathValues, queryPairs) => {
          let index = 0;
          const path = operation.path.replace(/\{[^}]+\}/g, () => encodeSegment(pathValues[index++] ?? ''));
          const query = new URLSearchParams();
          queryPairs.forEach(([key, v], i) => {
            const declared = operation.query[i % Math.max(operation.query.length, 1)];
            query.append(key === 'declared' && declared ? declared : key, v);
          });
          const url = query.size > 0 ? `${path}?${query}` : path;
          const response = await app.request(url, {
            method: operation.method,
            headers: {
              ...(operation.json ? { 'content-type': 'application/json' } : {}),
              'idempotency-key': ulid(),
              ...auth,
            },
            ...(operation.json ? { body: '{}' } : {}),
          });
          const text = await response.text();
          const label = `${operation.method} ${url} → ${response.status} ${text.slice(0, 300)}`;
          expect(response.status, label).toBeLessThan(500);
          if (response.status >= 400 && new URL(url, 'http://localhost').pathname.startsWith('/api/')) {
            expect(response.headers.get('content-type'), label).toContain('application/problem+json');
          }
          expect(text, label).not.toMatch(/at .+\.(ts|js):\d+/);
        },
      ),
      { numRuns: 400, seed: 20261129 },
    );
    expect(errors).toEqual([]);
  });
});
