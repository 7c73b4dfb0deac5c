import { describe, expect, it } from 'vitest';
import { sessionFor, testApp } from '../support/app.ts';
import { useTestTable } from '../support/table.ts';
import { apiOperations } from './support/api-operations.ts';

/** Public operations that anyone may call without credentials. */
const PUBLIC_WRITES = new Set(['POST /api/v1/check', 'POST /api/v1/reports']);
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('API: anonymous calls and the Origin check', () => {
  const table = useTestTable();
  const { app } = testApp(table.store);
  const concrete = (path: string) => path.replace(/\{\w+\}/g, '01ANYTHING0000000000000000');

  it('answers 401 (not 403) to an anonymous body-less write on every signed-in operation', async () => {
    const operations = (await apiOperations(app)).filter(
      (op) => WRITES.has(op.method) && !PUBLIC_WRITES.has(`${op.method} ${op.path}`),
    );
    expect(operations.length).toBeGreaterThan(10);
    const answers = await Promise.all(
      operations.map(
        async (op) =>
          `${op.method} ${op.path} ${(await app.request(concrete(op.path), { method: op.method })).status}`,
      ),
    );
    expect(answers).toEqual(operations.map((op) => `${op.method} ${op.path} 401`));
  });

  it('accepts POST /api/v1/check of a plain-text upload without a browser Origin', async () => {
    const response = await app.request('/api/v1/check', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'This statement was approved by the board of directors on 1 July 2025.',
    });
    expect(response.status).toBe(200);
  });

  it('still refuses a cross-site write that would use the session cookie', async () => {
    const session = await sessionFor(table.store, { email: 'origin-cookie@hostile.example' });
    const response = await app.request('/api/v1/enrolments', {
      method: 'POST',
      headers: {
        cookie: session.cookie,
        origin: 'https://evil.example',
        'content-type': 'text/plain',
      },
      body: '{"code":"ABCD-EFGH"}',
    });
    expect(response.status).toBe(403);
  });
});
