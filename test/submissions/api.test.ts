import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { keys } from '../../functions/store/keys.ts';
import { getDraft } from '../../functions/store/statements/get-draft.ts';
import { getRevision } from '../../functions/store/statements/get-revision.ts';
import { getStatement } from '../../functions/store/statements/get-statement.ts';
import { listRevisions } from '../../functions/store/statements/list-revisions.ts';
import { listStatementsOfOrganisation } from '../../functions/store/statements/list-statements-of-organisation.ts';
import { statementSummarySchema } from '../../schemas/statement-summary.ts';
import { DOCX_TYPE } from '../../schemas/submission.ts';
import { docxFromSource } from '../checker/realistic/documents.ts';
import { GOOD_TEXT } from '../checker/support.ts';
import { authFor, testApp } from '../support/app.ts';
import { enrolledOrganisation, json, officer, validDocument } from '../support/submissions.ts';
import { useTestTable } from '../support/table.ts';

async function partitionItems(table: ReturnType<typeof useTestTable>, pk: string) {
  const { Items } = await table.store.doc.send(
    new QueryCommand({
      TableName: table.store.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
    }),
  );
  return Items ?? [];
}

async function pdfBytes(text: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage();
  page.drawText(text, { x: 50, y: 700, size: 12, font: await pdf.embedFont(StandardFonts.Helvetica) });
  return pdf.save();
}

describe('submitting statements through the JSON API', () => {
  const table = useTestTable();
  const { app, errors, archive } = testApp(table.store);

  it('creates a draft, edits it with If-Match, submits it, revises it, and keeps every revision readable', async () => {
    const email = 'ann@draft.example';
    const org = await enrolledOrganisation(app, email);
    const auth = await authFor({ email });

    const created = await json(
      app,
      'POST',
      `/api/v1/organisations/${org.id}/statements`,
      { periodStart: '2025-04-01', periodEnd: '2026-03-31', turnover: 'Not provided' },
      auth,
    );
    expect(created.status).toBe(201);
    const draft = (await created.json()) as { id: string; revision: number; status: string };
    expect(draft).toMatchObject({ revision: 0, status: 'draft' });
    expect(created.headers.get('etag')).toBe('"0"');
    expect(await getRevision(table.store, draft.id, 1)).toBeUndefined();

    const edited = await json(app, 'PUT', `/api/v1/statements/${draft.id}`, validDocument(), {
      ...auth,
      'if-match': '"0"',
    });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ revision: 0, status: 'draft', etag: '0.1' });

    const submitted = await json(app, 'POST', `/api/v1/statements/${draft.id}/submit`, undefined, {
      ...auth,
      'if-match': '0.1',
    });
    expect(submitted.status).toBe(200);
    expect(await submitted.json()).toMatchObject({ revision: 1, status: 'submitted' });

    const revised = await json(
      app,
      'PUT',
      `/api/v1/statements/${draft.id}`,
      validDocument({ turnover: 'Over £500 million' }),
      { ...auth, 'if-match': '1' },
    );
    expect(await revised.json()).toMatchObject({ revision: 2, status: 'submitted' });

    // Both revisions stay readable through the public API.
    for (const [n, turnover] of [
      [1, '£60 million to £100 million'],
      [2, 'Over £500 million'],
    ] as const) {
      const response = await app.request(`/api/v1/statements/${draft.id}/revisions/${n}`);
      expect(response.status).toBe(200);
      expect(JSON.stringify(await response.json())).toContain(turnover);
    }

    const revisions = await listRevisions(table.store, draft.id);
    expect(revisions.map((r) => [r.revision, r.status, r.document.turnover])).toEqual([
      [1, 'submitted', '£60 million to £100 million'],
      [2, 'submitted', 'Over £500 million'],
    ]);
    expect(revisions[0]).toMatchObject({
      statementId: draft.id,
      organisationId: org.id,
      submittedBy: expect.stringMatching(/^dev-/),
      organisation: { entityType: 'company' },
    });
    const header = await getStatement(table.store, draft.id);
    expect(statementSummarySchema.parse(header)).toMatchObject({
      status: 'submitted',
      revision: 2,
      year: 2026,
      turnover: 'Over £500 million',
      check: null,
    });
    expect(header?.entityType).toBe('company');
    expect((await listStatementsOfOrganisation(table.store, org.id)).map((s) => s.id)).toEqual([draft.id]);
    expect(errors).toEqual([]);
  });

  it('answers GET with what PUT needs: a GET → PUT round trip keeps the pasted text and every answer', async () => {
    const email = 'ann@roundtrip.example';
    const org = await enrolledOrganisation(app, email);
    const auth = await authFor({ email });
    const text = 'This statement was approved by the board of directors. We train our buyers.';
    const created = await json(
      app,
      'POST',
      `/api/v1/organisations/${org.id}/statements`,
      { ...validDocument({ statementText: text }), submit: true },
      auth,
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const read = (await (await app.request(`/api/v1/statements/${id}`)).json()) as {
      statement: { revision: number; document: Record<string, unknown> };
    };
    expect(read.statement.document).toEqual({ ...validDocument(), statementText: text });
    const put = await json(app, 'PUT', `/api/v1/statements/${id}`, read.statement.document, {
      ...auth,
      'if-match': `"${read.statement.revision}"`,
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ revision: 2, status: 'submitted' });
    const second = await getRevision(table.store, id, 2);
    expect(second?.document).toEqual((await getRevision(table.store, id, 1))?.document);
    expect(second?.document.statementText).toBe(text);
  });

  it('keeps changes to a submitted statement as a private draft with submit: false, then submits them', async () => {
    const email = 'bo@keep.example';
    const org = await enrolledOrganisation(app, email);
    const auth = await authFor({ email });
    const created = await json(
      app,
      'POST',
      `/api/v1/organisations/${org.id}/statements`,
      { ...validDocument(), submit: true },
      auth,
    );
    const { id } = (await created.json()) as { id: string };
    const saved = await json(
      app,
      'PUT',
      `/api/v1/statements/${id}`,
      { ...validDocument({ turnover: 'Not provided' }), submit: false },
      { ...auth, 'if-match': '1' },
    );
    expect(await saved.json()).toMatchObject({ revision: 1, status: 'submitted', etag: '1.1' });
    // The public header still shows revision 1 while the draft waits.
    expect(await getStatement(table.store, id)).toMatchObject({
      status: 'submitted',
      revision: 1,
      turnover: '£60 million to £100 million',
      hasDraft: true,
    });
    const view = await app.request(`/api/v1/statements/${id}/draft`, { headers: auth });
    expect(await view.json()).toMatchObject({ etag: '1.1', document: { turnover: 'Not provided' } });

    const submitted = await json(app, 'POST', `/api/v1/statements/${id}/submit`, undefined, auth);
    expect(await submitted.json()).toMatchObject({ revision: 2, status: 'submitted' });
    expect(await getDraft(table.store, id)).toBeUndefined();
    expect((await getRevision(table.store, id, 2))?.document.turnover).toBe('Not provided');
  });

  it('files a group statement for the parent, listing its members', async () => {
    const email = 'cy@group.example';
    const org = await enrolledOrganisation(app, email);
    const members = [{ name: 'Acme Retail Ltd', companyNumber: '01234567' }, { name: 'Acme Stores Ltd' }];
    const response = await json(
      app,
      'POST',
      `/api/v1/organisations/${org.id}/statements`,
      { ...validDocument({ isGroup: true, groupMembers: members }), submit: true },
      await authFor({ email }),
    );
    const { id } = (await response.json()) as { id: string };
    expect(await getStatement(table.store, id)).toMatchObject({
      organisationId: org.id,
      isGroup: true,
      groupMembers: [
        { name: 'Acme Retail Ltd', companyNumber: '01234567' },
        { name: 'Acme Stores Ltd', companyNumber: null },
      ],
    });
  });

  it('allows one statement per organisation per reporting year (409), and writes nothing for the refused one', async () => {
    const email = 'di@year.example';
    const org = await enrolledOrganisation(app, email);
    const auth = await authFor({ email });
    const first = await json(
      app,
      'POST',
      `/api/v1/organisations/${org.id}/statements`,
      { ...validDocument(), submit: true },
      auth,
    );
    expect(first.status).toBe(201);
    const second = await json(
      app,
      'POST',
      `/api/v1/organisations/${org.id}/statements`,
      {
        ...validDocument({ periodStart: '2025-01-01', periodEnd: '2025-12-31', approvalDate: '2026-01-10' }),
        submit: false,
      },
      auth,
    );
    expect(second.status).toBe(201);
    const clash = await json(
      app,
      'POST',
      `/api/v1/organisations/${org.id}/statements`,
      validDocument(),
      auth,
    );
    expect(clash.status).toBe(409);
    expect(clash.headers.get('content-type')).toBe('application/problem+json');
    const statements = await listStatementsOfOrganisation(table.store, org.id);
    expect(statements.map((s) => s.year)).toEqual([2026, 2025]);
  });

  it('answers a retried POST with the same Idempotency-Key with the first answer, and a different body with 409', async () => {
    const email = 'ed@idem.example';
    const org = await enrolledOrganisation(app, email);
    const headers = { ...(await authFor({ email })), 'idempotency-key': 'retry-1' };
    const body = { ...validDocument(), submit: true };
    const first = await json(app, 'POST', `/api/v1/organisations/${org.id}/statements`, body, headers);
    const again = await json(app, 'POST', `/api/v1/organisations/${org.id}/statements`, body, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect(await listStatementsOfOrganisation(table.store, org.id)).toHaveLength(1);
    const different = await json(
      app,
      'POST',
      `/api/v1/organisations/${org.id}/statements`,
      { ...body, turnover: 'Not provided' },
      headers,
    );
    expect(different.status).toBe(409);
  });

  it('withdraws a statement with a reason: off the register, kept in history, audited', async () => {
    const email = 'fi@withdraw.example';
    const org = await enrolledOrganisation(app, email);
    const auth = await authFor({ email });
    const { id } = (await (
      await json(
        app,
        'POST',
        `/api/v1/organisations/${org.id}/statements`,
        { ...validDocument(), submit: true },
        auth,
      )
    ).json()) as { id: string };
    const missingReason = await json(app, 'POST', `/api/v1/statements/${id}/withdraw`, {}, auth);
    expect(missingReason.status).toBe(422);
    const withdrawn = await json(
      app,
      'POST',
      `/api/v1/statements/${id}/withdraw`,
      { reason: 'Filed for the wrong company' },
      auth,
    );
    expect(withdrawn.status).toBe(200);
    expect(await getStatement(table.store, id)).toMatchObject({
      status: 'withdrawn',
      revision: 1,
      withdrawal: { reason: 'Filed for the wrong company' },
    });
    expect(await getRevision(table.store, id, 1)).toBeDefined();
    const audit = await app.request(`/api/v1/audit?entity=statement/${id}`, {
      headers: await authFor(officer),
    });
    const events = ((await audit.json()) as { items: { action: string; actor: { email: string } }[] }).items;
    expect(events.map((e) => e.action)).toEqual([
      'statement.withdrawn',
      'statement.submitted',
      'statement.created',
    ]);
    expect(events[0]?.actor.email).toBe(email);
    const forUser = await app.request(`/api/v1/audit?entity=statement/${id}`, { headers: auth });
    expect(forUser.status).toBe(403);
  });

  it('archives an uploaded PDF, records it on the draft and carries it into the next revision', async () => {
    const email = 'gu@upload.example';
    const org = await enrolledOrganisation(app, email);
    const auth = await authFor({ email });
    const { id } = (await (
      await json(
        app,
        'POST',
        `/api/v1/organisations/${org.id}/statements`,
        { ...validDocument(), submit: true },
        auth,
      )
    ).json()) as { id: string };
    const bytes = await pdfBytes('Modern slavery statement 2026');
    const upload = await app.request(`/api/v1/statements/${id}/document`, {
      method: 'PUT',
      headers: {
        ...auth,
        'content-type': 'application/pdf',
        'x-file-name': 'statement.pdf',
        'if-match': '1',
      },
      body: Buffer.from(bytes),
    });
    expect(upload.status).toBe(200);
    const { archivedFile } = (await upload.json()) as {
      archivedFile: { key: string; sha256: string; bytes: number };
    };
    expect(archivedFile).toMatchObject({
      contentType: 'application/pdf',
      bytes: bytes.byteLength,
      fileName: 'statement.pdf',
    });
    expect(archive.objects.get(archivedFile.key)?.body).toEqual(bytes);

    const submitted = await json(app, 'POST', `/api/v1/statements/${id}/submit`, undefined, auth);
    expect(await submitted.json()).toMatchObject({ revision: 2 });
    expect((await getRevision(table.store, id, 2))?.document.archivedFile).toMatchObject({
      key: archivedFile.key,
      sha256: archivedFile.sha256,
    });

    const notADocument = await app.request(`/api/v1/statements/${id}/document`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/pdf' },
      body: 'just some text',
    });
    expect(notADocument.status).toBe(415);
    const tooBig = await app.request(`/api/v1/statements/${id}/document`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/pdf' },
      body: new Uint8Array(10 * 1024 * 1024 + 1),
    });
    expect(tooBig.status).toBe(413);
  });

  it('archives an uploaded Word .docx as Word, and serves the published copy as a .docx download', async () => {
    const email = 'word@upload.example';
    const org = await enrolledOrganisation(app, email);
    const auth = await authFor({ email });
    const { id } = (await (
      await json(
        app,
        'POST',
        `/api/v1/organisations/${org.id}/statements`,
        { ...validDocument(), submit: true },
        auth,
      )
    ).json()) as { id: string };
    const bytes = await docxFromSource(GOOD_TEXT);
    const upload = await app.request(`/api/v1/statements/${id}/document`, {
      method: 'PUT',
      // The declared type is not trusted: the bytes say Word.
      headers: {
        ...auth,
        'content-type': 'application/octet-stream',
        'x-file-name': 'statement.docx',
        'if-match': '1',
      },
      body: Buffer.from(bytes),
    });
    expect(upload.status).toBe(200);
    const { archivedFile } = (await upload.json()) as { archivedFile: { key: string; contentType: string } };
    expect(archivedFile.contentType).toBe(DOCX_TYPE);
    expect(archivedFile.key).toMatch(/\.docx$/);
    expect(archive.objects.get(archivedFile.key)?.body).toEqual(bytes);

    await json(app, 'POST', `/api/v1/statements/${id}/submit`, undefined, auth);
    const download = await app.request(`/statements/${id}/revisions/2/document`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe(DOCX_TYPE);
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="statement-${id}-revision-2.docx"`,
    );
    // A zip that is not a Word document is still refused.
    const zip = await app.request(`/api/v1/statements/${id}/document`, {
      method: 'PUT',
      headers: auth,
      body: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0, 0x08, 0, 0, 0, 0x21, 0]),
    });
    expect(zip.status).toBe(415);
  });

  describe('bad input', () => {
    it.each([
      { what: 'a malformed JSON body', body: '{"periodStart": ', type: 'application/json', status: 400 },
      {
        what: 'a form body where JSON is expected',
        body: 'periodStart=2025-04-01',
        type: 'application/x-www-form-urlencoded',
        status: 415,
      },
      { what: 'a text body', body: 'hello', type: 'text/plain', status: 415 },
    ])('answers $what with $status problem+json', async ({ body, type, status }) => {
      const email = `bad-${status}-${type.length}@input.example`;
      const org = await enrolledOrganisation(app, email);
      const response = await app.request(`/api/v1/organisations/${org.id}/statements`, {
        method: 'POST',
        headers: { ...(await authFor({ email })), 'content-type': type },
        body,
      });
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await partitionItems(table, keys.organisation(org.id).pk)).toHaveLength(1);
    });

    it('answers 413 for a body over 1 MB', async () => {
      const email = 'big@input.example';
      const org = await enrolledOrganisation(app, email);
      const response = await json(
        app,
        'POST',
        `/api/v1/organisations/${org.id}/statements`,
        { ...validDocument(), statementText: 'x'.repeat(1_100_000) },
        await authFor({ email }),
      );
      expect(response.status).toBe(413);
    });

    it('answers 422 naming each invalid field by its JSON path, and stores nothing', async () => {
      const email = 'paths@input.example';
      const org = await enrolledOrganisation(app, email);
      const response = await json(
        app,
        'POST',
        `/api/v1/organisations/${org.id}/statements`,
        {
          ...validDocument({
            signatory: { firstName: 'Ann', lastName: 'Smith' },
            areas: { ...validDocument().areas, training: { covered: false, reason: 'x'.repeat(201) } },
          }),
          contactEmail: 'ann@paths.example',
          submit: true,
        },
        await authFor({ email }),
      );
      expect(response.status).toBe(422);
      const problem = (await response.json()) as { errors: { path: string }[] };
      expect(problem.errors.map((e) => e.path).sort()).toEqual([
        '/areas/training/reason',
        '/contactEmail',
        '/signatory/jobTitle',
      ]);
      expect(await partitionItems(table, keys.organisation(org.id).pk)).toHaveLength(1);
    });

    it('answers 422 when a draft is submitted before its required answers are given', async () => {
      const email = 'early@input.example';
      const org = await enrolledOrganisation(app, email);
      const auth = await authFor({ email });
      const { id } = (await (
        await json(
          app,
          'POST',
          `/api/v1/organisations/${org.id}/statements`,
          { periodStart: '2025-04-01', periodEnd: '2026-03-31' },
          auth,
        )
      ).json()) as { id: string };
      const response = await json(app, 'POST', `/api/v1/statements/${id}/submit`, undefined, auth);
      expect(response.status).toBe(422);
      const paths = ((await response.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          '/isGroup',
          '/approvalDate',
          '/areas',
          '/sectors',
          '/turnover',
          '/statementUrl',
        ]),
      );
      expect(await getRevision(table.store, id, 1)).toBeUndefined();
    });

    it('answers 428 for a PUT without If-Match and 409 for a stale one', async () => {
      const email = 'etag@input.example';
      const org = await enrolledOrganisation(app, email);
      const auth = await authFor({ email });
      const { id } = (await (
        await json(
          app,
          'POST',
          `/api/v1/organisations/${org.id}/statements`,
          { ...validDocument(), submit: true },
          auth,
        )
      ).json()) as { id: string };
      expect((await json(app, 'PUT', `/api/v1/statements/${id}`, validDocument(), auth)).status).toBe(428);
      expect(
        (await json(app, 'PUT', `/api/v1/statements/${id}`, validDocument(), { ...auth, 'if-match': '0' }))
          .status,
      ).toBe(409);
      expect(await listRevisions(table.store, id)).toHaveLength(1);
    });

    it.each([
      ['PUT', '/api/v1/statements/01ARZ3NDEKTSV4RRFFQ69G5FAV', validDocument()],
      ['POST', '/api/v1/statements/01ARZ3NDEKTSV4RRFFQ69G5FAV/submit', undefined],
      ['POST', '/api/v1/statements/01ARZ3NDEKTSV4RRFFQ69G5FAV/withdraw', { reason: 'x' }],
      ['POST', '/api/v1/organisations/01ARZ3NDEKTSV4RRFFQ69G5FAV/statements', validDocument()],
    ])('answers 404 for %s %s (unknown id)', async (method, path, body) => {
      const response = await json(app, method, path, body, {
        ...(await authFor({ email: 'who@404.example' })),
        'if-match': '1',
      });
      expect(response.status).toBe(404);
    });

    it.each([
      ['no token', {}],
      ['a malformed header', { authorization: 'Basic abc' }],
      ['a forged token', { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' }],
    ])('answers 401 with %s', async (_what, headers) => {
      const response = await json(
        app,
        'POST',
        '/api/v1/enrolments',
        { code: 'AAAA-BBBB-CCCC-DDDD-EEEE' },
        headers,
      );
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    });

    it('answers 401 for a token from another issuer’s keys', async () => {
      const { createDevIssuer } = await import('../../functions/local/dev-issuer.ts');
      const stranger = await createDevIssuer();
      const token = await stranger.sign({ email: 'mallory@example.com', officer: true });
      const response = await app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(401);
    });
  });
});
