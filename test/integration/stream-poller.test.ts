import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { createStreamPoller } from '../../functions/local/stream-poller.ts';
import type { ChangeRecord } from '../../functions/store/stream-records.ts';
import { processChanges, type Reactor } from '../../functions/worker/process-changes.ts';
import { testRegion, useTestTable } from '../support/table.ts';

describe('the local stream poller', () => {
  const table = useTestTable();

  function pollerWith(reactor: Reactor, streams?: DynamoDBStreamsClient) {
    return createStreamPoller({
      ...(streams ? { streams } : {}),
      client: table.store.client,
      endpoint: table.endpoint,
      region: testRegion,
      tableName: table.store.tableName,
      handle: async (changes) => (await processChanges(changes, [reactor], () => {})).firstFailure,
      onError: (error) => {
        throw error;
      },
    });
  }

  const put = (pk: string) =>
    table.store.doc.send(new PutCommand({ TableName: table.store.tableName, Item: { pk, sk: 'ITEM' } }));

  it('feeds every write to the worker in order, and retries from a failing record until it succeeds', async () => {
    const seen: ChangeRecord[] = [];
    let failuresLeft = 2;
    const poller = pollerWith(async (change) => {
      if (change.pk === 'B' && failuresLeft > 0) {
        failuresLeft--;
        throw new Error('transient');
      }
      seen.push(change);
    });
    await put('A');
    await put('B');
    await put('C');
    await poller.drain();
    expect(seen.map((c) => c.pk)).toEqual(['A', 'B', 'C']);
    expect(seen.every((c) => c.eventName === 'INSERT')).toBe(true);
    expect(failuresLeft).toBe(0);

    await put('D');
    await poller.drain();
    expect(seen.map((c) => c.pk)).toEqual(['A', 'B', 'C', 'D']);
  });

  it.each([
    ['TrimmedDataAccessException', 'an iterator DynamoDB Local says is past the oldest record'],
    ['ExpiredIteratorException', 'an expired iterator'],
  ])('reads on from its checkpoint, losing nothing, after %s (%s)', async (name) => {
    const streams = new DynamoDBStreamsClient({
      region: testRegion,
      endpoint: table.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    // The real stream, but the first read after the first pass fails as named.
    const real = streams.send.bind(streams);
    const mock = mockClient(streams);
    let failNextRead = false;
    mock.on(DescribeStreamCommand).callsFake((input) => real(new DescribeStreamCommand(input)));
    mock.on(GetShardIteratorCommand).callsFake((input) => real(new GetShardIteratorCommand(input)));
    mock.on(GetRecordsCommand).callsFake((input) => {
      if (!failNextRead) return real(new GetRecordsCommand(input));
      failNextRead = false;
      throw name === 'TrimmedDataAccessException'
        ? new TrimmedDataAccessException({ message: 'trimmed', $metadata: {} })
        : Object.assign(new Error('expired'), { name });
    });
    try {
      const seen: string[] = [];
      const poller = pollerWith(async (change) => {
        seen.push(change.pk);
      }, streams);
      await put(`${name}-A`);
      await poller.drain();
      failNextRead = true;
      await put(`${name}-B`);
      await put(`${name}-C`);
      await poller.drain();
      expect(failNextRead).toBe(false);
      // The table is the file's: only this test's writes are compared.
      expect(seen.filter((pk) => pk.startsWith(name))).toEqual(['A', 'B', 'C'].map((x) => `${name}-${x}`));
    } finally {
      mock.restore();
      streams.destroy();
    }
  });
});
