import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createMemoryArchive } from '../../functions/domain/archive.ts';
import { normaliseName } from '../../functions/domain/names.ts';
import { OPEN_DATA_VERSION } from '../../functions/domain/open-data.ts';
import { INDEX_VERSION, pairFacet } from '../../functions/domain/search/index-entries.ts';
import { legacyStatementTypoEntries, typoNamesOf } from '../../functions/domain/search/organisation-typos.ts';
import { planSearch } from '../../functions/domain/search/plan.ts';
import { keys } from '../../functions/store/keys.ts';
import { batchWriteItems } from '../../functions/store/search/batch-write-items.ts';
import {
  getOpenDataProgress,
  listIndexedStatementIds,
} from '../../functions/store/search/open-data-progress.ts';
import { organisationTypoItems } from '../../functions/store/search/organisation-typos.ts';
import { searchSimilarNames } from '../../functions/store/search/search-similar-names.ts';
import { reindexStatement } from '../../functions/worker/index-statement.ts';
import { rerenderOpenData } from '../../functions/worker/open-data-rerender.ts';
import { statementSummarySchema } from '../../schemas/statement-summary.ts';
import { putOrganisation, putStatement } from '../public/fixtures.ts';
import { useTestTable } from '../support/table.ts';

describe('re-rendering the open data after a change of format', () => {
  const table = useTestTable();
  const deps = () => ({
    store: table.store,
    clock: () => new Date('2026-11-29T12:00:00.000Z'),
    log: () => {},
    archive: createMemoryArchive(),
  });

  it('renders every listed statement’s lines again, once, and records the version', async () => {
    const statements = [];
    for (const name of ['Rerender One Ltd', 'Rerender Two Ltd']) {
      const statement = await putStatement(table.store, {
        organisation: await putOrganisation(table.store, { name }),
      });
      await reindexStatement(table.store, statement.header.id, { now: () => '2026-01-01T00:00:00.000Z' });
      statements.push(statement);
    }
    // As if the first statement had been indexed in an older format.
    const old = statements[0]!.header;
    const lineKey = keys.openDataLine(old.year, 'csv', normaliseName(old.organisationName), old.id);
    for (const [key, names, values] of [
      [keys.searchState(old.id), { '#f': 'fingerprint' }, { ':v': 'an older format' }],
      [lineKey, { '#f': 'v' }, { ':v': 0 }],
    ] as const) {
      await table.store.doc.send(
        new UpdateCommand({
          TableName: table.store.tableName,
          Key: key,
          UpdateExpression: 'SET #f = :v',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    }

    expect((await rerenderOpenData(deps())).detail).toEqual({
      version: INDEX_VERSION,
      rendered: 2,
      done: true,
    });
    const { Item } = await table.store.doc.send(
      new GetCommand({ TableName: table.store.tableName, Key: lineKey }),
    );
    expect(Item?.v).toBe(OPEN_DATA_VERSION);
    expect(await getOpenDataProgress(table.store)).toEqual({ version: INDEX_VERSION, rendering: null });
    expect((await rerenderOpenData(deps())).detail).toMatchObject({ rendered: 0, done: true });
  });

  it('fills in the partitions of a new index version for statements indexed before it', async () => {
    const statement = await putStatement(table.store, {
      organisation: await putOrganisation(table.store, { name: 'Upgrade Harbour Logistics Ltd' }),
    });
    const id = statement.header.id;
    await reindexStatement(table.store, id, { now: () => '2026-01-01T00:00:00.000Z' });
    const pairPartition = keys.searchPartition(pairFacet('harb', 'logi'));
    const pairEntry = async () => {
      const { Items } = await table.store.doc.send(
        new QueryCommand({
          TableName: table.store.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pairPartition },
        }),
      );
      return Items?.find((item) => item.id === id);
    };
    const entry = await pairEntry();
    expect(entry).toBeDefined();
    // As if indexed by version 1, before word pairs: no pair entry, an older fingerprint and progress.
    await table.store.doc.send(
      new DeleteCommand({ TableName: table.store.tableName, Key: { pk: pairPartition, sk: entry?.sk } }),
    );
    await table.store.doc.send(
      new UpdateCommand({
        TableName: table.store.tableName,
        Key: keys.searchState(id),
        UpdateExpression: 'SET fingerprint = :v REMOVE indexVersion',
        ExpressionAttributeValues: { ':v': 'version 1' },
      }),
    );
    await table.store.doc.send(
      new PutCommand({
        TableName: table.store.tableName,
        Item: { ...keys.openDataProgress(), entity: 'openDataProgress', version: 1, rendering: null },
      }),
    );
    expect(await pairEntry()).toBeUndefined();

    const result = await rerenderOpenData(deps());

    expect(result.detail).toMatchObject({ version: INDEX_VERSION, done: true });
    expect(await pairEntry()).toMatchObject({ id });
  });

  it("replaces version 4's typo entries of each statement by its organisation's, still found by a one-letter typo", async () => {
    const organisation = await putOrganisation(table.store, { name: 'Slimwater Dyeworks Ltd' });
    const statement = await putStatement(table.store, { organisation });
    const id = statement.header.id;
    await reindexStatement(table.store, id, { now: () => '2026-01-01T00:00:00.000Z' });
    const partition = keys.searchPartition({ kind: 'fuzzy', key: 'slimwater' });
    const typoEntries = async () => {
      const { Items } = await table.store.doc.send(
        new QueryCommand({
          TableName: table.store.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': partition },
        }),
      );
      return (Items ?? []).filter((item) => item.id === id || item.o === organisation.id);
    };
    const similar = () =>
      searchSimilarNames(table.store, planSearch({ sort: 'relevance', q: 'slimwatr' }), ['slimwatr'], {
        limit: 20,
      });

    // The layout version 4 left: entries per statement (its id, names), no organisation entries or state.
    const summary = statementSummarySchema.parse(statement.header);
    const current = await typoEntries();
    expect(current.map((item) => Object.keys(item).sort())).toEqual([['entity', 'o', 'pk', 'sk', 'tx']]);
    const organisationEntries = organisationTypoItems(organisation.id, typoNamesOf(summary));
    const legacy = legacyStatementTypoEntries(summary).map((entry) => ({
      pk: keys.searchPartition({ kind: 'fuzzy', key: entry.key }),
      sk: `${entry.relevance}#${id}`,
      entity: 'searchEntry',
      id,
      tx: entry.text,
    }));
    await batchWriteItems(table.store, [
      ...[...organisationEntries, keys.organisationTypoState(organisation.id)].map(({ pk, sk }) => ({
        DeleteRequest: { Key: { pk, sk } },
      })),
      ...legacy.map((Item) => ({ PutRequest: { Item } })),
    ]);
    await table.store.doc.send(
      new UpdateCommand({
        TableName: table.store.tableName,
        Key: keys.searchState(id),
        UpdateExpression: 'SET fingerprint = :v, indexVersion = :four',
        ExpressionAttributeValues: { ':v': 'version 4', ':four': 4 },
      }),
    );
    await table.store.doc.send(
      new PutCommand({
        TableName: table.store.tableName,
        Item: { ...keys.openDataProgress(), entity: 'openDataProgress', version: 4, rendering: null },
      }),
    );
    expect((await typoEntries()).map((item) => item.id)).toEqual([id]);
    // Found through the old entries until the re-index.
    expect((await similar()).map((result) => result.id)).toEqual([id]);

    await rerenderOpenData(deps());

    const after = await typoEntries();
    expect(after.map((item) => item.o)).toEqual([organisation.id]);
    // None of the statement's old entries is left, in any of its deletion keys' partitions.
    for (const { pk, sk } of legacy) {
      const { Item } = await table.store.doc.send(
        new GetCommand({ TableName: table.store.tableName, Key: { pk, sk } }),
      );
      expect(Item).toBeUndefined();
    }
    expect((await similar()).map((result) => result.id)).toEqual([id]);
  });

  it('stops when its time is up and carries on from there the next day', async () => {
    await table.store.doc.send(
      new UpdateCommand({
        TableName: table.store.tableName,
        Key: keys.openDataProgress(),
        UpdateExpression: 'SET version = :old',
        ExpressionAttributeValues: { ':old': 0 },
      }),
    );
    let clock = 0;
    const first = await rerenderOpenData(deps(), { budgetMs: 0, now: () => clock++ });
    expect(first.detail).toMatchObject({ rendered: 0, done: false });
    const second = await rerenderOpenData(deps());
    const listed = (await listIndexedStatementIds(table.store, null)).ids.length;
    expect(listed).toBeGreaterThanOrEqual(2);
    expect(second.detail).toMatchObject({ rendered: listed, done: true });
  });
});
