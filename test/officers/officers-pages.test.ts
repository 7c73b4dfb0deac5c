import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { newCodesKeyPair } from '../../functions/domain/compliance/sealed-codes.ts';
import { flagSchema } from '../../schemas/flag.ts';
import { SECTORS } from '../../schemas/registry-options.ts';
import { authFor, fixedNow, testApp } from '../support/app.ts';
import { useTestTable } from '../support/table.ts';
import { complianceWorker, seedOrganisation, seedStatement } from './support.ts';

const officer = { email: 'olive@officers.example', officer: true };
const submitter = { email: 'sam@acme.example' };
const origin = 'http://localhost';

describe('compliance officers’ pages', () => {
  const table = useTestTable();
  let flagId = '';
  let statementId = '';

  async function request(
    method: string,
    path: string,
    who?: { email: string; officer?: boolean },
    body?: BodyInit,
    headers: Record<string, string> = {},
  ) {
    const { app } = testApp(table.store);
    return app.request(`${origin}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...(who ? await authFor(who) : {}), ...(method === 'POST' ? { origin } : {}), ...headers },
      ...(body === undefined ? {} : { body }),
    });
  }

  const form = (fields: Record<string, string>) => new URLSearchParams(fields);

  beforeAll(async () => {
    const organisation = await seedOrganisation(table.store, {
      name: 'Acme Retail Ltd',
      financialYearEnd: '03-31',
      createdAt: '2024-02-01T09:00:00.000Z',
    });
    statementId = await seedStatement(table.store, {
      organisation,
      periodStart: '2024-04-01',
      periodEnd: '2025-03-31',
      submittedAt: '2025-08-01T09:00:00.000Z',
    });
    const { app } = testApp(table.store);
    const response = await app.request('/api/v1/flags', {
      method: 'POST',
      headers: { ...(await authFor(officer)), 'content-type': 'application/json' },
      body: JSON.stringify({ organisationId: organisation.id, note: 'No homepage link' }),
    });
    flagId = flagSchema.parse(await response.json()).id;
  });

  const pages = () => [
    '/officers',
    '/officers/flags',
    `/officers/flags/${flagId}`,
    '/officers/flags/new',
    '/officers/import',
    '/officers/out-of-scope',
    '/officers/figures/received',
    '/officers/figures/flags?year=2026',
    '/officers/figures/sectors?page=1',
  ];

  it('sends anonymous visitors to sign in, refuses submitters (403) and shows officers every page', async () => {
    for (const path of pages()) {
      const anonymous = await request('GET', path);
      expect(anonymous.status, path).toBe(303);
      expect(anonymous.headers.get('location'), path).toMatch(/^\/sign-in\?next=/);
      expect((await request('GET', path, submitter)).status, path).toBe(403);
      const page = await request('GET', path, officer);
      expect(page.status, path).toBe(200);
      expect(page.headers.get('content-type'), path).toMatch(/^text\/html/);
    }
    const posts: { path: string; body: Record<string, string> }[] = [
      { path: '/officers/sweeps', body: {} },
      { path: `/officers/flags/${flagId}`, body: { note: 'A note' } },
      { path: '/officers/flags', body: { organisationId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', note: 'A note' } },
      { path: '/officers/import', body: {} },
      { path: '/officers/out-of-scope/01ARZ3NDEKTSV4RRFFQ69G5FAV/2025/challenge', body: { note: 'A note' } },
      { path: '/officers/out-of-scope/01ARZ3NDEKTSV4RRFFQ69G5FAV/2025/accept', body: { note: 'A note' } },
    ];
    for (const post of posts) {
      expect((await request('POST', post.path, undefined, form(post.body))).status).toBe(303);
      expect((await request('POST', post.path, submitter, form(post.body))).status).toBe(403);
    }
  });

  it.each([
    { who: 'an officer', officer: 'yes', next: '/account', lands: '/officers' },
    {
      who: 'an officer who asked for a page',
      officer: 'yes',
      next: '/officers/flags',
      lands: '/officers/flags',
    },
    { who: 'a business', officer: undefined, next: '/account', lands: '/account' },
  ])('lands $who on $lands after signing in', async ({ officer: isOfficer, next, lands }) => {
    const signedIn = await request(
      'POST',
      '/sign-in',
      undefined,
      form({ email: 'someone@example.com', next, ...(isOfficer ? { officer: isOfficer } : {}) }),
    );
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe(lands);
  });

  it('puts what needs doing and the sweep button first on the dashboard, and shows a requested sweep’s progress until it finishes', {
    timeout: 60_000,
  }, async () => {
    const organisation = await seedOrganisation(table.store, {
      name: 'Dash Ltd',
      financialYearEnd: '03-31',
      createdAt: '2024-02-01T09:00:00.000Z',
    });
    const raised = await request(
      'POST',
      '/officers/flags',
      officer,
      form({ organisationId: organisation.id, year: '2026', note: 'Check the homepage link' }),
    );
    expect(raised.status).toBe(303);
    await complianceWorker(table, () => fixedNow).poller.drain();
    const before = await (await request('GET', '/officers', officer)).text();
    const todo = before.indexOf('id="todo"');
    expect(todo).toBeGreaterThan(0);
    expect(before.indexOf('Run the sweep now')).toBeLessThan(before.indexOf('id="headline-figures"'));
    // The details are on their own pages, linked from the dashboard (its header's crown is the only svg).
    expect(before.indexOf('<svg', before.indexOf('</header>'))).toBe(-1);
    for (const figures of ['received', 'flags', 'sectors']) {
      const href = `/officers/figures/${figures}?year=2026`;
      expect(before).toContain(`href="${href}"`);
      const detail = await request('GET', href, officer);
      expect(detail.status, href).toBe(200);
      expect(await detail.text(), href).toMatch(figures === 'sectors' ? /id="sector-rates"/ : /role="img"/);
    }
    const todoList = before.slice(todo, before.indexOf('</ul>', todo));
    expect(todoList).toContain('1 flag raised by an officer');
    expect(todoList).toMatch(/[2-9] open flags of every year in the queue/);

    const requested = await request('POST', '/officers/sweeps', officer, form({}));
    expect(requested.status).toBe(303);
    const location = requested.headers.get('location') ?? '';
    const id = /sweep=([0-9A-Z]{26})#sweep-progress$/.exec(location)?.[1] ?? '';
    expect(id).not.toBe('');
    const waiting = await (await request('GET', location, officer)).text();
    expect(waiting).toContain('Waiting to start.');
    expect(waiting).toContain('Refresh progress');
    expect(waiting).toMatch(/<script type="module" nonce="[^"]+" src="\/assets\/sweep-progress.js">/);
    expect(waiting).not.toContain('http-equiv');
    const status = await (await request('GET', `/api/v1/sweeps/${id}`, officer)).json();
    expect(status).toMatchObject({ status: 'requested', progress: { partsDone: 0, partsTotal: 16 } });

    await complianceWorker(table, () => fixedNow).poller.drain();
    const finished = await (await request('GET', location, officer)).text();
    expect(finished).toMatch(
      /Finished: \d+ organisations? checked; \d+ missing statements? and \d+ late statements? flagged/,
    );
    expect(finished).not.toContain('sweep-progress.js');
    const done = await (await request('GET', `/api/v1/sweeps/${id}`, officer)).json();
    expect(done).toMatchObject({ status: 'done', progress: { partsDone: 16, partsTotal: 16 } });
  });

  it('pages the legal minimum by sector ten at a time, with previous and next links, and answers 404 with links past the last page', async () => {
    // One checked 2023 statement in twelve sectors: twelve rows, two pages (no other test uses 2023).
    const organisation = await seedOrganisation(table.store, {
      name: 'Many Sectors Ltd',
      financialYearEnd: '03-31',
      createdAt: '2022-02-01T09:00:00.000Z',
    });
    await seedStatement(table.store, {
      organisation,
      periodStart: '2022-04-01',
      periodEnd: '2023-03-31',
      submittedAt: '2023-08-01T09:00:00.000Z',
      sectors: SECTORS.slice(0, 12),
      check: { meetsLegalMinimum: true, areasCovered: 6, rating: 'strong' },
    });
    await complianceWorker(table, () => fixedNow).poller.drain();
    const view = async (query: string) => {
      const response = await request('GET', `/officers/figures/sectors?${query}`, officer);
      const { document } = parseHTML(await response.text());
      const text = (selector: string) =>
        document.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
      return {
        status: response.status,
        count: text('#sector-count'),
        sectors: Array.from(document.querySelectorAll('#sector-rates tbody th')).map((th) =>
          th.textContent?.trim(),
        ),
        previous: document.querySelector('.govuk-pagination__prev a')?.getAttribute('href') ?? null,
        next: document.querySelector('.govuk-pagination__next a')?.getAttribute('href') ?? null,
        current: text('.govuk-pagination__item--current'),
        outOfRange: text('#out-of-range'),
        links: Array.from(document.querySelectorAll('main a')).map((a) => a.getAttribute('href')),
      };
    };
    const first = await view('year=2023');
    expect(first).toMatchObject({
      status: 200,
      count: '12 sectors with checked statements, showing 1 to 10.',
      previous: null,
      next: '/officers/figures/sectors?year=2023&page=2',
      current: '1',
    });
    expect(first.sectors).toEqual(SECTORS.slice(0, 10));

    const second = await view('year=2023&page=2');
    expect(second).toMatchObject({
      status: 200,
      count: '12 sectors with checked statements, showing 11 to 12.',
      previous: '/officers/figures/sectors?year=2023&page=1',
      next: null,
      current: '2',
    });
    expect(second.sectors).toEqual(SECTORS.slice(10, 12));

    const past = await view('year=2023&page=3');
    expect(past).toMatchObject({ status: 404, outOfRange: 'There is no page 3 of sectors', sectors: [] });
    expect(past.links).toEqual(
      expect.arrayContaining([
        '/officers/figures/sectors?year=2023&page=2',
        '/officers/figures/sectors?year=2023&page=1',
      ]),
    );
    // Not a page number: the first page.
    expect(await view('year=2023&page=abc')).toMatchObject({ status: 200, current: '1' });
  });

  it('flags an organisation found by the start of its name or by its company number, without its internal id', async () => {
    const findable = await seedOrganisation(table.store, {
      name: 'Findable Foods Ltd',
      financialYearEnd: '12-31',
      createdAt: '2024-03-01T09:00:00.000Z',
      companyNumber: '07654321',
    });
    for (const q of ['findable', 'Findable Foods', '7654321', '07654321']) {
      const page = await (
        await request('GET', `/officers/flags/new?q=${encodeURIComponent(q)}`, officer)
      ).text();
      expect(page, q).toContain(`value="${findable.id}"`);
      expect(page, q).toContain('Company number 07654321');
    }
    const none = await (await request('GET', '/officers/flags/new?q=zzzz', officer)).text();
    expect(none).toContain('No organisation on the register has a word in its name starting “zzzz”');

    const unpicked = await request(
      'POST',
      '/officers/flags',
      officer,
      form({ q: 'findable', note: 'A note' }),
    );
    expect(unpicked.status).toBe(422);
    const unpickedPage = await unpicked.text();
    expect(unpickedPage).toContain('Select the organisation to flag');
    expect(unpickedPage).toContain(`value="${findable.id}"`);
    const raised = await request(
      'POST',
      '/officers/flags',
      officer,
      form({ q: 'findable', organisationId: findable.id, note: 'Statement link is broken' }),
    );
    expect(raised.status).toBe(303);
    const flagPage = await (await request('GET', raised.headers.get('location') ?? '', officer)).text();
    expect(flagPage).toContain('Findable Foods Ltd');
  });

  it('shows the organisation’s contact details on its flag and records a notice an officer sent, with plain errors', async () => {
    const before = await (await request('GET', `/officers/flags/${flagId}`, officer)).text();
    expect(before).toContain('No notice sent yet.');
    expect(before).toContain('The register has no contact details for Acme Retail Ltd');

    const empty = await request(
      'POST',
      `/officers/flags/${flagId}/notices`,
      officer,
      form({ to: '', about: '' }),
    );
    expect(empty.status).toBe(422);
    const errors = await empty.text();
    for (const message of ['Choose how you sent it', 'Enter where you sent it', 'Enter what the notice said'])
      expect(errors).toContain(message);
    expect(errors).toContain('href="#notice-to"');

    const recorded = await request(
      'POST',
      `/officers/flags/${flagId}/notices`,
      officer,
      form({
        channel: 'post',
        to: '1 High Street, Leeds LS1 1AA',
        about: 'Letter asking for the statement link',
      }),
    );
    expect(recorded.status).toBe(303);
    const after = await (await request('GET', `/officers/flags/${flagId}`, officer)).text();
    expect(after).not.toContain('No notice sent yet.');
    const record = after.slice(
      after.indexOf('id="notice-record"'),
      after.indexOf('</ol>', after.indexOf('id="notice-record"')),
    );
    for (const cell of [
      officer.email,
      'Letter',
      '1 High Street, Leeds LS1 1AA',
      'Letter asking for the statement link',
    ])
      expect(record).toContain(cell);
    expect(after).toContain('Notice sent');
    const json = flagSchema.parse(await (await request('GET', `/api/v1/flags/${flagId}`, officer)).json());
    expect(json.notices).toMatchObject([
      { by: officer.email, channel: 'post', to: '1 High Street, Leeds LS1 1AA' },
    ]);
  });

  it('keeps the contact and address an import gives, updates them on a later import, and shows them to officers only', async () => {
    const header =
      'name,companyNumber,entityType,financialYearEnd,turnover,contactName,contactEmail,addressLine1,town,postcode';
    const importCsv = async (row: string) => {
      const response = await request('POST', '/api/v1/organisations/import', officer, `${header}\n${row}\n`, {
        'content-type': 'text/csv',
      });
      expect(response.status).toBe(200);
      return (await response.json()) as {
        created: number;
        updated: number;
        enrolmentCodes: { organisationId: string }[];
      };
    };
    const first = await importCsv(
      'Postal Ltd,09876543,company,03-31,,Ann Smith,ann@postal.example,1 High St,Leeds,LS1 1AA',
    );
    expect(first.created).toBe(1);
    const id = first.enrolmentCodes[0]?.organisationId ?? '';
    const page = await (await request('GET', `/officers/organisations/${id}`, officer)).text();
    for (const text of ['Ann Smith', 'mailto:ann@postal.example', '1 High St<br>Leeds<br>LS1 1AA'])
      expect(page).toContain(text);
    expect((await request('GET', `/officers/organisations/${id}`, submitter)).status).toBe(403);
    expect(await (await request('GET', `/organisations/${id}`)).text()).not.toContain('ann@postal.example');

    const again = await importCsv(
      'Postal Ltd,09876543,company,03-31,,Ann Smith,compliance@postal.example,,,',
    );
    expect(again).toMatchObject({ created: 0, updated: 1 });
    const updated = await (await request('GET', `/officers/organisations/${id}`, officer)).text();
    expect(updated).toContain('compliance@postal.example');
    expect(updated).toContain('1 High St<br>Leeds');
  });

  it('moves a flag with a note from its page, keeps the history and shows errors for a missing note', async () => {
    const moved = await request(
      'POST',
      `/officers/flags/${flagId}`,
      officer,
      form({ status: 'contacted', note: 'Phoned them', assignee: '' }),
    );
    expect(moved.status).toBe(303);
    expect(moved.headers.get('location')).toBe(`/officers/flags/${flagId}?updated=1`);
    const page = await (await request('GET', `/officers/flags/${flagId}`, officer)).text();
    expect(page).toContain('Phoned them');
    expect(page).toMatch(/Open → Contacted/);

    const noNote = await request(
      'POST',
      `/officers/flags/${flagId}`,
      officer,
      form({ status: 'resolved', note: '' }),
    );
    expect(noNote.status).toBe(422);
    expect(await noNote.text()).toContain('Enter a note');
    const bad = await request(
      'POST',
      `/officers/flags/${flagId}`,
      officer,
      form({ status: 'open', note: 'Back' }),
    );
    expect(bad.status).toBe(409);
  });

  /** Every item of the test table as text (a Scan: tests only). */
  async function tableText(): Promise<string> {
    const items: unknown[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await table.store.doc.send(
        new ScanCommand({ TableName: table.store.tableName, ExclusiveStartKey: start }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return JSON.stringify(items);
  }
  const CODE = /[0-9A-Z]{4}(-[0-9A-Z]{4}){4}/;

  it('offers the CSV template with the exact columns and lists every allowed value of the coded columns', async () => {
    const template = await request('GET', '/officers/import/template.csv', officer);
    expect(template.status).toBe(200);
    expect(template.headers.get('content-disposition')).toContain('organisations-template.csv');
    expect((await template.text()).trim()).toBe(
      'name,companyNumber,entityType,financialYearEnd,turnover,contactName,contactEmail,addressLine1,addressLine2,town,postcode',
    );
    expect((await request('GET', '/officers/import/template.csv', submitter)).status).toBe(403);
    const page = await (await request('GET', '/officers/import', officer)).text();
    expect(page).toContain('href="/officers/import/template.csv"');
    for (const value of [
      'company',
      'llp',
      'other_body_corporate',
      'public_body',
      'Under £36 million',
      'Over £500 million',
    ])
      expect(page).toContain(`<code>${value}</code>`);
  });

  it('imports a CSV in the background with progress, then gives the letter-merge file exactly once, to the uploading browser', {
    timeout: 60_000,
  }, async () => {
    const csv =
      'name,companyNumber,entityType,financialYearEnd,turnover,contactName,addressLine1,town,postcode\n' +
      'Bolt Ltd,01234567,company,03-31,,Bea Bolt,2 Mill Lane,York,YO1 7HH\nCord Ltd,,company,13-01,,,,,\n';
    const body = new FormData();
    body.set('file', new File([csv], 'orgs.csv', { type: 'text/csv' }));
    const started = await request('POST', '/officers/import', officer, body);
    expect(started.status).toBe(303);
    const jobPath = started.headers.get('location') ?? '';
    expect(jobPath).toMatch(/^\/officers\/imports\/[0-9A-Z]{26}$/);
    const keyCookie = (started.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(started.headers.get('set-cookie')).toMatch(
      new RegExp(
        `^import_codes_key=[\\w-]+; Max-Age=\\d+; Path=${jobPath}; HttpOnly; Secure; SameSite=Strict$`,
      ),
    );
    const running = await (await request('GET', jobPath, officer)).text();
    expect(running).toContain('0 of 1 rows imported');
    expect(running).toContain('http-equiv="refresh"');

    await complianceWorker(table, () => fixedNow).poller.drain();
    const done = await (await request('GET', jobPath, officer)).text();
    expect(done).toContain('Import finished');
    // Row 3 as the spreadsheet numbers it, the column as the file names it, and what to write.
    expect(done).toMatch(
      /<td class="govuk-table__cell">3<\/td><td class="govuk-table__cell"><code>financialYearEnd<\/code><\/td><td class="govuk-table__cell">Enter the month and day the financial year ends as MM-DD/,
    );

    // The codes are sealed in the table: no code in clear, before or after the download.
    expect(await tableText()).not.toMatch(CODE);
    expect((await request('GET', `${jobPath}/letters.csv`, officer)).status).toBe(403);
    const otherKey = `import_codes_key=${newCodesKeyPair().privateKey}`;
    expect(
      (await request('GET', `${jobPath}/letters.csv`, officer, undefined, { cookie: otherKey })).status,
    ).toBe(403);
    const letters = await request('GET', `${jobPath}/letters.csv`, officer, undefined, { cookie: keyCookie });
    expect(letters.status).toBe(200);
    const rows = parse(await letters.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      name: 'Bolt Ltd',
      companyNumber: '01234567',
      contactName: 'Bea Bolt',
      addressLine1: '2 Mill Lane',
      addressLine2: '',
      town: 'York',
      postcode: 'YO1 7HH',
    });
    expect(rows[0]?.enrolmentCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    expect(letters.headers.get('set-cookie')).toMatch(/^import_codes_key=; Max-Age=0; Path=/);
    expect(await tableText()).not.toContain(rows[0]?.enrolmentCode);
    expect(
      (await request('GET', `${jobPath}/letters.csv`, officer, undefined, { cookie: keyCookie })).status,
    ).toBe(410);
  });

  it('lets anyone report a broken link from the report page, and explains what is wrong with a bad form', async () => {
    const page = await request('GET', `/statements/${statementId}/report`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Report a problem with this statement');
    const empty = await request('POST', `/statements/${statementId}/report`, undefined, form({}));
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Choose what is wrong');
    const sent = await request(
      'POST',
      `/statements/${statementId}/report`,
      undefined,
      form({ reason: 'broken_link', details: 'Goes to a 404' }),
    );
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('Report sent');
    expect((await request('GET', '/statements/01ARZ3NDEKTSV4RRFFQ69G5FAV/report')).status).toBe(404);
  });
});
