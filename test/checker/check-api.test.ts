import { describe, expect, it } from 'vitest';
import { checkResultSchema } from '../../schemas/check-result.ts';
import { testApp } from '../support/app.ts';
import { useTestTable } from '../support/table.ts';
import { encryptedPdf, textPdf } from './fixtures.ts';
import { GOOD_DOCUMENT, GOOD_TEXT } from './support.ts';

describe('POST /api/v1/check', () => {
  const table = useTestTable();
  const post = (body: BodyInit, contentType: string, query = '?offline=true') =>
    testApp(table.store).app.request(`/api/v1/check${query}`, {
      method: 'POST',
      body,
      headers: { 'content-type': contentType },
    });

  it('checks JSON with the statement text and submission fields, and stores nothing', async () => {
    const response = await post(
      JSON.stringify({ ...GOOD_DOCUMENT, statementText: GOOD_TEXT }),
      'application/json',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const result = checkResultSchema.parse(await response.json());
    expect(result.findings.find((f) => f.rule === 'uk-approval')?.status).toBe('pass');
    expect(result.findings.find((f) => f.rule === 'uk-published')?.status).toBe('unknown');
    expect(result.sentences.find((s) => s.tags.includes('approval'))?.text).toMatch(/approved by the Board/);
  });

  it('checks a raw PDF body', async () => {
    const pdf = await textPdf([GOOD_TEXT.split('\n\n')]);
    const response = await post(pdf as Uint8Array<ArrayBuffer>, 'application/pdf');
    expect(response.status).toBe(200);
    const result = checkResultSchema.parse(await response.json());
    expect(result.sentences[0]?.page).toBe(1);
  });

  it('checks a multipart upload with the submission fields beside it', async () => {
    const form = new FormData();
    form.set('file', new File([GOOD_TEXT], 'statement.txt', { type: 'text/plain' }));
    form.set('document', JSON.stringify({ organisation: { entityType: 'llp' } }));
    // Form posts carry their Origin (the app's CSRF check refuses cross-site form posts).
    const response = await testApp(table.store).app.request('/api/v1/check?offline=true', {
      method: 'POST',
      body: form,
      headers: { origin: 'http://localhost' },
    });
    expect(response.status).toBe(200);
    const result = checkResultSchema.parse(await response.json());
    // An LLP is approved by its members, not a board.
    expect(result.findings.find((f) => f.rule === 'uk-approval')?.status).toBe('fail');
  });

  it('answers a finding for a password-protected PDF', async () => {
    const response = await post((await encryptedPdf()) as Uint8Array<ArrayBuffer>, 'application/pdf');
    const result = checkResultSchema.parse(await response.json());
    expect(result.findings.find((f) => f.rule === 'uk-machine-readable')).toMatchObject({
      status: 'fail',
      message: 'The PDF is password-protected.',
    });
  });

  it.each([
    ['an unsupported media type', () => post('x', 'image/png'), 415],
    ['malformed JSON', () => post('{"statementText":', 'application/json'), 400],
    ['neither text nor URL', () => post(JSON.stringify({ isGroup: false }), 'application/json'), 422],
    [
      'a wrongly typed field',
      () => post(JSON.stringify({ statementText: 'x', periodEnd: 'soon' }), 'application/json'),
      422,
    ],
    ['a body over 10 MB', () => post(new Uint8Array(11 * 1024 * 1024), 'application/pdf'), 413],
  ])('answers problem+json for %s', async (_name, send, status) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await response.json()) as { status: number; errors?: { path: string }[] };
    expect(problem.status).toBe(status);
    if (status === 422) expect(problem.errors?.[0]?.path).toMatch(/^\/(statementText|periodEnd)$/);
  });

  it('is described in the OpenAPI document', async () => {
    const response = await testApp(table.store).app.request('/api/v1/openapi.json');
    const doc = (await response.json()) as { paths: Record<string, unknown> };
    expect(doc.paths['/api/v1/check']).toBeDefined();
  });
});
