import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { main } from '../../functions/cli/main.ts';
import { createMemoryArchive } from '../../functions/domain/archive.ts';
import { GovCsvHeaderError, readGovCsv } from '../../functions/domain/gov-import/gov-csv.ts';
import { type GovStatement, readGovStatements } from '../../functions/domain/gov-import/gov-statement.ts';
import { importedStatementId, importGovStatements } from '../../functions/domain/gov-import/import-gov.ts';
import { planSearch } from '../../functions/domain/search/plan.ts';
import { createStreamPoller } from '../../functions/local/stream-poller.ts';
import { claimFetch } from '../../functions/store/gov-import/claim-fetch.ts';
import { searchStatements } from '../../functions/store/search/search-statements.ts';
import { getRevision } from '../../functions/store/statements/get-revision.ts';
import { getStatement } from '../../functions/store/statements/get-statement.ts';
import { listStatementsOfOrganisation } from '../../functions/store/statements/list-statements-of-organisation.ts';
import { getStatementPage } from '../../functions/store/statements/statement-page.ts';
import { createCheckRevisionReactor } from '../../functions/worker/check-revision.ts';
import { createIndexStatementReactor } from '../../functions/worker/index-statement.ts';
import { processChanges } from '../../functions/worker/process-changes.ts';
import { authFor, testApp } from '../support/app.ts';
import { testRegion, useTestTable } from '../support/table.ts';

const here = path.dirname(new URL(import.meta.url).pathname);
const fixture = (name: string) => path.join(here, name);
const FILES = [fixture('StatementSummaries2022.csv'), fixture('StatementSummaries2024.csv')];

async function read(files: string[]) {
  async function* rows() {
    for (const file of files) yield* readGovCsv(createReadStream(file), path.basename(file));
  }
  return readGovStatements(rows());
}

const bySource = (statements: GovStatement[], id: string) => {
  const found = statements.find((s) => s.sourceId === id);
  if (!found) throw new Error(`no statement ${id}`);
  return found;
};

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk) => out.push(String(chunk)));
  stderr.on('data', (chunk) => err.push(String(chunk)));
  return { io: { stdin: Readable.from([]), stdout, stderr }, out, err };
}

describe('reading the government registry’s CSV files', () => {
  it('reads quoted commas, line breaks in fields, group member rows, repeated rows and both date forms', async () => {
    const reading = await read(FILES);
    expect(reading.rows).toBe(9);
    expect(reading.duplicateRows).toBe(1);
    expect(reading.statements.map((s) => s.sourceId).sort()).toEqual([
      '700101',
      '810001',
      '810002',
      '810005',
      '810006',
    ]);
    const acme = bySource(reading.statements, '810001');
    expect(acme.document.sectors).toEqual([
      'Food and beverages, agriculture and fishing',
      'Transportation, logistics, and storage',
    ]);
    expect(acme.document.summary?.risks?.[0]).toMatchObject({
      countries: ['ES', 'MA'],
      actions:
        'We audit the agencies, and repay any fee a worker was charged.\nTwelve workers were repaid in 2023.',
    });
    expect(acme.document.signatory).toEqual({ firstName: 'Ann', lastName: 'Smith', jobTitle: 'Director' });
    expect(acme.document.areas.training).toEqual({
      covered: false,
      reason: 'Training starts next year, once the new supplier code is agreed',
    });
    const group = bySource(reading.statements, '810002');
    expect(group.organisation.name).toBe('Northwind Holdings plc');
    expect(group.document.isGroup).toBe(true);
    expect(group.document.groupMembers).toEqual([
      { name: 'Northwind Construction Limited', companyNumber: '02345678' },
      { name: 'Northwind Facilities (Overseas) B.V.', companyNumber: null },
    ]);
    expect(group.document.areas.riskAssessment.reason).toContain('"mapping"');
    const quiet = bySource(reading.statements, '810005');
    expect(quiet).toMatchObject({
      organisation: { companyNumber: '01234568' },
      document: { statementUrl: null, contactEmail: 'compliance@quietmill.example', periodEnd: '2024-05-31' },
    });
    const charity = bySource(reading.statements, '810006');
    expect(charity.organisation).toEqual({
      name: 'Helping Hands Trust',
      companyNumber: null,
      entityType: 'charity',
    });
    expect(charity.document).toMatchObject({
      statementUrl: 'https://www.helpinghands.example/slavery',
      sectors: ['Charitable / not-for-profit activities', 'Other'],
      sectorsOther: 'Space tourism',
    });
  });

  it('reads a file of the first years, without the summary columns', async () => {
    const reading = await read([fixture('StatementSummaries2022.csv')]);
    expect(reading.issues).toEqual([]);
    expect(bySource(reading.statements, '700101').document).toMatchObject({
      periodEnd: '2022-03-31',
      turnover: '£60 million to £100 million',
      yearsProducing: 'Not provided',
    });
  });

  it('refuses a statement with an impossible date, naming its file and line', async () => {
    const reading = await read(FILES);
    expect(reading.issues).toEqual([
      {
        file: 'StatementSummaries2024.csv',
        line: 27,
        sourceId: '810003',
        message: 'StatementEndDate "31/02/2024" is not a date',
      },
    ]);
  });

  it('refuses a file that is not one of the registry’s', async () => {
    const rows = readGovCsv(Readable.from(['name,companyNumber\r\nAcme,01234567\r\n']), 'orgs.csv');
    await expect(rows.next()).rejects.toThrow(GovCsvHeaderError);
  });
});

describe('register import-gov', () => {
  const table = useTestTable();
  const clock = () => new Date('2026-12-07T09:00:00.000Z');
  const countItems = async () => {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await table.store.doc.send(
        new ScanCommand({ TableName: table.store.tableName, Select: 'COUNT', ExclusiveStartKey: start }),
      );
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    return count;
  };
  const worker = () => {
    const deps = { store: table.store, clock, log: () => {}, archive: createMemoryArchive() };
    const reactors = [createIndexStatementReactor(deps), createCheckRevisionReactor(deps)];
    return createStreamPoller({
      client: table.store.client,
      endpoint: table.endpoint,
      region: testRegion,
      tableName: table.store.tableName,
      handle: async (changes) =>
        (
          await processChanges(changes, reactors, (_change, error) => {
            throw error;
          })
        ).firstFailure,
      onError: (error) => {
        throw error;
      },
    });
  };
  const stream = worker();
  let firstImportedAt: string | undefined;
  const run = async (files: string[]) => {
    const { io: streams, out } = io();
    const code = await main(
      ['import-gov', ...files, '--endpoint', table.endpoint, '--table', table.store.tableName, '--json'],
      streams,
    );
    expect(code).toBe(0);
    return JSON.parse(out.join('')) as Record<string, unknown>;
  };

  it('imports the files into organisations and statements marked as imported, and a second run changes nothing', async () => {
    const first = await run(FILES);
    expect(first).toMatchObject({
      rows: 9,
      duplicateRows: 1,
      statements: 5,
      created: 5,
      revised: 0,
      unchanged: 0,
      organisationsCreated: 4,
    });
    await stream.drain();
    const items = await countItems();

    const second = await run(FILES);
    expect(second).toMatchObject({ created: 0, revised: 0, unchanged: 5, organisationsCreated: 0 });
    await stream.drain();
    expect(await countItems()).toBe(items);
  });

  it('keeps the registry’s statement id as the source reference, with the import date', async () => {
    const reading = await read(FILES);
    const acme = bySource(reading.statements, '810001');
    const header = await getStatement(table.store, importedStatementId(acme));
    expect(header).toMatchObject({
      organisationName: 'Acme Retail Ltd',
      status: 'submitted',
      revision: 1,
      year: 2024,
      imported: { registry: 'uk-government', sourceId: '810001' },
    });
    firstImportedAt = header?.imported?.importedAt;
    expect(Date.parse(firstImportedAt ?? '')).toBeGreaterThan(Date.parse('2026-01-01'));
    const revision = await getRevision(table.store, importedStatementId(acme), 1);
    expect(revision?.imported).toMatchObject({ registry: 'uk-government', sourceId: '810001' });
    // Both of Acme's years are on one organisation, found by its company number.
    const statements = await listStatementsOfOrganisation(table.store, header!.organisationId);
    expect(statements.map((s) => s.year).sort()).toEqual([2022, 2024]);
  });

  it('makes the statements searchable at once, by name and by group member', async () => {
    const names = async (q: string) =>
      (await searchStatements(table.store, planSearch({ sort: 'relevance', q }), { limit: 20 })).items.map(
        (item) => item.organisationName,
      );
    expect(await names('Northwind Holdings')).toEqual(['Northwind Holdings plc']);
    expect(await names('Northwind Facilities')).toEqual(['Northwind Holdings plc']);
    expect(await names('Helping Hands')).toEqual(['Helping Hands Trust']);
  });

  it('marks offline imports “document not fetched”, and those without an address too', async () => {
    const reading = await read(FILES);
    const fetchOf = async (id: string) =>
      (await getStatement(table.store, importedStatementId(bySource(reading.statements, id))))?.documentFetch;
    expect(await fetchOf('810001')).toMatchObject({ status: 'not_fetched', reason: 'offline', revision: 1 });
    expect(await fetchOf('810005')).toMatchObject({ status: 'not_fetched', reason: 'no_address' });
  });

  it('shows an imported statement as imported, with its document not fetched, on its page and in the API', async () => {
    const reading = await read(FILES);
    const id = importedStatementId(bySource(reading.statements, '810002'));
    const { app } = testApp(table.store);
    const page = await (await app.request(`/statements/${id}`)).text();
    expect(page).toContain('Imported from the government registry on');
    expect(page).toContain('the registry’s statement 810002');
    expect(page).toContain('Document not fetched');
    expect(page).toContain('Northwind Facilities (Overseas) B.V.');
    // The page was read from its own small item, as a submitted statement's is.
    const own = await getStatementPage(table.store, id, 1);
    expect(own.revision).toMatchObject({ revision: 1, history: [{ revision: 1 }] });
    expect(own.revision?.document.statementText).toBeUndefined();
    const body = (await (await app.request(`/api/v1/statements/${id}`)).json()) as {
      statement: Record<string, unknown>;
    };
    expect(body.statement).toMatchObject({
      imported: { registry: 'uk-government', sourceId: '810002' },
      documentFetch: { status: 'not_fetched', reason: 'offline' },
      check: null,
    });
  });

  it('makes a new revision of a statement whose row changed, and leaves the others', async () => {
    const result = await run([fixture('StatementSummaries2024-changed.csv')]);
    expect(result).toMatchObject({ created: 0, revised: 1, unchanged: 0 });
    await stream.drain();
    const reading = await read([fixture('StatementSummaries2024-changed.csv')]);
    const id = importedStatementId(bySource(reading.statements, '810001'));
    const header = await getStatement(table.store, id);
    expect(header).toMatchObject({
      revision: 2,
      turnover: 'Over £500 million',
      // The import date stays the first import's; the revision carries its own.
      imported: { sourceId: '810001', importedAt: firstImportedAt },
      documentFetch: { revision: 2, reason: 'offline' },
    });
    expect((await getRevision(table.store, id, 1))?.document.turnover).toBe('£100 million to £500 million');
    expect((await getRevision(table.store, id, 2))?.document.areas.training).toEqual({ covered: true });
  });

  it('writes the import with the domain function at the stated parallelism, answering what it did', async () => {
    const reading = await read(FILES);
    const again = await importGovStatements(table.store, reading.statements, clock, { parallel: 2 });
    // Acme's 2024 row in these files differs from the changed one imported last: a third revision.
    expect(again).toMatchObject({ created: 0, revised: 1, unchanged: 4, issues: [] });
  });

  it('takes the same files on the officers’ page, for officers only', async () => {
    const { app } = testApp(table.store);
    const origin = 'http://localhost';
    const officer = await authFor({ email: 'olive@officers.example', officer: true });
    const submitter = await authFor({ email: 'sam@acme.example' });
    expect((await app.request(`${origin}/officers/import-gov`, { headers: submitter })).status).toBe(403);
    expect((await app.request(`${origin}/officers/import-gov`, { headers: officer })).status).toBe(200);
    const body = new FormData();
    for (const file of FILES) {
      body.append('files', new File([await readFile(file)], path.basename(file), { type: 'text/csv' }));
    }
    const response = await app.request(`${origin}/officers/import-gov`, {
      method: 'POST',
      headers: { ...officer, origin },
      body,
    });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('Government registry import finished');
    const text = page.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    // Everything was imported by the tests above: the page's run finds all five unchanged.
    expect(text).toContain(
      'Statements in the files 5 New statements 0 New revisions (changed rows) 0 Unchanged 5',
    );
    expect(page).toContain(
      'StatementSummaries2024.csv line 27: StatementEndDate &quot;31/02/2024&quot; is not a date',
    );

    const wrong = new FormData();
    wrong.append(
      'files',
      new File(['name,companyNumber\nAcme,01234567\n'], 'orgs.csv', { type: 'text/csv' }),
    );
    const refused = await app.request(`${origin}/officers/import-gov`, {
      method: 'POST',
      headers: { ...officer, origin },
      body: wrong,
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('not a file of the government registry');
  });

  it('fetches politely: a per-host rate per minute and a daily budget, kept in the table', async () => {
    const at = new Date('2026-12-07T10:00:10.000Z');
    const policy = { perHostPerMinute: 2, dailyBudget: 3 };
    expect(await claimFetch(table.store, 'a.example', at, policy)).toBe('ok');
    expect(await claimFetch(table.store, 'a.example', at, policy)).toBe('ok');
    expect(await claimFetch(table.store, 'a.example', at, policy)).toBe('host_rate');
    expect(await claimFetch(table.store, 'a.example', new Date('2026-12-07T10:01:00.000Z'), policy)).toBe(
      'ok',
    );
    expect(await claimFetch(table.store, 'b.example', at, policy)).toBe('daily_budget');
    expect(await claimFetch(table.store, 'b.example', new Date('2026-12-08T00:00:01.000Z'), policy)).toBe(
      'ok',
    );
  });
});
