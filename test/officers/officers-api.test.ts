import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '../../functions/domain/rate-limits.ts';
import { flagPageSchema, flagSchema } from '../../schemas/flag.ts';
import { importResultSchema } from '../../schemas/organisation-import.ts';
import { authFor, testApp } from '../support/app.ts';
import { useTestTable } from '../support/table.ts';
import { seedOrganisation, seedStatement } from './support.ts';

const officer = { email: 'olive@officers.example', officer: true };
const submitter = { email: 'sam@acme.example' };

describe('compliance officers’ API', () => {
  const table = useTestTable();
  const json = (body: unknown) => JSON.stringify(body);
  let organisationId = '';
  let statementId = '';

  async function call(
    method: string,
    path: string,
    who?: { email: string; officer?: boolean },
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const { app } = testApp(table.store, undefined, { limits: DEFAULT_RATE_LIMITS });
    return app.request(path, {
      method,
      headers: {
        ...(who ? await authFor(who) : {}),
        ...(body === undefined
          ? {}
          : { 'content-type': typeof body === 'string' ? 'text/csv' : 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : json(body) }),
    });
  }

  beforeAll(async () => {
    const organisation = await seedOrganisation(table.store, {
      name: 'Acme Retail Ltd',
      financialYearEnd: '03-31',
      createdAt: '2024-02-01T09:00:00.000Z',
    });
    organisationId = organisation.id;
    statementId = await seedStatement(table.store, {
      organisation,
      periodStart: '2024-04-01',
      periodEnd: '2025-03-31',
      submittedAt: '2025-08-01T09:00:00.000Z',
      sectors: ['Cosmetics and toiletries'],
    });
  });

  describe('access: every officer route answers 401 anonymous, 403 to a submitter, 2xx to an officer', () => {
    const routes: { name: string; method: string; path: () => string; body?: () => unknown; ok: number }[] = [
      { name: 'list flags', method: 'GET', path: () => '/api/v1/flags', ok: 200 },
      { name: 'export flags', method: 'GET', path: () => '/api/v1/flags.csv', ok: 200 },
      {
        name: 'flag by hand',
        method: 'POST',
        path: () => '/api/v1/flags',
        body: () => ({ organisationId, note: 'Checked the website: no statement' }),
        ok: 201,
      },
      { name: 'sweep now', method: 'POST', path: () => '/api/v1/sweeps', body: () => ({}), ok: 202 },
      {
        name: 'dashboard figures',
        method: 'GET',
        path: () => '/api/v1/compliance/summary?year=2025',
        ok: 200,
      },
      {
        name: 'import organisations',
        method: 'POST',
        path: () => '/api/v1/organisations/import',
        body: () => 'name,companyNumber,entityType,financialYearEnd,turnover\nMatrix Ltd,,company,03-31,\n',
        ok: 200,
      },
      {
        name: 'list out-of-scope declarations',
        method: 'GET',
        path: () => '/api/v1/out-of-scope?year=2025',
        ok: 200,
      },
    ];
    const callers = [
      { who: 'anonymous', user: undefined, status: (_ok: number) => 401 },
      { who: 'a submitter', user: submitter, status: (_ok: number) => 403 },
      { who: 'an officer', user: officer, status: (ok: number) => ok },
    ];
    for (const route of routes) {
      for (const caller of callers) {
        it(`${route.method} ${route.name} → ${caller.status(route.ok)} for ${caller.who}`, async () => {
          const response = await call(route.method, route.path(), caller.user, route.body?.());
          expect(response.status).toBe(caller.status(route.ok));
        });
      }
    }

    it('GET, PATCH a flag and GET a sweep run answer 401/403 to others and 2xx to an officer', async () => {
      const flag = flagSchema.parse(
        await (
          await call('POST', '/api/v1/flags', officer, { organisationId, note: 'For the matrix' })
        ).json(),
      );
      const run = (await (await call('POST', '/api/v1/sweeps', officer, {})).json()) as { id: string };
      const cases = [
        { method: 'GET', path: `/api/v1/flags/${flag.id}`, body: undefined, ok: 200 },
        { method: 'PATCH', path: `/api/v1/flags/${flag.id}`, body: { note: 'Looked again' }, ok: 200 },
        { method: 'GET', path: `/api/v1/sweeps/${run.id}`, body: undefined, ok: 200 },
      ];
      for (const c of cases) {
        expect((await call(c.method, c.path, undefined, c.body)).status).toBe(401);
        expect((await call(c.method, c.path, submitter, c.body)).status).toBe(403);
        expect((await call(c.method, c.path, officer, c.body)).status).toBe(c.ok);
      }
    });
  });

  it('moves a flag open → contacted → resolved with notes, keeps every move, and refuses a bad move or a stale version', async () => {
    const created = flagSchema.parse(
      await (
        await call('POST', '/api/v1/flags', officer, { statementId, note: 'Signature looks wrong' })
      ).json(),
    );
    expect(created).toMatchObject({
      type: 'manual',
      status: 'open',
      organisationId,
      statementId,
      year: 2025,
    });
    expect(created.sectors).toEqual(['Cosmetics and toiletries']);

    const contacted = await call('PATCH', `/api/v1/flags/${created.id}`, officer, {
      status: 'contacted',
      note: 'Emailed the company secretary',
      assignee: 'olive@officers.example',
    });
    expect(contacted.status).toBe(200);
    const stale = await call(
      'PATCH',
      `/api/v1/flags/${created.id}`,
      officer,
      { status: 'resolved', note: 'x' },
      { 'if-match': '1' },
    );
    expect(stale.status).toBe(409);
    const resolved = flagSchema.parse(
      await (
        await call(
          'PATCH',
          `/api/v1/flags/${created.id}`,
          officer,
          { status: 'resolved', note: 'New signed version' },
          { 'if-match': '2' },
        )
      ).json(),
    );
    expect(resolved.status).toBe('resolved');
    expect(resolved.assignee).toBe('olive@officers.example');
    expect(
      resolved.history.map((entry) => [
        entry.action,
        entry.from ?? null,
        entry.to ?? null,
        entry.by,
        entry.note,
      ]),
    ).toEqual([
      ['raised', null, 'open', 'olive@officers.example', 'Signature looks wrong'],
      ['status', 'open', 'contacted', 'olive@officers.example', 'Emailed the company secretary'],
      ['status', 'contacted', 'resolved', 'olive@officers.example', 'New signed version'],
    ]);
    const backwards = await call('PATCH', `/api/v1/flags/${created.id}`, officer, {
      status: 'contacted',
      note: 'Oops',
    });
    expect(backwards.status).toBe(409);
    const noNote = await call('PATCH', `/api/v1/flags/${created.id}`, officer, { status: 'open' });
    expect(noNote.status).toBe(422);
    expect((await noNote.json()).errors).toEqual([{ path: '/note', message: 'Enter a note' }]);
    expect((await call('PATCH', '/api/v1/flags/nope', officer, { note: 'x' })).status).toBe(404);
  });

  it('pages through the queue with filters, never repeating or skipping a flag, and exports the same as CSV', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 7; i++) {
      const flag = flagSchema.parse(
        await (
          await call('POST', '/api/v1/flags', officer, { organisationId, year: 2024, note: `Paging ${i}` })
        ).json(),
      );
      ids.add(flag.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query = `/api/v1/flags?type=manual&year=2024&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = flagPageSchema.parse(await (await call('GET', query, officer)).json());
      seen.push(...page.items.map((flag) => flag.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(ids);

    const csv = await call('GET', '/api/v1/flags.csv?type=manual&year=2024', officer);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parse(await csv.text(), { columns: true }) as Record<string, string>[];
    expect(new Set(rows.map((row) => row.id))).toEqual(ids);
    expect(rows.every((row) => row.type === 'manual' && row.year === '2024')).toBe(true);

    const bySector = flagPageSchema.parse(
      await (
        await call(
          'GET',
          `/api/v1/flags?sector=${encodeURIComponent('Cosmetics and toiletries')}&limit=100`,
          officer,
        )
      ).json(),
    );
    expect(bySector.items.length).toBeGreaterThan(0);
    expect(bySector.items.every((flag) => flag.sectors.includes('Cosmetics and toiletries'))).toBe(true);

    const badCursor = await call('GET', '/api/v1/flags?cursor=nonsense', officer);
    expect(badCursor.status).toBe(400);
  });

  it('takes public reports: 202 into the queue, 404 for an unknown statement, 422 for a bad reason, 429 when flooded', async () => {
    const report = { statementId, reason: 'broken_link', details: 'The link goes to the home page' };
    const address = { 'cloudfront-viewer-address': '203.0.113.9:443' };
    const accepted = await call('POST', '/api/v1/reports', undefined, report, address);
    expect(accepted.status).toBe(202);
    const queue = flagPageSchema.parse(
      await (await call('GET', '/api/v1/flags?type=report', officer)).json(),
    );
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]).toMatchObject({
      type: 'report',
      statementId,
      reason: 'broken_link',
      status: 'open',
    });

    const unknown = await call(
      'POST',
      '/api/v1/reports',
      undefined,
      { ...report, statementId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' },
      address,
    );
    expect(unknown.status).toBe(404);
    const bad = await call('POST', '/api/v1/reports', undefined, { statementId, reason: 'spam' }, address);
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0].path).toBe('/reason');

    const flood = { 'cloudfront-viewer-address': '198.51.100.7:1234' };
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await call('POST', '/api/v1/reports', undefined, report, flood)).status);
    expect(statuses.slice(0, 10).every((status) => status === 202)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('imports a CSV idempotently on company number, with per-line errors and the new enrolment codes', async () => {
    const csv = [
      'name,companyNumber,entityType,financialYearEnd,turnover',
      'Bolt Logistics Ltd,01234567,company,03-31,£36 million to £60 million',
      '"Cord, Cable & Co LLP",OC123456,llp,12-31,',
      'Bad Year End,,company,02-30,',
      'Dup Number,01234567,company,03-31,',
      ',,company,03-31,',
    ].join('\n');
    const first = importResultSchema.parse(
      await (await call('POST', '/api/v1/organisations/import', officer, csv)).json(),
    );
    expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(first.errors.map((error) => error.line)).toEqual([4, 5, 6]);
    expect(first.errors[0]).toMatchObject({
      column: 'financialYearEnd',
      message: expect.stringMatching(/MM-DD/),
    });
    expect(first.errors[1]).toMatchObject({
      column: 'companyNumber',
      message: expect.stringMatching(/also on row 2/),
    });
    expect(first.enrolmentCodes.map((code) => [code.line, code.name, code.companyNumber])).toEqual([
      [2, 'Bolt Logistics Ltd', '01234567'],
      [3, 'Cord, Cable & Co LLP', 'OC123456'],
    ]);
    const enrol = await call(
      'POST',
      '/api/v1/enrolments',
      { email: 'bea@bolt.example' },
      { code: first.enrolmentCodes[0]?.enrolmentCode },
    );
    expect(enrol.status).toBe(201);

    const again = importResultSchema.parse(
      await (
        await call(
          'POST',
          '/api/v1/organisations/import',
          officer,
          csv.replace('Bolt Logistics Ltd', 'Bolt Logistics Limited'),
        )
      ).json(),
    );
    expect(again).toMatchObject({ created: 0, updated: 1, unchanged: 1, enrolmentCodes: [] });

    const wrongType = await call('POST', '/api/v1/organisations/import', officer, { not: 'csv' });
    expect(wrongType.status).toBe(415);
    const noHeader = importResultSchema.parse(
      await (await call('POST', '/api/v1/organisations/import', officer, 'a,b\n1,2\n')).json(),
    );
    expect(noHeader.errors[0]).toMatchObject({ line: 1 });
  });

  it('lets an enrolled user declare a year out of scope, and an officer challenge it', async () => {
    const imported = importResultSchema.parse(
      await (
        await call(
          'POST',
          '/api/v1/organisations/import',
          officer,
          'name,companyNumber,entityType,financialYearEnd,turnover\nEcho Ltd,07654321,company,03-31,\n',
        )
      ).json(),
    );
    const echo = imported.enrolmentCodes[0];
    if (!echo) throw new Error('no code');
    const member = { email: 'eve@echo.example' };
    expect((await call('POST', '/api/v1/enrolments', member, { code: echo.enrolmentCode })).status).toBe(201);
    const path = `/api/v1/organisations/${echo.organisationId}/out-of-scope`;

    const other = await call('POST', path, member, { year: 2025, reason: 'Other' });
    expect(other.status).toBe(422);
    expect((await other.json()).errors).toEqual([
      { path: '/otherReason', message: 'Say why the organisation is out of scope' },
    ]);
    const tooLong = await call('POST', path, member, {
      year: 2025,
      reason: 'Other',
      otherReason: 'x'.repeat(201),
    });
    expect(tooLong.status).toBe(422);
    expect(
      (await call('POST', path, submitter, { year: 2025, reason: 'Other', otherReason: 'Dormant' })).status,
    ).toBe(403);

    const declared = await call('POST', path, member, {
      year: 2025,
      reason: 'Its turnover or budget is less than £36 million per year',
    });
    expect(declared.status).toBe(201);
    const listed = (await (await call('GET', '/api/v1/out-of-scope?year=2025', officer)).json()) as {
      items: { organisationId: string; status: string }[];
    };
    expect(listed.items).toContainEqual(
      expect.objectContaining({ organisationId: echo.organisationId, status: 'declared' }),
    );

    const challenged = await call('POST', `${path}/2025/challenge`, officer, {
      note: 'Accounts show £80m turnover',
    });
    expect(challenged.status).toBe(200);
    expect(await challenged.json()).toMatchObject({ status: 'challenged', challenge: { by: officer.email } });
    expect((await call('POST', `${path}/2025/challenge`, officer, { note: 'again' })).status).toBe(409);
    expect(
      (await call('POST', path, member, { year: 2025, reason: 'It does not provide goods or services' }))
        .status,
    ).toBe(409);
    expect((await call('GET', `${path}/2025`, member)).status).toBe(200);
    expect((await call('GET', `${path}/2025`, officer)).status).toBe(200);
    expect((await call('GET', `${path}/2025`, submitter)).status).toBe(403);
    expect((await call('GET', `${path}/2025`)).status).toBe(401);
    expect((await call('POST', `${path}/2025/challenge`, undefined, { note: 'x' })).status).toBe(401);
    expect((await call('POST', `${path}/2025/challenge`, member, { note: 'x' })).status).toBe(403);
    expect(
      (await call('POST', path, undefined, { year: 2025, reason: 'Other', otherReason: 'x' })).status,
    ).toBe(401);
  });

  it('has no development outbox page in the deployed app', async () => {
    expect((await call('GET', '/dev/outbox', officer)).status).toBe(404);
  });

  it('records a notice on a flag: 201 with the notice, 422 naming the bad field, 404 for no flag, 403 to a submitter', async () => {
    const flag = (await (
      await call('POST', '/api/v1/flags', officer, { organisationId, note: 'Notice test' })
    ).json()) as { id: string; version: number };
    const notice = { channel: 'phone', to: '0113 496 0000', about: 'Called the company secretary' };
    const recorded = await call('POST', `/api/v1/flags/${flag.id}/notices`, officer, notice);
    expect(recorded.status).toBe(201);
    const body = (await recorded.json()) as {
      version: number;
      notices: unknown[];
      history: { action: string }[];
    };
    expect(body.notices).toEqual([{ ...notice, at: expect.any(String), by: officer.email }]);
    expect(body.history.at(-1)?.action).toBe('notice');
    expect(body.version).toBe(flag.version + 1);
    const bad = await call('POST', `/api/v1/flags/${flag.id}/notices`, officer, {
      ...notice,
      channel: 'fax',
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('/channel');
    expect(
      (await call('POST', '/api/v1/flags/01ARZ3NDEKTSV4RRFFQ69G5FAV/notices', officer, notice)).status,
    ).toBe(404);
    expect(
      (await call('POST', `/api/v1/flags/${flag.id}/notices`, { email: 'sam@acme.example' }, notice)).status,
    ).toBe(403);
  });

  it('describes every officers’ route in the OpenAPI document', async () => {
    const response = await call('GET', '/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const paths = Object.keys(((await response.json()) as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/flags',
        '/api/v1/flags.csv',
        '/api/v1/flags/{id}',
        '/api/v1/flags/{id}/notices',
        '/api/v1/sweeps',
        '/api/v1/sweeps/{id}',
        '/api/v1/compliance/summary',
        '/api/v1/organisations/import',
        '/api/v1/organisations/{orgId}/out-of-scope',
        '/api/v1/organisations/{orgId}/out-of-scope/{year}',
        '/api/v1/organisations/{orgId}/out-of-scope/{year}/challenge',
        '/api/v1/organisations/{orgId}/out-of-scope/{year}/accept',
        '/api/v1/out-of-scope',
        '/api/v1/reports',
      ]),
    );
  });
});
