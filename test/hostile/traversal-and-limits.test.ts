import { request } from 'node:http';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevIssuer } from '../../functions/local/dev-issuer.ts';
import { type LocalRegister, startLocalRegister } from '../../functions/local/server.ts';
import { authFor, testApp } from '../support/app.ts';
import { dynamoEndpoint } from '../support/dynamo.ts';
import { enrolledOrganisation, json, officer, validDocument } from '../support/submissions.ts';
import { useTestTable } from '../support/table.ts';

/** A raw GET whose path goes on the wire exactly as written (fetch and URL would normalise it). */
function rawGet(base: string, path: string): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** What would show a file from outside web/assets and govuk-frontend's assets had been served. */
const LEAKS = [
  /"name":\s*"modern-slavery-register"/, // package.json
  /root:x?:0:0/, // /etc/passwd
  /"compilerOptions"/, // tsconfig.json
  /^import .* from '\.\.?\//m, // a source file
  /BEGIN (RSA |EC )?PRIVATE KEY|"kty"/, // dev issuer keys
];

describe('path traversal against the local server', () => {
  let register: LocalRegister;

  beforeAll(async () => {
    register = await startLocalRegister({
      port: 0,
      quiet: true,
      pollStream: false,
      dailyJobs: false,
      dynamoEndpoint: dynamoEndpoint(),
      tableName: `traversal-${ulid()}`,
      devIssuer: await createDevIssuer(),
    });
  });
  afterAll(async () => {
    await register?.stop();
  });

  it('serves the assets themselves (the guard below is not vacuous)', async () => {
    const css = await rawGet(register.url, '/assets/govuk/govuk-frontend.min.js');
    expect(css.status).toBe(200);
  });

  it.each([
    '/assets/../../package.json',
    '/assets/../package.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/assets/%2E%2E/%2E%2E/package.json',
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
    '/assets/..%5c..%5cpackage.json',
    '/assets/%252e%252e/%252e%252e/package.json',
    '/assets/....//....//package.json',
    '/assets/%c0%ae%c0%ae/%c0%ae%c0%ae/package.json',
    '/assets/govuk/../../../../package.json',
    '/assets/govuk/..%2f..%2f..%2f..%2f..%2fpackage.json',
    '/assets/govuk/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/package.json',
    '/assets/govuk/govuk-frontend.min.js/../../../../../package.json',
    '/assets/..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/assets/%2fetc%2fpasswd',
    '/assets//etc/passwd',
    '/assets/package.json%00.css',
    '/assets/..%00/..%00/package.json',
    '/assets/.data/dev-issuer/keys.json',
    '/api/v1/downloads/..%2f..%2fetc%2fpasswd.csv',
    '/api/v1/downloads/../../etc/passwd.csv',
    '/api/v1/downloads/%2e%2e%2f%2e%2e%2fpackage.json',
    '/api/v1/downloads/statements-2026.csv%2f..%2f..%2fpackage.json',
    '/api/v1/statements/..%2f..%2fpackage.json',
    '/api/v1/statements/../../../package.json',
    '/statements/..%2f..%2fpackage.json',
    '/statements/..%2f..%2fpackage.json/revisions/1/document',
    '/statements/01ARZ3NDEKTSV4RRFFQ69G5FAV/revisions/..%2f..%2f1/document',
    '/organisations/..%2f..%2fetc%2fpasswd',
  ])('answers %s with 400 or 404 and no file from outside the assets', async (path) => {
    const answer = await rawGet(register.url, path);
    expect([400, 404], `${path} → ${answer.status}`).toContain(answer.status);
    for (const leak of LEAKS) expect(answer.body).not.toMatch(leak);
  });
});

describe('oversized uploads', () => {
  const table = useTestTable();
  const { app } = testApp(table.store);
  const MB = 1024 * 1024;

  /** A body sent as a stream of chunks, with no Content-Length to trust. */
  const streamed = (bytes: number): ReadableStream<Uint8Array> => {
    let left = bytes;
    return new ReadableStream({
      pull(controller) {
        if (left <= 0) return controller.close();
        const size = Math.min(left, 256 * 1024);
        left -= size;
        controller.enqueue(new Uint8Array(size).fill(0x41));
      },
    });
  };

  async function expectTooLarge(response: Response) {
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { status?: number; title?: string };
    expect(problem.status).toBe(413);
  }

  it.each([
    { body: 'declared', size: 2 * MB },
    { body: 'streamed', size: 2 * MB },
  ])('refuses a JSON body over 1 MB ($body) with 413 problem+json', async ({ body, size }) => {
    const text = JSON.stringify({ name: 'x'.repeat(size), entityType: 'company', financialYearEnd: '03-31' });
    const response = await app.request('/api/v1/organisations', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await authFor(officer)) },
      body: body === 'declared' ? text : streamed(size),
      ...(body === 'streamed' ? { duplex: 'half' } : {}),
    } as RequestInit);
    await expectTooLarge(response);
  });

  it.each([
    { body: 'declared', size: 11 * MB },
    { body: 'streamed', size: 11 * MB },
  ])('refuses a statement PDF over 10 MB ($body) with 413 problem+json', async ({ body, size }) => {
    const email = `big-pdf-${body}@hostile.example`;
    const organisation = await enrolledOrganisation(app, email);
    const created = await json(
      app,
      'POST',
      `/api/v1/organisations/${organisation.id}/statements`,
      validDocument(),
      await authFor({ email }),
    );
    expect(created.status).toBe(201);
    const statement = (await created.json()) as { id: string; etag?: string };
    const pdf = new Uint8Array(size).fill(0x20);
    pdf.set(new TextEncoder().encode('%PDF-1.7\n'));
    const response = await app.request(`/api/v1/statements/${statement.id}/document`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/pdf',
        'if-match': String(statement.etag ?? '1'),
        ...(await authFor({ email })),
      },
      body: body === 'declared' ? pdf : streamed(size),
      ...(body === 'streamed' ? { duplex: 'half' } : {}),
    } as RequestInit);
    await expectTooLarge(response);
  });

  it.each([
    { body: 'declared', size: 11 * MB },
    { body: 'streamed', size: 11 * MB },
  ])('refuses an organisations CSV over 10 MB ($body) with 413 problem+json', async ({ body, size }) => {
    const header = 'name,companyNumber,entityType,financialYearEnd,turnover\n';
    const row = 'Big Import Ltd,,company,03-31,\n';
    const csv = header + row.repeat(Math.ceil(size / row.length));
    const response = await app.request('/api/v1/organisations/import', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...(await authFor(officer)) },
      body: body === 'declared' ? csv : streamed(size),
      ...(body === 'streamed' ? { duplex: 'half' } : {}),
    } as RequestInit);
    await expectTooLarge(response);
  });
});
