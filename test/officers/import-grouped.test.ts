import { InternalServerError } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  type BatchWriteCommandInput,
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { importRows, isTransient, limiter } from '../../functions/domain/compliance/import-organisations.ts';
import { organisationIdsByCompanyNumbers } from '../../functions/store/compliance/organisation-by-company-number.ts';
import { keys } from '../../functions/store/keys.ts';
import { getOrganisation } from '../../functions/store/organisations/get-organisation.ts';
import type { Store } from '../../functions/store/store.ts';
import type { ImportRow } from '../../schemas/organisation-import.ts';
import { fixedNow } from '../support/app.ts';
import { useTestTable } from '../support/table.ts';

const officer = { id: 'officer-1', email: 'olive@officers.example', isOfficer: true };

const row = (i: number, prefix: string, name = `${prefix} ${i} Ltd`): { line: number; row: ImportRow } => ({
  line: i + 2,
  row: {
    name,
    companyNumber: `${prefix.slice(0, 2).toUpperCase()}${String(i).padStart(6, '0')}`,
    entityType: 'company',
    financialYearEnd: '03-31',
  },
});

describe('importing a chunk in packed transactions', () => {
  const table = useTestTable();
  const deps = (store: Store = table.store) => ({ store, clock: () => fixedNow });

  it('stores each row of a chunk mixing known and new company numbers exactly once, with exact counts', async () => {
    // Every third row is already known: half of those unchanged, half renamed.
    const known = Array.from({ length: 90 }, (_, i) => i).filter((i) => i % 3 === 0);
    await importRows(
      deps(),
      officer,
      known.map((i) => row(i, 'Mixed')),
    );
    const file = Array.from({ length: 90 }, (_, i) =>
      i % 3 === 0 && i % 2 === 0 ? row(i, 'Mixed', `Mixed ${i} Renamed Ltd`) : row(i, 'Mixed'),
    );
    const tally = await importRows(deps(), officer, file, { concurrency: 2, transactions: 2 });

    expect(tally).toMatchObject({ created: 60, updated: 15, unchanged: 15, errors: [] });
    expect(tally.enrolmentCodes.map((code) => code.line)).toEqual(
      file.filter((_, i) => i % 3 !== 0).map((entry) => entry.line),
    );
    const claims = await organisationIdsByCompanyNumbers(
      table.store,
      file.map((entry) => entry.row.companyNumber ?? ''),
    );
    expect(claims.size).toBe(90);
    expect(new Set(claims.values()).size).toBe(90);
    for (const code of tally.enrolmentCodes)
      expect(claims.get(code.companyNumber ?? '')).toBe(code.organisationId);
    const renamed = await getOrganisation(table.store, claims.get('MI000006') ?? '');
    expect(renamed?.name).toBe('Mixed 6 Renamed Ltd');
  });

  it('answers a per-line error for a bad line in the middle of a pack and writes the rest of the pack', async () => {
    // Line 7's company number is claimed by an organisation that does not exist: its row can
    // neither be added (the number is taken) nor update anything.
    const file = Array.from({ length: 12 }, (_, i) => row(i, 'Pack'));
    const bad = file[5];
    if (!bad?.row.companyNumber) throw new Error('no row');
    await table.store.doc.send(
      new PutCommand({
        TableName: table.store.tableName,
        Item: {
          ...keys.companyNumber(bad.row.companyNumber),
          entity: 'companyNumber',
          organisationId: 'GONE',
        },
      }),
    );
    const tally = await importRows(deps(), officer, file);
    expect(tally.errors.map((error) => error.line)).toEqual([7]);
    expect(tally.created).toBe(11);
    expect(tally.enrolmentCodes.map((code) => code.line)).toEqual(
      file.filter((entry) => entry !== bad).map((entry) => entry.line),
    );
  });

  it('sends a transaction whose answer was lost again with its token, so nothing is written twice', async () => {
    // A second document client on the same table, whose first transaction goes in but answers 500.
    const real = DynamoDBDocumentClient.from(table.store.client);
    const flaky = DynamoDBDocumentClient.from(table.store.client);
    const mock = mockClient(flaky);
    const tokens: (string | undefined)[] = [];
    let failed = false;
    mock.on(BatchGetCommand).callsFake((input) => real.send(new BatchGetCommand(input)));
    mock.on(BatchWriteCommand).callsFake((input) => real.send(new BatchWriteCommand(input)));
    mock.on(TransactWriteCommand).callsFake(async (input: TransactWriteCommandInput) => {
      tokens.push(input.ClientRequestToken);
      const answer = await real.send(new TransactWriteCommand(input));
      if (!failed) {
        failed = true;
        throw new InternalServerError({ message: 'too long waiting for a lock', $metadata: {} });
      }
      return answer;
    });
    try {
      const store = { ...table.store, doc: flaky };
      const file = Array.from({ length: 30 }, (_, i) => row(i, 'Lost'));
      const tally = await importRows(deps(store), officer, file, { transactions: 1 });
      expect(tally).toMatchObject({ created: 30, updated: 0, unchanged: 0, errors: [] });
      // One transaction claims the 30 company numbers: sent twice, with one token.
      expect(tokens).toHaveLength(2);
      expect(tokens[0]).toBeDefined();
      expect(tokens[1]).toBe(tokens[0]);
      const claims = await organisationIdsByCompanyNumbers(
        table.store,
        file.map((entry) => entry.row.companyNumber ?? ''),
      );
      expect(new Set(tally.enrolmentCodes.map((code) => code.organisationId))).toEqual(
        new Set(claims.values()),
      );
    } finally {
      mock.restore();
    }
  });
});

describe('importing new organisations in plain batch writes', () => {
  const table = useTestTable();
  const deps = (store: Store = table.store) => ({ store, clock: () => fixedNow });

  async function itemsUnder(pk: string): Promise<Record<string, unknown>[]> {
    const { Items } = await table.store.doc.send(
      new QueryCommand({
        TableName: table.store.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
      }),
    );
    return Items ?? [];
  }

  it('writes every row once when DynamoDB leaves part of each batch unprocessed and the batch is retried', async () => {
    // Every batch's first send writes only its first half and hands the rest back unprocessed.
    const real = DynamoDBDocumentClient.from(table.store.client);
    const flaky = DynamoDBDocumentClient.from(table.store.client);
    const mock = mockClient(flaky);
    const seen = new Set<string>();
    let sends = 0;
    let unprocessed = 0;
    mock.on(BatchGetCommand).callsFake((input) => real.send(new BatchGetCommand(input)));
    mock.on(TransactWriteCommand).callsFake((input) => real.send(new TransactWriteCommand(input)));
    mock.on(BatchWriteCommand).callsFake(async (input: BatchWriteCommandInput) => {
      sends += 1;
      const [tableName, requests] = Object.entries(input.RequestItems ?? {})[0] ?? ['', []];
      const key = JSON.stringify(requests[0]?.PutRequest?.Item?.pk);
      if (seen.has(key) || requests.length < 2) return real.send(new BatchWriteCommand(input));
      seen.add(key);
      const half = Math.ceil(requests.length / 2);
      unprocessed += requests.length - half;
      await real.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests.slice(0, half) } }));
      return { UnprocessedItems: { [tableName]: requests.slice(half) } };
    });
    try {
      const file = [
        ...Array.from({ length: 40 }, (_, i) => row(i, 'Unprocessed')),
        ...Array.from({ length: 10 }, (_, i) => ({
          line: 100 + i,
          row: { name: `Numberless ${i} Ltd`, entityType: 'company', financialYearEnd: '12-31' } as ImportRow,
        })),
      ];
      const tally = await importRows(deps({ ...table.store, doc: flaky }), officer, file);
      expect(tally).toMatchObject({ created: 50, updated: 0, unchanged: 0, errors: [] });
      expect(unprocessed).toBeGreaterThan(0);
      expect(sends).toBeGreaterThan(seen.size);
      for (const code of tally.enrolmentCodes) {
        const organisation = await getOrganisation(table.store, code.organisationId);
        expect(organisation?.name).toBe(code.name);
        const events = await itemsUnder(`AUDIT#organisation/${code.organisationId}`);
        expect(events.map((event) => event.action)).toEqual(['organisation.created']);
      }
      expect(new Set(tally.enrolmentCodes.map((code) => code.organisationId)).size).toBe(50);
      // A second run of the same file adds only the rows without a company number.
      const again = await importRows(deps(), officer, file);
      expect(again).toMatchObject({ created: 10, unchanged: 40, errors: [] });
    } finally {
      mock.restore();
    }
  });

  it.each([
    ['finishes the organisation an interrupted import claimed long ago, under the claimed id', 16, null],
    [
      'answers a line error while another import is writing the organisation it just claimed',
      1,
      'Another import',
    ],
  ])('%s', async (_name, minutesAgo, error) => {
    const entry = row(minutesAgo, `Claimed${minutesAgo}`);
    const number = entry.row.companyNumber ?? '';
    await table.store.doc.send(
      new PutCommand({
        TableName: table.store.tableName,
        Item: {
          ...keys.companyNumber(number),
          entity: 'companyNumber',
          organisationId: `01ARZ3NDEKTSV4RRFFQ69G5F${String(minutesAgo).padStart(2, '0')}`,
          claimedBy: 'import',
          claimedAt: new Date(fixedNow.getTime() - minutesAgo * 60_000).toISOString(),
        },
      }),
    );
    const tally = await importRows(deps(), officer, [entry]);
    if (error) {
      expect(tally.created).toBe(0);
      expect(tally.errors).toEqual([{ line: entry.line, message: expect.stringContaining(error) }]);
      expect(
        await getOrganisation(table.store, `01ARZ3NDEKTSV4RRFFQ69G5F${String(minutesAgo).padStart(2, '0')}`),
      ).toBeUndefined();
    } else {
      expect(tally).toMatchObject({ created: 1, errors: [] });
      expect(tally.enrolmentCodes[0]?.organisationId).toBe(
        `01ARZ3NDEKTSV4RRFFQ69G5F${String(minutesAgo).padStart(2, '0')}`,
      );
      expect(
        (await getOrganisation(table.store, `01ARZ3NDEKTSV4RRFFQ69G5F${String(minutesAgo).padStart(2, '0')}`))
          ?.name,
      ).toBe(entry.row.name);
    }
  });
});

describe('the import’s pacing', () => {
  it('never runs more tasks at once than its limit, and runs them all', async () => {
    const limit = limiter(3);
    let running = 0;
    let most = 0;
    const done = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit(async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, (i % 4) + 1));
          running -= 1;
          return i;
        }),
      ),
    );
    expect(done).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(most).toBe(3);
  });

  it.each([
    ['a 500 from the store', new InternalServerError({ message: 'lock', $metadata: {} }), true],
    ['throttling', Object.assign(new Error('slow down'), { name: 'ThrottlingException' }), true],
    [
      'a refused condition',
      Object.assign(new Error('no'), { name: 'ConditionalCheckFailedException' }),
      false,
    ],
    ['a programming error', new TypeError('x is undefined'), false],
  ])('tells whether %s may be sent again', (_name, error, transient) => {
    expect(isTransient(error)).toBe(transient);
  });
});
