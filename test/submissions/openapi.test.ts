import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { SECTORS, TURNOVER_BANDS } from '../../schemas/registry-options.ts';
import { testApp } from '../support/app.ts';
import { useTestTable } from '../support/table.ts';

// biome-ignore lint/suspicious/noExplicitAny: walking a generated OpenAPI document.
type Json = Record<string, any>;

describe('the OpenAPI document and /api/docs', () => {
  const table = useTestTable();
  const { app } = testApp(table.store);

  it('describes every submission route with its problems, generated from the zod schemas', async () => {
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as Json;
    expect(doc.openapi).toBe('3.1.0');
    for (const [path, method] of [
      ['/api/v1/organisations', 'post'],
      ['/api/v1/organisations/{orgId}/enrolment-codes', 'post'],
      ['/api/v1/enrolments', 'post'],
      ['/api/v1/me', 'get'],
      ['/api/v1/organisations/{orgId}/statements', 'post'],
      ['/api/v1/statements/{id}', 'put'],
      ['/api/v1/statements/{id}/submit', 'post'],
      ['/api/v1/statements/{id}/withdraw', 'post'],
      ['/api/v1/statements/{id}/draft', 'get'],
      ['/api/v1/statements/{id}/document', 'put'],
      ['/api/v1/audit', 'get'],
    ] as const) {
      const operation = doc.paths[path]?.[method] as Json | undefined;
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(operation?.security).toEqual([{ bearerAuth: [] }]);
      expect(Object.keys(operation?.responses ?? {})).toContain('401');
    }
    const submission = doc.components.schemas.SubmissionDocument as Json;
    expect(submission.required).toEqual(
      expect.arrayContaining([
        'isGroup',
        'periodStart',
        'periodEnd',
        'approvalDate',
        'areas',
        'sectors',
        'turnover',
      ]),
    );
    expect(submission.properties.sectors.items.enum).toEqual([...SECTORS]);
    expect(submission.properties.turnover.enum).toEqual([...TURNOVER_BANDS]);
    expect(JSON.stringify(submission.properties.statementUrl)).toContain('"maxLength":1024');
  });

  it('passes redocly lint with no errors and validates with swagger-parser', async () => {
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as Json;
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
    const dir = await mkdtemp(path.join(tmpdir(), 'openapi-'));
    try {
      const file = path.join(dir, 'openapi.json');
      await writeFile(file, JSON.stringify(doc));
      // The CLI's own exit code is 1 on errors; its JSON report says which.
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [path.resolve('node_modules/@redocly/cli/bin/cli.js'), 'lint', '--format=json', file],
        { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
      ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
      const report = JSON.parse(stdout) as { totals: { errors: number }; problems: Json[] };
      const errors = report.problems.filter((problem) => problem.severity === 'error');
      expect(errors.map((problem) => `${problem.ruleId} ${problem.location?.[0]?.pointer}`)).toEqual([]);
      expect(report.totals.errors).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names every operation, marks public ones `security: []`, and documents each problem answer', async () => {
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as Json;
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      for (const [method, operation] of Object.entries(item as Json)) {
        const where = `${method} ${path}`;
        expect(operation.operationId, where).toMatch(/^[a-z][A-Za-z0-9]+$/);
        ids.add(operation.operationId);
        expect(Array.isArray(operation.security), where).toBe(true);
        expect(JSON.stringify(operation)).not.toContain('"middleware"');
        for (const [status, answer] of Object.entries(operation.responses as Json)) {
          if (Number(status) >= 400) {
            expect(Object.keys(answer.content ?? {}), `${where} ${status}`).toEqual([
              'application/problem+json',
            ]);
          }
        }
      }
    }
    expect(ids.size).toBeGreaterThanOrEqual(35);
    const operations = Object.values(doc.paths as Json).flatMap((item) => Object.values(item as Json));
    expect(ids.size).toBe(operations.length);
    expect(doc.paths['/api/v1/statements/{id}'].get.security).toEqual([]);
    expect(doc.paths['/api/v1/statements/{id}'].get.operationId).toBe('getStatementsById');
    const ifMatch = (doc.paths['/api/v1/statements/{id}'].put.parameters as Json[]).find(
      (parameter) => parameter.name === 'if-match',
    );
    expect(ifMatch).toMatchObject({ in: 'header', required: true });
  });

  it('renders the document for people on the server, without third-party scripts', async () => {
    const response = await app.request('/api/docs');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<code>POST /api/v1/organisations/{orgId}/statements</code>');
    expect(html).toContain('id="schema-SubmissionDocument"');
    expect(html).toContain('Fashion, textiles, apparel and luxury goods');
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
  });

  describe('problem types', () => {
    const site = testApp(table.store, undefined, { siteAddress: 'https://register.example.org' }).app;

    it('points each problem type at a page on the register that explains it', async () => {
      const answer = await app.request('/api/v1/statements/NOSUCHSTATEMENT');
      expect(answer.status).toBe(404);
      const problem = (await answer.json()) as Json;
      expect(problem.type).toBe('/problems/not-found');
      const page = await app.request(problem.type);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<h1 class="govuk-heading-l">Not found</h1>');
      expect((await app.request('/problems/no-such-problem')).status).toBe(404);
    });

    it('makes the type absolute from the configured site address, never from Host', async () => {
      const answer = await site.request('http://evil.example/api/v1/statements/NOSUCHSTATEMENT', {
        headers: { host: 'evil.example' },
      });
      expect(((await answer.json()) as Json).type).toBe('https://register.example.org/problems/not-found');
      const doc = (await (await site.request('/api/v1/openapi.json')).json()) as Json;
      expect(doc.servers).toEqual([{ url: 'https://register.example.org', description: 'This register' }]);
    });

    it('names a whole-document error by the empty JSON pointer', async () => {
      const answer = await app.request('/api/v1/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '[]',
      });
      expect(answer.status).toBe(422);
      const problem = (await answer.json()) as Json;
      expect(problem.type).toBe('/problems/invalid');
      expect(problem.errors.map((error: Json) => error.path)).toEqual(['']);
    });
  });

  it('serves every route and field the README lists beyond the reference contract', async () => {
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as Json;
    const readme = await readFile(path.join(import.meta.dirname, '../../README.md'), 'utf8');
    const start = readme.indexOf('## API beyond the reference contract');
    expect(start).toBeGreaterThan(0);
    const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
    const rows = [...section.matchAll(/^\| `(GET|POST|PUT|PATCH|DELETE) (\/api\/[^`]+)` \| (.+) \|$/gm)];
    expect(rows.length).toBeGreaterThan(15);
    for (const [, method, route, what] of rows) {
      const operation = doc.paths[route as string]?.[(method as string).toLowerCase()] as Json | undefined;
      expect(operation?.summary, `${method} ${route}`).toBe(what);
    }
    const schemas = JSON.stringify(doc.components.schemas);
    for (const field of [
      'progress',
      'partsDone',
      'column',
      'contactName',
      'contactEmail',
      'addressLine1',
      'postcode',
      'notices',
      'statementText',
    ])
      expect(schemas, field).toContain(`"${field}"`);
  });
});
