import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createMemoryArchive } from '../../functions/domain/archive.ts';
import { normaliseName } from '../../functions/domain/names.ts';
import { OPEN_DATA_VERSION } from '../../functions/domain/open-data.ts';
import { INDEX_VERSION, pairFacet } from '../../functions/domain/search/index-entries.ts';
import { keys } from '../../functions/store/keys.ts';
import {
  getOpenDataProgress,
  listIndexedStatementIds,
} from '../../functions/store/search/open-data-progress.ts';
import { reindexStatement } from '../../functions/worker/index-statement.ts';
import { rerenderOpenData } from '../../functions/worker/open-data-rerender.ts';
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

  it('slims the typo entries of version 3 (index copies and the whole projection) to the table alone', async () => {
    const statement = await putStatement(table.store, {
      organisation: await putOrganisation(table.store, { name: 'Slimwater Dyeworks Ltd' }),
    });
    const id = statement.header.id;
    await reindexStatement(table.store, id, { now: () => '2026-01-01T00:00:00.000Z' });
    const typoEntries = async () => {
      const { Items } = await table.store.doc.send(
        new QueryCommand({
          TableName: table.store.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.searchPartition({ kind: 'fuzzy', key: 'slimwater' }) },
        }),
      );
      return (Items ?? []).filter((item) => item.id === id);
    };
    const [entry] = await typoEntries();
    expect(entry).toBeDefined();
    // As version 3 wrote it: in gsi1, gsi2 and gsi3, with every projected attribute.
    const partition = String(entry?.pk);
    await table.store.doc.send(
      new PutCommand({
        TableName: table.store.tableName,
        Item: {
          ...entry,
          gsi1pk: partition,
          gsi1sk: `slimwater dyeworks#${id}`,
          gsi2pk: partition,
          gsi2sk: `x#${id}`,
          gsi3pk: `${partition}#Y2025`,
          gsi3sk: String(entry?.sk),
          n: 'Slimwater Dyeworks Ltd',
          r: 'strong',
        },
      }),
    );
    await table.store.doc.send(
      new UpdateCommand({
        TableName: table.store.tableName,
        Key: keys.searchState(id),
        UpdateExpression: 'SET fingerprint = :v, indexVersion = :three',
        ExpressionAttributeValues: { ':v': 'version 3', ':three': 3 },
      }),
    );
    await table.store.doc.send(
      new PutCommand({
        TableName: table.store.tableName,
        Item: { ...keys.openDataProgress(), entity: 'openDataProgress', version: 3, rendering: null },
      }),
    );

    await rerenderOpenData(deps());

    const after = await typoEntries();
    expect(after).toHaveLength(1);
    expect(Object.keys(after[0]!).sort()).toEqual(['entity', 'id', 'pk', 'sk', 'tx']);
    const { Items: inIndex } = await table.store.doc.send(
      new QueryCommand({
        TableName: table.store.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': partition },
      }),
    );
    expect(inIndex?.filter((item) => item.id === id)).toEqual([]);
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
