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

  it('renders the document for people on the server, without third-party scripts', async () => {
    const response = await app.request('/api/docs');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<code>POST /api/v1/organisations/{orgId}/statements</code>');
    expect(html).toContain('id="schema-SubmissionDocument"');
    expect(html).toContain('Fashion, textiles, apparel and luxury goods');
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
  });
});
