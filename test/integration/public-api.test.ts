import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { entrySummary } from '../../functions/app/atom-feed.ts';
import { runCheck } from '../../functions/checker/run-check.ts';
import { defaultTagger } from '../../functions/checker/tagger/model.ts';
import { OPEN_DATA_HEADER } from '../../functions/domain/open-data.ts';
import { reindexStatement } from '../../functions/worker/index-statement.ts';
import { publicStatementSchema, statementViewSchema } from '../../schemas/public-statement.ts';
import { searchPageSchema } from '../../schemas/search.ts';
import { scannedPdf } from '../checker/fixtures.ts';
import {
  checkResultFor,
  putCheckResult,
  putOrganisation,
  putStatement,
  type SeededStatement,
} from '../public/fixtures.ts';
import { testApp } from '../support/app.ts';
import { useTestTable } from '../support/table.ts';

describe('the public JSON API', () => {
  const table = useTestTable();
  const index = (statement: SeededStatement) =>
    reindexStatement(table.store, statement.header.id, { now: () => '2026-01-01T00:00:00.000Z' });
  const get = async (path: string) => {
    const { app, errors } = testApp(table.store);
    const response = await app.request(path);
    expect(errors).toEqual([]);
    return response;
  };

  it('searches by name and answers a page with a cursor and a public cache header', async () => {
    for (let i = 0; i < 3; i++) {
      const organisation = await putOrganisation(table.store, { name: `Larkspur Ceramics ${i} Ltd` });
      await index(await putStatement(table.store, { organisation }));
    }
    const response = await get('/api/v1/statements?q=larkspur&limit=2&sort=name');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=60, s-maxage=60/);
    const page = searchPageSchema.parse(await response.json());
    expect(page.items.map((i) => i.organisationName)).toEqual([
      'Larkspur Ceramics 0 Ltd',
      'Larkspur Ceramics 1 Ltd',
    ]);
    const next = searchPageSchema.parse(
      await (await get(`/api/v1/statements?q=larkspur&limit=2&sort=name&cursor=${page.nextCursor}`)).json(),
    );
    expect(next).toEqual({
      items: [expect.objectContaining({ organisationName: 'Larkspur Ceramics 2 Ltd' })],
      nextCursor: null,
    });
  });

  it('finds a name by the start of a word other than the first', async () => {
    await index(
      await putStatement(table.store, {
        organisation: await putOrganisation(table.store, { name: 'Tesco Larkspurstores Ltd' }),
      }),
    );
    for (const q of ['larkspurstores', 'larkspursto', 'tesco']) {
      const page = searchPageSchema.parse(await (await get(`/api/v1/statements?q=${q}`)).json());
      expect(
        page.items.map((i) => i.organisationName),
        q,
      ).toContain('Tesco Larkspurstores Ltd');
    }
  });

  it.each([
    ['sector=Bananas', '/sector'],
    ['turnover=lots', '/turnover'],
    ['year=1999', '/year'],
    ['rating=excellent', '/rating'],
    ['limit=101', '/limit'],
    ['companyNumber=12', '/companyNumber'],
    ['q=x', '/q'],
  ])('answers 422 naming the field for %s', async (query, path) => {
    const response = await get(`/api/v1/statements?${query}`);
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect((await response.json()).errors).toEqual([expect.objectContaining({ path })]);
  });

  it('answers 400 for a cursor it did not give', async () => {
    const response = await get('/api/v1/statements?q=larkspur&cursor=bm90LWEtY3Vyc29y');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('shows a statement’s latest revision with its check result, and each earlier revision', async () => {
    const organisation = await putOrganisation(table.store, {
      name: 'Wrenfield Textiles Ltd',
      companyNumber: '04444444',
    });
    const seeded = await putStatement(table.store, {
      organisation,
      earlier: [{ statementUrl: 'https://wrenfield.example/old' }],
      document: { statementUrl: 'https://wrenfield.example/new' },
    });
    const checked = await putCheckResult(
      table.store,
      seeded,
      checkResultFor({ meetsLegalMinimum: true, areasCovered: 5, rating: 'adequate' }, [
        { text: 'This statement was approved by the Board of Directors.', tags: ['approval'] },
        { text: 'We train our buyers.', tags: ['training'] },
      ]),
    );
    const response = await get(`/api/v1/statements/${seeded.header.id}`);
    expect(response.status).toBe(200);
    const view = statementViewSchema.parse(await response.json());
    expect(view.statement).toMatchObject({
      id: seeded.header.id,
      revision: 2,
      organisationName: 'Wrenfield Textiles Ltd',
      check: { rating: 'adequate' },
      document: { statementUrl: 'https://wrenfield.example/new' },
    });
    // Nothing was pasted: the text is fetched from statementUrl (the check result carries it).
    expect(view.statement.document).not.toHaveProperty('statementText');
    expect(view.checkResult?.findings[0]?.evidence[0]?.text).toContain('Board of Directors');
    expect(view.revisions.map((r) => r.revision)).toEqual([1, 2]);
    expect(checked.header.check?.rating).toBe('adequate');

    const first = statementViewSchema.parse(
      await (await get(`/api/v1/statements/${seeded.header.id}/revisions/1`)).json(),
    );
    expect(first.statement).toMatchObject({
      revision: 1,
      document: { statementUrl: 'https://wrenfield.example/old' },
      check: null,
    });
    expect((await get(`/api/v1/statements/${seeded.header.id}/revisions/3`)).status).toBe(404);
  });

  it('answers 404 for unknown ids and statements never submitted', async () => {
    const organisation = await putOrganisation(table.store, { name: 'Hidden Drafts Ltd' });
    const draft = await putStatement(table.store, { organisation, status: 'draft' });
    for (const path of [
      `/api/v1/statements/${draft.header.id}`,
      '/api/v1/statements/01JDQ8Z4V6W4Y0B3C9E7K2M5N8',
      '/api/v1/organisations/01JDQ8Z4V6W4Y0B3C9E7K2M5N8',
      '/api/v1/downloads/statements-2025.xlsx',
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it('lists an organisation’s statements by year, showing years past their deadline without one as missing', async () => {
    const organisation = await putOrganisation(table.store, {
      name: 'Gapyear Holdings Ltd',
      financialYearEnd: '03-31',
      createdAt: '2022-05-01T00:00:00.000Z',
    });
    const period = (year: number) => ({
      periodStart: `${year - 1}-04-01`,
      periodEnd: `${year}-03-31`,
      approvalDate: `${year}-06-01`,
    });
    await putStatement(table.store, {
      organisation,
      document: period(2022),
      submittedAt: '2022-07-01T00:00:00.000Z',
    });
    await putStatement(table.store, {
      organisation,
      document: period(2024),
      submittedAt: '2024-12-01T00:00:00.000Z',
    });
    // The clock is 29 November 2026: the 2026 year (period to 31 March 2026) was due 30 September 2026.
    const view = await (await get(`/api/v1/organisations/${organisation.id}`)).json();
    expect(view.years.map((y: { year: number; status: string }) => `${y.year} ${y.status}`)).toEqual([
      '2026 missing',
      '2025 missing',
      '2024 submitted',
      '2023 missing',
      '2022 submitted',
    ]);
    expect(view.years[2].statement).toMatchObject({ late: true, deadline: '2024-09-30' });
    expect(view.years[4].statement).toMatchObject({ late: false });
  });

  it.each(['1999', '2099'])(
    'answers an empty file for %s, a year with no statements (CSV: the header only)',
    async (year) => {
      const csv = await get(`/api/v1/downloads/statements-${year}.csv`);
      expect(csv.status).toBe(200);
      const lines = (await csv.text()).split('\r\n').filter(Boolean);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^StatementYear,StatementId,/);
      const jsonl = await get(`/api/v1/downloads/statements-${year}.jsonl`);
      expect(jsonl.status).toBe(200);
      expect(await jsonl.text()).toBe('');
    },
  );

  it('neutralises spreadsheet formulas in the open-data CSV (a cell starting =, +, -, @ is prefixed with a quote)', async () => {
    const organisation = await putOrganisation(table.store, {
      name: '=HYPERLINK("http://evil.example","Click")',
    });
    const seeded = await putStatement(table.store, {
      organisation,
      document: { periodStart: '2018-04-01', periodEnd: '2019-03-31', approvalDate: '2019-06-30' },
    });
    await index(
      await putCheckResult(
        table.store,
        seeded,
        checkResultFor({ meetsLegalMinimum: true, areasCovered: 6, rating: 'adequate' }),
      ),
    );
    const rows = parse(await (await get('/api/v1/downloads/statements-2019.csv')).text(), {
      columns: true,
    }) as Record<string, string>[];
    expect(rows.map((row) => row.OrganisationName)).toEqual(['\'=HYPERLINK("http://evil.example","Click")']);
  });

  it('downloads a year as RFC 4180 CSV that parses back with commas, quotes and line breaks intact', async () => {
    const organisation = await putOrganisation(table.store, {
      name: 'Comma, "Quote" & Sons Ltd',
      companyNumber: 'SC654321',
    });
    const seeded = await putStatement(table.store, {
      organisation,
      document: {
        periodStart: '2020-04-01',
        periodEnd: '2021-03-31',
        approvalDate: '2021-06-30',
        sectors: ['Automotive, machinery and heavy electrical equipment', 'Other'],
        sectorsOther: 'Bells, "whistles"',
        summary: { progress: 'First line,\r\nsecond "quoted" line\nthird line' },
      },
    });
    await index(
      await putCheckResult(
        table.store,
        seeded,
        checkResultFor({ meetsLegalMinimum: false, areasCovered: 3, rating: 'non_compliant' }),
      ),
    );
    const response = await get('/api/v1/downloads/statements-2021.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('cache-control')).toMatch(/^public/);
    const text = await response.text();
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...OPEN_DATA_HEADER]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      StatementYear: '2021',
      StatementId: seeded.header.id,
      OrganisationName: 'Comma, "Quote" & Sons Ltd',
      CompanyNumber: 'SC654321',
      GroupSubmission: 'No',
      StatementStartDate: '2020-04-01',
      StatementEndDate: '2021-03-31',
      ApprovingPerson: 'Ann Smith, Director',
      StatementIncludesTraining: 'No',
      StatementNoTrainingReason: 'Programme starts next year, "phase 2"',
      OrganisationSectors: 'Automotive, machinery and heavy electrical equipment|Other',
      OtherSector: 'Bells, "whistles"',
      Turnover: 'Over £500 million',
      DemonstratingProgress: 'First line,\r\nsecond "quoted" line\nthird line',
      CheckMeetsLegalMinimum: 'No',
      CheckRating: 'non_compliant',
      CheckFailedLegalRules: 'uk-approval',
      CheckWarnings: 'uk-area-training',
    });
  });

  it('rates a scanned statement not determined, and says so in search, its filter, the CSV, the page and the feed', async () => {
    const organisation = await putOrganisation(table.store, { name: 'Quillon Scanned Papers Ltd' });
    const seeded = await putStatement(table.store, {
      organisation,
      document: { periodStart: '2022-04-01', periodEnd: '2023-03-31' },
    });
    const { result } = await runCheck(
      {},
      { kind: 'document', bytes: await scannedPdf(2), hint: 'pdf' },
      { tagger: defaultTagger(), now: new Date('2023-08-01') },
    );
    expect(result.summary).toEqual({ meetsLegalMinimum: null, areasCovered: 0, rating: 'not_determined' });
    await index(await putCheckResult(table.store, seeded, result));

    const filtered = searchPageSchema.parse(
      await (await get('/api/v1/statements?rating=not_determined')).json(),
    );
    expect(filtered.items.map((i) => i.organisationName)).toEqual(['Quillon Scanned Papers Ltd']);
    const weak = searchPageSchema.parse(await (await get('/api/v1/statements?q=quillon&rating=weak')).json());
    expect(weak.items).toEqual([]);

    const rows = parse(await (await get('/api/v1/downloads/statements-2023.csv')).text(), {
      columns: true,
    }) as Record<string, string>[];
    expect(rows).toEqual([
      expect.objectContaining({
        OrganisationName: 'Quillon Scanned Papers Ltd',
        CheckRating: 'not_determined',
        CheckMeetsLegalMinimum: '',
      }),
    ]);

    const html = await (await get(`/statements/${seeded.header.id}`)).text();
    expect(html).toContain('>Not determined</strong>');
    expect(html).toContain(
      'Not determined: the register could not read this statement well enough to rate it.',
    );
    expect(html).not.toMatch(/>Weak</);
    expect(entrySummary(filtered.items[0]!)).toBe(
      'Reporting period 2022-04-01 to 2023-03-31. Check: Not determined: the register could not read this statement well enough to rate it; Legal minimum not determined; 0 of 6 areas covered.',
    );
  });

  it('downloads a year as JSON lines, each exactly the API’s statement', async () => {
    const response = await get('/api/v1/downloads/statements-2021.jsonl');
    expect(response.status).toBe(200);
    const lines = (await response.text()).trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const line = publicStatementSchema.parse(JSON.parse(lines[0]!));
    const view = statementViewSchema.parse(await (await get(`/api/v1/statements/${line.id}`)).json());
    expect(line).toEqual(view.statement);
    expect(JSON.parse(lines[0]!)).toEqual(JSON.parse(JSON.stringify(view.statement)));
  });

  it('documents every public route in the OpenAPI document, with examples', async () => {
    const doc = await (await get('/api/v1/openapi.json')).json();
    for (const path of [
      '/api/v1/statements',
      '/api/v1/statements/{id}',
      '/api/v1/statements/{id}/revisions/{n}',
      '/api/v1/organisations/{id}',
      '/api/v1/statistics',
      '/api/v1/downloads/statements-{year}.csv',
      '/api/v1/downloads/statements-{year}.jsonl',
    ]) {
      expect(doc.paths[path]?.get, path).toBeDefined();
    }
    const search = doc.paths['/api/v1/statements'].get;
    expect(search.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining([
        'q',
        'companyNumber',
        'sector',
        'turnover',
        'year',
        'rating',
        'sort',
        'cursor',
        'limit',
      ]),
    );
    expect(search.responses['200'].content['application/json'].example.items).toHaveLength(1);
    // Every example is what the route's own schema accepts.
    const statementExample =
      doc.paths['/api/v1/statements/{id}'].get.responses['200'].content['application/json'].example;
    expect(statementViewSchema.safeParse(statementExample).success).toBe(true);
    const searchExample = search.responses['200'].content['application/json'].example;
    expect(searchPageSchema.safeParse(searchExample).success).toBe(true);
  });
});
