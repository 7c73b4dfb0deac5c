import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createMemoryArchive } from '../../functions/domain/archive.ts';
import { findOrganisationsToPick } from '../../functions/domain/compliance/find-organisation.ts';
import { significantWords } from '../../functions/domain/names.ts';
import { planSearch } from '../../functions/domain/search/plan.ts';
import { createStreamPoller } from '../../functions/local/stream-poller.ts';
import { newCapacityMeter } from '../../functions/store/capacity.ts';
import { keys } from '../../functions/store/keys.ts';
import { getStatistics } from '../../functions/store/public/get-statistics.ts';
import { searchSimilarNames } from '../../functions/store/search/search-similar-names.ts';
import { searchStatements } from '../../functions/store/search/search-statements.ts';
import type { ChangeRecord } from '../../functions/store/stream-records.ts';
import { createIndexStatementReactor, reindexStatement } from '../../functions/worker/index-statement.ts';
import {
  backfillOrganisationWords,
  createOrganisationWordsReactor,
} from '../../functions/worker/organisation-words.ts';
import { processChanges } from '../../functions/worker/process-changes.ts';
import { checkedThenIndexed } from '../../functions/worker/reactors.ts';
import type { Organisation } from '../../schemas/organisation.ts';
import type { SearchFilters } from '../../schemas/search.ts';
import {
  checkResultFor,
  deleteHeader,
  putCheckResult,
  putHeader,
  putOrganisation,
  putStatement,
  type SeededStatement,
} from '../public/fixtures.ts';
import { testRegion, useTestTable } from '../support/table.ts';

describe('the search index kept by the stream worker', () => {
  const table = useTestTable();
  const log: unknown[] = [];

  function poller() {
    // Only the index reactor: the register's checker would otherwise replace these tests' check results.
    const reactors = [
      createIndexStatementReactor({
        store: table.store,
        clock: () => new Date('2026-11-29T12:00:00.000Z'),
        log: (message: string, detail?: unknown) => log.push([message, detail]),
        archive: createMemoryArchive(),
      }),
    ];
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
  }
  const stream = poller();

  const search = async (filters: Partial<SearchFilters>, limit = 20, cursor?: string) =>
    searchStatements(table.store, planSearch({ sort: 'relevance', ...filters }), { limit, cursor });
  const namesFor = async (filters: Partial<SearchFilters>) =>
    (await search(filters)).items.map((item) => item.organisationName);

  it('finds a submitted statement by partial words in any order, ignoring case, punctuation and Ltd/Limited/plc', async () => {
    const organisation = await putOrganisation(table.store, { name: 'Bramblewood Retail Holdings Ltd.' });
    await putStatement(table.store, { organisation });
    await stream.drain();

    for (const q of [
      'bramblewood',
      'BRAMBLE',
      'br',
      'retail bramblewood',
      'hold bram',
      'Bramblewood Retail Holdings Limited',
      'bramblewood retail holdings plc',
      "bramble-wood's",
    ]) {
      const names = await namesFor({ q });
      if (q === "bramble-wood's") expect(names, q).not.toContain('Bramblewood Retail Holdings Ltd.');
      else expect(names, q).toContain('Bramblewood Retail Holdings Ltd.');
    }
    expect(await namesFor({ q: 'bramblewood wholesale' })).toEqual([]);
    expect(await namesFor({ q: 'bramblewoods' })).toEqual([]);
  });

  it('finds group statements by a member’s name and company number, saying which member matched', async () => {
    const organisation = await putOrganisation(table.store, {
      name: 'Quillfeather Group plc',
      companyNumber: '07654321',
    });
    await putStatement(table.store, {
      organisation,
      document: {
        isGroup: true,
        groupMembers: [
          { name: 'Tansy Foods Limited', companyNumber: 'SC123456' },
          { name: 'Quillfeather Logistics Ltd', companyNumber: null },
        ],
      },
    });
    await stream.drain();

    const bySubsidiary = await search({ q: 'tansy foods' });
    expect(bySubsidiary.items).toHaveLength(1);
    expect(bySubsidiary.items[0]).toMatchObject({
      organisationName: 'Quillfeather Group plc',
      isGroup: true,
      matchedName: 'Tansy Foods Limited',
    });
    const byOwnName = await search({ q: 'quillfeather' });
    expect(byOwnName.items[0]).toMatchObject({
      organisationName: 'Quillfeather Group plc',
      matchedName: null,
    });

    expect((await search({ q: 'sc123456' })).items[0]?.matchedName).toBe('Tansy Foods Limited');
    expect((await search({ q: '7654321' })).items.map((i) => i.companyNumber)).toEqual(['07654321']);
    expect((await search({ companyNumber: '07654321' })).items).toHaveLength(1);
    // Words must come from one name: the parent's "group" and a member's "tansy" do not make a match.
    expect(await namesFor({ q: 'tansy group' })).toEqual([]);
  });

  it('filters by sector, turnover band, reporting year and check rating, alone and with a name', async () => {
    const fernOrg = await putOrganisation(table.store, { name: 'Fernhollow Mining plc' });
    const fern = await putStatement(table.store, {
      organisation: fernOrg,
      document: {
        sectors: ['Mining, metals, chemicals and resources (including oil and gas)'],
        turnover: '£60 million to £100 million',
        periodStart: '2022-01-01',
        periodEnd: '2022-12-31',
        approvalDate: '2023-05-01',
      },
    });
    await putCheckResult(
      table.store,
      fern,
      checkResultFor({ meetsLegalMinimum: false, areasCovered: 2, rating: 'non_compliant' }),
    );
    const otherOrg = await putOrganisation(table.store, { name: 'Fernhollow Foods Ltd' });
    await putStatement(table.store, {
      organisation: otherOrg,
      check: { meetsLegalMinimum: true, areasCovered: 6, rating: 'strong' },
    });
    await stream.drain();

    const mining = 'Mining, metals, chemicals and resources (including oil and gas)' as const;
    expect(await namesFor({ sector: mining })).toEqual(['Fernhollow Mining plc']);
    expect(await namesFor({ q: 'fernhollow', sector: mining })).toEqual(['Fernhollow Mining plc']);
    expect(await namesFor({ q: 'fernhollow', turnover: '£60 million to £100 million' })).toEqual([
      'Fernhollow Mining plc',
    ]);
    expect(await namesFor({ turnover: '£60 million to £100 million' })).toEqual(['Fernhollow Mining plc']);
    expect(await namesFor({ year: 2022 })).toEqual(['Fernhollow Mining plc']);
    expect(await namesFor({ q: 'fernhollow', year: 2025 })).toEqual(['Fernhollow Foods Ltd']);
    expect(await namesFor({ rating: 'non_compliant' })).toEqual(['Fernhollow Mining plc']);
    expect(await namesFor({ rating: 'non_compliant', year: 2022 })).toEqual(['Fernhollow Mining plc']);
    expect(await namesFor({ rating: 'non_compliant', year: 2025 })).toEqual([]);
    expect(await namesFor({ q: 'fernhollow', rating: 'strong' })).toEqual(['Fernhollow Foods Ltd']);
    expect(await namesFor({ sector: mining, rating: 'strong' })).toEqual([]);
    expect(await namesFor({ sector: mining, rating: 'non_compliant' })).toEqual(['Fernhollow Mining plc']);
    const band = '£60 million to £100 million' as const;
    for (const [filters, expected] of [
      [{ sector: mining, turnover: band }, ['Fernhollow Mining plc']],
      [{ turnover: band, rating: 'non_compliant' as const, year: 2022 }, ['Fernhollow Mining plc']],
      [
        { sector: mining, turnover: band, rating: 'non_compliant' as const, year: 2022 },
        ['Fernhollow Mining plc'],
      ],
      [{ sector: mining, turnover: band, rating: 'non_compliant' as const, year: 2023 }, []],
      [{ sector: mining, turnover: band, rating: 'strong' as const }, []],
    ] as const) {
      expect(await namesFor(filters), JSON.stringify(filters)).toEqual(expected);
    }

    const [hit] = (await search({ q: 'fernhollow mining' })).items;
    expect(hit?.check).toEqual({ meetsLegalMinimum: false, areasCovered: 2, rating: 'non_compliant' });
  });

  // The document client's input, before or after marshalling depending on the middleware order.
  type Pk = { pk?: string | { S?: string }; sk?: string | { S?: string } };
  type WriteRequestInput = { PutRequest?: { Item: Pk }; DeleteRequest?: { Key: Pk } };
  type TransactItemInput = { Put?: { Item: Pk }; Delete?: { Key: Pk } };
  /** Keys of the items under `prefix` put and deleted while `run` runs, from what the store sends. */
  async function writesTo(
    prefix: string,
    run: () => Promise<unknown>,
  ): Promise<{ puts: string[]; deletes: string[] }> {
    const seen = { puts: [] as string[], deletes: [] as string[] };
    const name = `countWrites${Math.random()}`;
    const keyOf = (key: Pk | undefined) =>
      `${typeof key?.pk === 'object' ? key.pk.S : key?.pk} ${typeof key?.sk === 'object' ? key.sk.S : key?.sk}`;
    table.store.client.middlewareStack.add(
      (next) => async (args) => {
        const { RequestItems, TransactItems } = args.input as {
          RequestItems?: Record<string, WriteRequestInput[]>;
          TransactItems?: TransactItemInput[];
        };
        const writes = [
          ...Object.values(RequestItems ?? {})
            .flat()
            .map((request) => ({ put: request.PutRequest?.Item, deleted: request.DeleteRequest?.Key })),
          ...(TransactItems ?? []).map((item) => ({ put: item.Put?.Item, deleted: item.Delete?.Key })),
        ];
        for (const write of writes) {
          const put = write.put && keyOf(write.put);
          const deleted = write.deleted && keyOf(write.deleted);
          if (put?.startsWith(prefix)) seen.puts.push(put);
          if (deleted?.startsWith(prefix)) seen.deletes.push(deleted);
        }
        return next(args);
      },
      { step: 'initialize', name },
    );
    try {
      await run();
    } finally {
      table.store.client.middlewareStack.remove(name);
    }
    return seen;
  }
  const typoWrites = async (run: () => Promise<unknown>) => {
    const { puts, deletes } = await writesTo('IX#F#', run);
    return { puts: puts.length, deletes: deletes.length };
  };
  const similar = (filters: Partial<SearchFilters>) =>
    searchSimilarNames(
      table.store,
      planSearch({ sort: 'relevance', ...filters }),
      significantWords(filters.q ?? ''),
      {
        limit: 20,
      },
    );
  const now = { now: () => '2026-01-01T00:00:00.000Z' };

  it('keeps typo entries apart from the check: its arrival, a recheck and a revision that keeps the names write none', async () => {
    const organisation = await putOrganisation(table.store, { name: 'Gorsemoor Weaving Ltd' });
    const statement = await putStatement(table.store, { organisation });
    const first = await typoWrites(() => reindexStatement(table.store, statement.header.id, now));
    expect(first.puts).toBeGreaterThan(0);

    const checked = await putCheckResult(
      table.store,
      statement,
      checkResultFor({ meetsLegalMinimum: true, areasCovered: 6, rating: 'strong' }),
    );
    const revised = { ...checked.header, revision: 2, updatedAt: '2025-08-01T00:00:00.000Z' };
    for (const change of [
      async () => {},
      () =>
        putHeader(table.store, {
          ...checked.header,
          check: { ...checked.header.check!, rating: 'adequate' },
        }),
      () => putHeader(table.store, revised),
    ]) {
      await change();
      expect(
        await typoWrites(async () =>
          expect(await reindexStatement(table.store, statement.header.id, now)).toBe('applied'),
        ),
      ).toEqual({ puts: 0, deletes: 0 });
    }
    // The typo entry carries no check, yet the result shows the statement as it is now.
    expect(await similar({ q: 'gorsemor' })).toMatchObject([
      { organisationName: 'Gorsemoor Weaving Ltd', check: { rating: 'strong' } },
    ]);
  });

  it('moves the typo entries when the name changes, and finds the statement by a typo of its name, with filters', async () => {
    const organisation = await putOrganisation(table.store, { name: 'Hazelburn Tanning Ltd' });
    const statement = await putCheckResult(
      table.store,
      await putStatement(table.store, { organisation }),
      checkResultFor({ meetsLegalMinimum: true, areasCovered: 4, rating: 'adequate' }),
    );
    await reindexStatement(table.store, statement.header.id, now);
    expect(await namesFor({ q: 'hazelbrn' })).toEqual([]);
    expect((await similar({ q: 'hazelbrn' })).map((r) => r.organisationName)).toEqual([
      'Hazelburn Tanning Ltd',
    ]);
    expect(await similar({ q: 'hazelbrn', rating: 'adequate', year: statement.header.year })).toHaveLength(1);
    expect(await similar({ q: 'hazelbrn', rating: 'strong' })).toEqual([]);
    expect(await similar({ q: 'hazelbrn', year: statement.header.year + 1 })).toEqual([]);

    await putHeader(table.store, { ...statement.header, organisationName: 'Rowanbrook Tanning Ltd' });
    const renamed = await typoWrites(() => reindexStatement(table.store, statement.header.id, now));
    expect(renamed.puts).toBeGreaterThan(0);
    expect(renamed.deletes).toBeGreaterThan(0);
    expect(await similar({ q: 'hazelbrn' })).toEqual([]);
    expect((await similar({ q: 'rowanbrok' })).map((r) => r.organisationName)).toEqual([
      'Rowanbrook Tanning Ltd',
    ]);
    // Nothing of the old name is left in its typo partitions.
    const { Items } = await table.store.doc.send(
      new QueryCommand({
        TableName: table.store.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.searchPartition({ kind: 'fuzzy', key: 'hazelburn' }) },
      }),
    );
    expect(Items?.filter((item) => item.o === organisation.id)).toEqual([]);
  });

  it("writes no typo entries for an organisation's second statement under the same name, finds both by a typo, and removes them with the last", async () => {
    const organisation = await putOrganisation(table.store, { name: 'Quillonby Ropeworks Ltd' });
    const first = await putStatement(table.store, {
      organisation,
      document: { periodStart: '2023-04-01', periodEnd: '2024-03-31' },
    });
    const second = await putStatement(table.store, {
      organisation,
      document: { periodStart: '2024-04-01', periodEnd: '2025-03-31' },
    });
    expect(
      (await typoWrites(() => reindexStatement(table.store, first.header.id, now))).puts,
    ).toBeGreaterThan(0);
    expect(await typoWrites(() => reindexStatement(table.store, second.header.id, now))).toEqual({
      puts: 0,
      deletes: 0,
    });
    // Newest year first, as before; a year filter reads that year's statement only.
    expect((await similar({ q: 'quilonby' })).map((r) => r.year)).toEqual([2025, 2024]);
    expect((await similar({ q: 'quilonby', year: 2024 })).map((r) => r.id)).toEqual([first.header.id]);

    await deleteHeader(table.store, second.header.id);
    expect(await typoWrites(() => reindexStatement(table.store, second.header.id, now))).toEqual({
      puts: 0,
      deletes: 0,
    });
    expect((await similar({ q: 'quilonby' })).map((r) => r.id)).toEqual([first.header.id]);
    await deleteHeader(table.store, first.header.id);
    const last = await typoWrites(() => reindexStatement(table.store, first.header.id, now));
    expect(last.puts).toBe(0);
    expect(last.deletes).toBeGreaterThan(0);
    expect(await similar({ q: 'quilonby' })).toEqual([]);
  });

  it('keeps a renamed organisation found by a typo of the old name while a statement still has it', async () => {
    const organisation = await putOrganisation(table.store, { name: 'Thistledown Cordage Ltd' });
    const old = await putStatement(table.store, {
      organisation,
      document: { periodStart: '2023-04-01', periodEnd: '2024-03-31' },
    });
    const renamed = await putStatement(table.store, {
      organisation,
      document: { periodStart: '2024-04-01', periodEnd: '2025-03-31' },
    });
    await putHeader(table.store, { ...renamed.header, organisationName: 'Marramgrass Cordage Ltd' });
    await reindexStatement(table.store, old.header.id, now);
    await reindexStatement(table.store, renamed.header.id, now);
    expect((await similar({ q: 'thistldown' })).map((r) => r.id)).toEqual([old.header.id]);
    expect((await similar({ q: 'maramgrass' })).map((r) => r.id)).toEqual([renamed.header.id]);
  });

  it('indexes a new submission once, with its check, when its revision item follows in the batch; without the check when the checker fails', async () => {
    const index = createIndexStatementReactor({
      store: table.store,
      clock: () => new Date('2026-11-29T12:00:00.000Z'),
      log: () => {},
      archive: createMemoryArchive(),
    });
    const submission = (statement: SeededStatement): ChangeRecord[] => [
      {
        eventName: 'INSERT',
        sequenceNumber: '1',
        ...keys.statement(statement.header.id),
        newImage: { ...statement.header, check: null },
        oldImage: undefined,
      },
      {
        eventName: 'INSERT',
        sequenceNumber: '2',
        ...keys.revision(statement.header.id, statement.header.revision),
        newImage: { status: 'submitted' },
        oldImage: undefined,
      },
    ];
    const checked = await putStatement(table.store, {
      organisation: await putOrganisation(table.store, { name: 'Onceover Ropeworks Ltd' }),
    });
    const check = async (change: ChangeRecord) => {
      if (change.sk.startsWith('REV#'))
        await putCheckResult(
          table.store,
          checked,
          checkResultFor({ meetsLegalMinimum: true, areasCovered: 5, rating: 'adequate' }),
        );
    };
    const { puts } = await writesTo('IX#', () =>
      processChanges(submission(checked), [checkedThenIndexed(check, index)], (_c, error) => {
        throw error;
      }),
    );
    expect(puts.length).toBeGreaterThan(20);
    expect(new Set(puts).size).toBe(puts.length);
    expect(puts.some((key) => key.startsWith('IX#R#adequate '))).toBe(true);
    expect((await search({ q: 'onceover' })).items[0]?.check?.rating).toBe('adequate');

    const unchecked = await putStatement(table.store, {
      organisation: await putOrganisation(table.store, { name: 'Failcheck Ropeworks Ltd' }),
    });
    const failures: unknown[] = [];
    await processChanges(
      submission(unchecked),
      [
        checkedThenIndexed(async (change) => {
          if (change.sk.startsWith('REV#')) throw new Error('the checker crashed');
        }, index),
      ],
      (_c, error) => failures.push(error),
    );
    expect(failures).toHaveLength(1);
    expect((await search({ q: 'failcheck' })).items).toMatchObject([{ check: null }]);
  });

  it('reads only the index state for a header change showing what was indexed, and reindexes any other', async () => {
    const index = createIndexStatementReactor({
      store: table.store,
      clock: () => new Date('2026-11-29T12:00:00.000Z'),
      log: () => {},
      archive: createMemoryArchive(),
    });
    const statement = await putStatement(table.store, {
      organisation: await putOrganisation(table.store, { name: 'Memoried Twine Ltd' }),
    });
    const headerChange = (header: SeededStatement['header'], sequenceNumber: string): ChangeRecord => ({
      eventName: 'MODIFY',
      sequenceNumber,
      ...keys.statement(header.id),
      newImage: { ...keys.statement(header.id), entity: 'statement', ...header },
      oldImage: undefined,
    });
    const reads = async (change: ChangeRecord) => {
      let gets = 0;
      const name = `countGets${Math.random()}`;
      table.store.client.middlewareStack.add(
        (next, context) => async (args) => {
          if (context.commandName === 'GetItemCommand') gets++;
          return next(args);
        },
        { step: 'initialize', name },
      );
      try {
        await index(change);
      } finally {
        table.store.client.middlewareStack.remove(name);
      }
      return gets;
    };
    expect(await reads(headerChange(statement.header, '1'))).toBeGreaterThan(1);
    expect(await reads(headerChange(statement.header, '2'))).toBe(1);

    const renamed = { ...statement.header, organisationName: 'Remembered Twine Ltd' };
    await putHeader(table.store, renamed);
    expect(await reads(headerChange(renamed, '3'))).toBeGreaterThan(1);
    expect(await namesFor({ q: 'remembered' })).toEqual(['Remembered Twine Ltd']);
    // An old image delivered again after the rename does not match the state: the header is read.
    expect(await reads(headerChange(statement.header, '4'))).toBeGreaterThan(1);
    expect(await namesFor({ q: 'memoried' })).toEqual([]);
    expect(await namesFor({ q: 'remembered' })).toEqual(['Remembered Twine Ltd']);
  });

  it('finds a name by the start of any of its words, not only the first', async () => {
    for (const name of ['J Sainsbury plc', 'Tesco Stores Ltd']) {
      await putStatement(table.store, { organisation: await putOrganisation(table.store, { name }) });
    }
    await stream.drain();
    expect(await namesFor({ q: 'sainsbury' })).toEqual(['J Sainsbury plc']);
    expect(await namesFor({ q: 'sainsb' })).toEqual(['J Sainsbury plc']);
    expect(await namesFor({ q: 'stores' })).toEqual(['Tesco Stores Ltd']);
    expect(await namesFor({ q: 'st' })).toContain('Tesco Stores Ltd');
    expect(await namesFor({ q: 'stores', sort: 'name' })).toEqual(['Tesco Stores Ltd']);
    expect(await namesFor({ q: 'stores', sort: 'date' })).toEqual(['Tesco Stores Ltd']);
  });

  describe('the officers’ pick list of organisations', () => {
    const worker = createOrganisationWordsReactor({
      store: table.store,
      clock: () => new Date('2026-11-29T12:00:00.000Z'),
      log: () => {},
      archive: createMemoryArchive(),
    });
    const written = (organisation: Organisation, before?: Organisation): ChangeRecord => ({
      eventName: before ? 'MODIFY' : 'INSERT',
      sequenceNumber: '1',
      ...keys.organisation(organisation.id),
      newImage: { ...organisation },
      oldImage: before ? { ...before } : undefined,
    });
    const picked = async (q: string) => (await findOrganisationsToPick(table.store, q)).map((o) => o.name);

    it('finds an organisation by the start of any word of its name, with or without statements, and follows a rename', async () => {
      const sainsbury = await putOrganisation(table.store, { name: 'J Sainsbury Pickers plc' });
      const tesco = await putOrganisation(table.store, { name: 'Tesco Pickstores Ltd' });
      await processChanges([written(sainsbury), written(tesco)], [worker], (_c, error) => {
        throw error;
      });
      expect(await picked('sainsbury')).toEqual(['J Sainsbury Pickers plc']);
      expect(await picked('Sainsbury Pick')).toEqual(['J Sainsbury Pickers plc']);
      expect(await picked('pickers')).toEqual(['J Sainsbury Pickers plc']);
      expect(await picked('pickstores')).toEqual(['Tesco Pickstores Ltd']);
      expect(await picked('pick')).toEqual(['J Sainsbury Pickers plc', 'Tesco Pickstores Ltd']);
      expect(await picked('tesco picks')).toEqual(['Tesco Pickstores Ltd']);

      const renamed = { ...tesco, name: 'Tesco Pickmarkets Ltd' };
      await putOrganisation(table.store, renamed);
      await processChanges([written(renamed, tesco)], [worker], (_c, error) => {
        throw error;
      });
      expect(await picked('pickstores')).toEqual([]);
      expect(await picked('pickmarkets')).toEqual(['Tesco Pickmarkets Ltd']);
    });

    it('gives organisations written before the word entries theirs, once', async () => {
      const old = await putOrganisation(table.store, { name: 'Elder Backfillers Ltd' });
      expect(await picked('backfillers')).toEqual([]);
      const deps = {
        store: table.store,
        clock: () => new Date(),
        log: () => {},
        archive: createMemoryArchive(),
      };
      const first = await backfillOrganisationWords(deps);
      expect(first.detail.organisations).toBeGreaterThan(0);
      expect(await picked('backfillers')).toEqual([old.name]);
      expect((await backfillOrganisationWords(deps)).detail).toEqual({ organisations: 0, done: true });
    });
  });

  it('lists only submitted statements: drafts never, withdrawn and deleted ones removed', async () => {
    const organisation = await putOrganisation(table.store, { name: 'Marigold Draftworks Ltd' });
    const draft = await putStatement(table.store, { organisation, status: 'draft' });
    const submittedOrg = await putOrganisation(table.store, { name: 'Marigold Papers Ltd' });
    const submitted = await putStatement(table.store, { organisation: submittedOrg });
    const gone = await putStatement(table.store, {
      organisation: await putOrganisation(table.store, { name: 'Marigold Shipping Ltd' }),
    });
    await stream.drain();
    expect((await namesFor({ q: 'marigold' })).sort()).toEqual([
      'Marigold Papers Ltd',
      'Marigold Shipping Ltd',
    ]);

    await putHeader(table.store, {
      ...submitted.header,
      status: 'withdrawn',
      updatedAt: '2025-08-01T00:00:00.000Z',
    });
    await deleteHeader(table.store, gone.header.id);
    await stream.drain();
    expect(await namesFor({ q: 'marigold' })).toEqual([]);
    expect(draft.header.status).toBe('draft');

    // Nothing is left behind in any partition once a statement is no longer listed.
    for (const id of [submitted.header.id, gone.header.id]) {
      const { Items } = await table.store.doc.send(
        new QueryCommand({
          TableName: table.store.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.searchPartition({ kind: 'term', prefix: 'mari' }) },
        }),
      );
      expect(Items?.filter((item) => item.id === id)).toEqual([]);
    }
  });

  it('applies a change once however often it is delivered, and converges whatever the order', async () => {
    const organisation = await putOrganisation(table.store, { name: 'Oxbow Lantern Company Ltd' });
    const first = await putStatement(table.store, { organisation });
    await stream.drain();
    const before = await getStatistics(table.store);

    // The same change again, and an old record after a newer state: the header is re-read each time.
    const change: ChangeRecord = {
      eventName: 'INSERT',
      sequenceNumber: '1',
      pk: keys.statement(first.header.id).pk,
      sk: 'STMT',
      newImage: { ...first.header, organisationName: 'A stale name' },
      oldImage: undefined,
    };
    const reactors = [
      createIndexStatementReactor({
        store: table.store,
        clock: () => new Date(),
        log: () => {},
        archive: createMemoryArchive(),
      }),
    ];
    await processChanges([change, change], reactors, (_c, error) => {
      throw error;
    });
    expect(await getStatistics(table.store)).toEqual(before);
    expect(await namesFor({ q: 'stale' })).toEqual([]);

    await putHeader(table.store, {
      ...first.header,
      organisationName: 'Oxbow Lanterns Ltd',
      updatedAt: '2025-09-01T00:00:00.000Z',
    });
    await stream.drain();
    await processChanges([change], reactors, () => {});
    expect(await namesFor({ q: 'oxbow' })).toEqual(['Oxbow Lanterns Ltd']);
    expect(
      await reindexStatement(table.store, first.header.id, { now: () => '2026-01-01T00:00:00.000Z' }),
    ).toBe('unchanged');
  });

  it('leaves a header that breaks the summary contract alone, logging it, and carries on with the stream', async () => {
    await table.store.doc.send(
      new PutCommand({
        TableName: table.store.tableName,
        Item: { ...keys.statement('01JDQ8Z4V6W4Y0B3C9E7K2M5NX'), status: 'submitted', organisationName: 42 },
      }),
    );
    const after = await putStatement(table.store, {
      organisation: await putOrganisation(table.store, { name: 'Afterward Plumbing Ltd' }),
    });
    await stream.drain();
    expect(await namesFor({ q: 'afterward' })).toEqual(['Afterward Plumbing Ltd']);
    expect(after.header.status).toBe('submitted');
    expect(log.some((entry) => String((entry as unknown[])[0]).includes('01JDQ8Z4V6W4Y0B3C9E7K2M5NX'))).toBe(
      true,
    );
  });

  it('counts statements per year for the statistics, once each, following checks and withdrawals', async () => {
    const year = 2019;
    const document = { periodStart: '2018-04-01', periodEnd: '2019-03-31', approvalDate: '2019-06-01' };
    const a = await putStatement(table.store, {
      organisation: await putOrganisation(table.store, { name: 'Statsworth One Ltd' }),
      document: { ...document, sectors: ['Education and research'] },
    });
    const b = await putStatement(table.store, {
      organisation: await putOrganisation(table.store, { name: 'Statsworth Two Ltd' }),
      document: { ...document, sectors: ['Education and research', 'Public sector'] },
    });
    await stream.drain();
    await putCheckResult(
      table.store,
      a,
      checkResultFor({ meetsLegalMinimum: true, areasCovered: 5, rating: 'adequate' }),
    );
    await putCheckResult(
      table.store,
      b,
      checkResultFor({ meetsLegalMinimum: false, areasCovered: 1, rating: 'non_compliant' }),
    );
    await stream.drain();
    await stream.drain();

    const stats = (await getStatistics(table.store)).years.find((y) => y.year === year);
    expect(stats).toMatchObject({
      statements: 2,
      checked: 2,
      meetsLegalMinimum: 1,
      doesNotMeetLegalMinimum: 1,
      shareMeetingLegalMinimum: 0.5,
      averageAreasCovered: 3,
      ratings: { strong: 0, adequate: 1, weak: 0, non_compliant: 1, not_determined: 0 },
    });
    expect(stats?.sectors).toEqual([
      {
        sector: 'Public sector',
        statements: 1,
        checked: 1,
        averageAreasCovered: 1,
        shareMeetingLegalMinimum: 0,
      },
      {
        sector: 'Education and research',
        statements: 2,
        checked: 2,
        averageAreasCovered: 3,
        shareMeetingLegalMinimum: 0.5,
      },
    ]);

    await putHeader(table.store, { ...b.header, status: 'withdrawn', updatedAt: '2026-01-01T00:00:00.000Z' });
    await stream.drain();
    expect((await getStatistics(table.store)).years.find((y) => y.year === year)).toMatchObject({
      statements: 1,
      checked: 1,
      meetsLegalMinimum: 1,
    });

    // Rechecked as a statement the checker could not read: counted as not determined, not adequate.
    await putCheckResult(
      table.store,
      a,
      checkResultFor({ meetsLegalMinimum: null, areasCovered: 0, rating: 'not_determined' }),
    );
    await stream.drain();
    expect((await getStatistics(table.store)).years.find((y) => y.year === year)).toMatchObject({
      checked: 1,
      meetsLegalMinimum: 0,
      undetermined: 1,
      ratings: { strong: 0, adequate: 0, weak: 0, non_compliant: 0, not_determined: 1 },
    });
  });

  it('pages through results with cursors, in the asked order, with no entry twice or missed', async () => {
    const names = Array.from(
      { length: 11 },
      (_, i) => `Pagewell ${String.fromCharCode(65 + ((i * 7) % 11))}${i} Ltd`,
    );
    await Promise.all(
      names.map(async (name, i) =>
        putStatement(table.store, {
          organisation: await putOrganisation(table.store, { name }),
          submittedAt: new Date(Date.UTC(2025, 6, 1 + i)).toISOString(),
          document: { sectors: i % 2 === 0 ? ['Cosmetics and toiletries'] : ['Defence and aerospace'] },
        }),
      ),
    );
    await stream.drain();

    const collect = async (filters: Partial<SearchFilters>, limit: number) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 30; page++) {
        const result = await search(filters, limit, cursor);
        seen.push(...result.items.map((item) => item.organisationName));
        if (!result.nextCursor) break;
        cursor = result.nextCursor;
      }
      return seen;
    };
    const byName = await collect({ q: 'pagewell', sort: 'name' }, 3);
    expect(byName).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const byDate = await collect({ q: 'pagewell', sort: 'date' }, 2);
    expect(byDate).toEqual([...names].reverse());
    const cosmetics = await collect({ q: 'pagewell', sector: 'Cosmetics and toiletries', sort: 'name' }, 2);
    expect(cosmetics).toEqual(
      names.filter((_, i) => i % 2 === 0).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
    );

    const first = await search({ q: 'pagewell', sort: 'name' }, 5);
    await expect(search({ q: 'pagewell', sort: 'date' }, 5, first.nextCursor!)).rejects.toThrow(
      /another search/,
    );
    await expect(search({ q: 'pagewell' }, 5, 'not-a-cursor')).rejects.toThrow(/not valid/);
  });

  it('pages a name with a year and a sector through every result, never answering an empty page while results remain', async () => {
    const names = Array.from({ length: 48 }, (_, i) => `Nationwell ${String(i).padStart(2, '0')} Ltd`);
    const matching = (i: number) => i % 16 === 0;
    await Promise.all(
      names.map(async (name, i) =>
        putStatement(table.store, {
          organisation: await putOrganisation(table.store, { name }),
          document: {
            periodStart: i % 2 === 0 ? '2023-04-01' : '2024-04-01',
            periodEnd: i % 2 === 0 ? '2024-03-31' : '2025-03-31',
            sectors: matching(i) ? ['Cosmetics and toiletries'] : ['Defence and aerospace'],
          },
        }),
      ),
    );
    await stream.drain();
    const plan = planSearch({
      sort: 'relevance',
      q: 'nationwell',
      year: 2024,
      sector: 'Cosmetics and toiletries',
    });
    expect(plan.inYear).toBe(2024);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      // A budget of half a unit: one read, which finds nothing most of the time.
      const result = await searchStatements(table.store, plan, { limit: 2, cursor, readBudget: 0.5 });
      if (result.nextCursor) expect(result.items.length).toBeGreaterThan(0);
      seen.push(...result.items.map((item) => item.organisationName));
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    expect(seen.sort()).toEqual(names.filter((_, i) => matching(i)));
    // A name with a year reads that year's partition: nothing read is another year's.
    const capacity = newCapacityMeter();
    const year = await searchStatements(
      table.store,
      planSearch({ sort: 'relevance', q: 'nationwell', year: 2025 }),
      {
        limit: 24,
        capacity,
      },
    );
    expect(year.items).toHaveLength(24);
    expect(year.items.every((item) => item.year === 2025)).toBe(true);
    expect(capacity.readUnits).toBeLessThan(4);

    // A name with a sector reads the partition of both: a full page, nothing read thrown away.
    const defence = { q: 'nationwell', sector: 'Defence and aerospace' as const };
    const narrowed = planSearch({ sort: 'relevance', ...defence });
    expect(narrowed.facet).toMatchObject({ kind: 'termSector', prefix: 'nati' });
    const sectorCapacity = newCapacityMeter();
    const bySector = await searchStatements(table.store, narrowed, { limit: 20, capacity: sectorCapacity });
    expect(bySector.items).toHaveLength(20);
    expect(bySector.items.every((item) => item.sectors.includes('Defence and aerospace'))).toBe(true);
    expect(sectorCapacity.readUnits).toBeLessThan(3);
    // Sorted by name, the same results come from the name partition, filtered.
    const byName = await searchStatements(table.store, planSearch({ sort: 'name', ...defence }), {
      limit: 50,
    });
    expect(byName.items.map((item) => item.organisationName)).toEqual(
      names.filter((_, i) => !matching(i)).slice(0, byName.items.length),
    );
    expect(byName.items.length).toBeGreaterThan(0);
  });

  it('spends under 10 read units on a page, filtered or not', async () => {
    for (const filters of [
      { q: 'pagewell' },
      { q: 'pagewell', sector: 'Cosmetics and toiletries' as const },
      {},
    ]) {
      const capacity = newCapacityMeter();
      await searchStatements(table.store, planSearch({ sort: 'relevance', ...filters }), {
        limit: 100,
        capacity,
      });
      expect(capacity.readUnits).toBeGreaterThan(0);
      expect(capacity.readUnits).toBeLessThan(10);
    }
  });
});
