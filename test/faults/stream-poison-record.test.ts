import { Metrics } from '@aws-lambda-powertools/metrics';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createMemoryArchive } from '../../functions/domain/archive.ts';
import { createStreamHandler } from '../../functions/handlers/stream.ts';
import { keys } from '../../functions/store/keys.ts';
import type { Reactor } from '../../functions/worker/process-changes.ts';
import { createReactors } from '../../functions/worker/reactors.ts';
import { authFor, fixedNow, testApp } from '../support/app.ts';
import { enrolledOrganisation, json, officer, validDocument } from '../support/submissions.ts';
import { useTestTable } from '../support/table.ts';

/**
 * The Lambda stream handler, fed hand-built DynamoDBStreamEvents whose records carry real items
 * of the test table, with the register's own reactors behind it. A poison record — one that
 * cannot be parsed, or one a reactor always throws on — is the only record the partial batch
 * response names; every other record lands; redelivery (Lambda resuming from the failure)
 * lands nothing twice.
 */
const searchAnswer = z.object({ items: z.array(z.object({ id: z.string() })) });
const summaryAnswer = z.object({ statementsReceived: z.number() });

const context = {
  functionName: 'stream',
  awsRequestId: 'test-request',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-2:000000000000:function:stream',
} as unknown as Context;

describe('a poison record in a stream batch', { timeout: 60_000 }, () => {
  const table = useTestTable();
  const { app } = testApp(table.store);
  let sequence = 1_000;

  /** A submitted statement of a new organisation called `name`; answers its header item. */
  async function submittedStatement(name: string) {
    const email = `${name.replace(/\W/g, '').toLowerCase()}@poison.example`;
    const organisation = await enrolledOrganisation(app, email, { name });
    const response = await json(
      app,
      'POST',
      `/api/v1/organisations/${organisation.id}/statements`,
      { ...validDocument(), submit: true },
      await authFor({ email }),
    );
    expect(response.status).toBe(201);
    const { id } = z.object({ id: z.string() }).parse(await response.json());
    const item = (
      await table.store.doc.send(
        new GetCommand({ TableName: table.store.tableName, Key: keys.statement(id) }),
      )
    ).Item;
    if (!item) throw new Error('no header');
    return { id, item };
  }

  function insertRecord(item: Record<string, unknown>): DynamoDBRecord {
    sequence += 1;
    return {
      eventID: `event-${sequence}`,
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-west-2',
      dynamodb: {
        SequenceNumber: String(sequence),
        Keys: marshall({ pk: item.pk, sk: item.sk }) as never,
        NewImage: marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: true }) as never,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    };
  }

  function malformedRecord(): DynamoDBRecord {
    sequence += 1;
    return {
      eventID: `event-${sequence}`,
      eventName: 'INSERT',
      dynamodb: { SequenceNumber: String(sequence), Keys: { pk: { N: '1' } } as never },
    };
  }

  const event = (records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });

  function streamHandler(poison: (pk: string) => boolean) {
    const logged: string[] = [];
    const deps = {
      store: table.store,
      clock: () => fixedNow,
      log: (message: string) => void logged.push(message),
      archive: createMemoryArchive(),
    };
    const poisonReactor: Reactor = async (change) => {
      if (poison(change.pk)) throw new Error('this record always fails');
    };
    // The poison reactor runs first, so the poison record's change is not half-applied.
    const reactors = [poisonReactor, ...createReactors(deps)];
    const metrics = new Metrics({ namespace: 'Test', serviceName: 'stream' });
    return { handler: createStreamHandler(() => ({ reactors, log: deps.log }), metrics), logged };
  }

  async function found(name: string): Promise<string[]> {
    const response = await app.request(`/api/v1/statements?q=${encodeURIComponent(name)}&year=2026`);
    expect(response.status).toBe(200);
    return searchAnswer.parse(await response.json()).items.map((item) => item.id);
  }

  async function received(): Promise<number> {
    const response = await app.request('/api/v1/compliance/summary?year=2026', {
      headers: await authFor(officer),
    });
    expect(response.status).toBe(200);
    return summaryAnswer.parse(await response.json()).statementsReceived;
  }

  it.each([
    { poison: 'a record that cannot be parsed', malformed: true },
    { poison: 'a record its reactor always throws on', malformed: false },
  ])(
    'names only $poison, processes the others, and lands nothing twice on redelivery',
    async ({ malformed }) => {
      const tag = malformed ? 'Quokka' : 'Wombat';
      const before = await received();
      const first = await submittedStatement(`${tag} First Ltd`);
      const middle = await submittedStatement(`${tag} Middle Ltd`);
      const last = await submittedStatement(`${tag} Last Ltd`);
      const poisonRecord = malformed ? malformedRecord() : insertRecord(middle.item);
      const records = [
        insertRecord(first.item),
        poisonRecord,
        ...(malformed ? [insertRecord(middle.item)] : []),
        insertRecord(last.item),
      ];
      let cured = false;
      const { handler, logged } = streamHandler((pk) => !malformed && !cured && pk === `STMT#${middle.id}`);

      const answer = await handler(event(records), context);
      expect(answer.batchItemFailures).toEqual([{ itemIdentifier: poisonRecord.dynamodb?.SequenceNumber }]);
      expect(logged).toHaveLength(1);
      expect(await found(`${tag} First`)).toEqual([first.id]);
      expect(await found(`${tag} Last`)).toEqual([last.id]);
      expect(await found(`${tag} Middle`)).toEqual(malformed ? [middle.id] : []);
      expect(await received()).toBe(before + (malformed ? 3 : 2));

      // Lambda resumes from the failure: the poison record and everything after it, again.
      const index = records.indexOf(poisonRecord);
      const again = await handler(event(records.slice(index)), context);
      expect(again.batchItemFailures).toEqual([{ itemIdentifier: poisonRecord.dynamodb?.SequenceNumber }]);

      // The cause fixed, the batch is replayed whole (the DLQ redrive): everything lands once.
      cured = true;
      const replay = await handler(event(records), context);
      expect(replay.batchItemFailures).toEqual(
        malformed ? [{ itemIdentifier: poisonRecord.dynamodb?.SequenceNumber }] : [],
      );
      for (const [name, id] of [
        [`${tag} First`, first.id],
        [`${tag} Middle`, middle.id],
        [`${tag} Last`, last.id],
      ] as const)
        expect(await found(name)).toEqual([id]);
      expect(await received()).toBe(before + 3);
    },
  );

  it('holds back later changes of the failed item, so its changes still apply in order', async () => {
    const statement = await submittedStatement('Numbat Held Ltd');
    const other = await submittedStatement('Numbat Other Ltd');
    const records = [insertRecord(statement.item), insertRecord(statement.item), insertRecord(other.item)];
    let calls = 0;
    const { handler } = streamHandler((pk) => pk === `STMT#${statement.id}` && ++calls > 0);
    const answer = await handler(event(records), context);
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: records[0]?.dynamodb?.SequenceNumber }]);
    expect(calls).toBe(1);
    expect(await found('Numbat Other')).toEqual([other.id]);
    expect(await found('Numbat Held')).toEqual([]);
  });
});
