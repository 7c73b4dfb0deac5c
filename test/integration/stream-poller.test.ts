import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it, vi } from 'vitest';
import { createStreamPoller } from '../../functions/local/stream-poller.ts';
import type { ChangeRecord } from '../../functions/store/stream-records.ts';
import { processChanges, type Reactor } from '../../functions/worker/process-changes.ts';
import { testRegion, useTestTable } from '../support/table.ts';

describe('the local stream poller', () => {
  const table = useTestTable();

  function pollerWith(
    reactor: Reactor,
    streams?: DynamoDBStreamsClient,
    more: { parallel?: number; batchSize?: number; checkpointFile?: string; intervalMs?: number } = {},
  ) {
    return createStreamPoller({
      ...(streams ? { streams } : {}),
      ...more,
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

  it('with one batch at a time, feeds every write to the worker in order, and retries from a failing record until it succeeds', async () => {
    const seen: ChangeRecord[] = [];
    let failuresLeft = 2;
    const poller = pollerWith(
      async (change) => {
        if (change.pk === 'B' && failuresLeft > 0) {
          failuresLeft--;
          throw new Error('transient');
        }
        seen.push(change);
      },
      undefined,
      { parallel: 1 },
    );
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

  /** `keys` items each written `versions` times, a version of every key before the next version of any. */
  async function writeVersions(prefix: string, keys: number, versions: number) {
    for (let v = 1; v <= versions; v++)
      for (let k = 0; k < keys; k++)
        await table.store.doc.send(
          new PutCommand({ TableName: table.store.tableName, Item: { pk: `${prefix}-${k}`, sk: 'ITEM', v } }),
        );
  }

  const ofPrefix = (prefix: string) => (change: ChangeRecord) => change.pk.startsWith(`${prefix}-`);

  /** The versions handled for each key, in the order they were handled. */
  function versionsByKey(changes: ChangeRecord[]): Record<string, number[]> {
    const byKey: Record<string, number[]> = {};
    for (const change of changes) {
      const versions = byKey[change.pk] ?? [];
      versions.push(Number(change.newImage?.v));
      byKey[change.pk] = versions;
    }
    return byKey;
  }

  const everyVersion = (prefix: string, keys: number, versions: number) =>
    Object.fromEntries(
      Array.from({ length: keys }, (_, k) => [
        `${prefix}-${k}`,
        Array.from({ length: versions }, (_, v) => v + 1),
      ]),
    );

  it('handles up to four batches at once, each key changes in the order written', async () => {
    await writeVersions('order', 12, 6);
    const seen: ChangeRecord[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const poller = pollerWith(
      async (change) => {
        if (!ofPrefix('order')(change)) return;
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        await sleep(1 + Math.floor(Math.random() * 4));
        inFlight--;
        seen.push(change);
      },
      undefined,
      { batchSize: 5 },
    );
    await poller.drain();
    expect(versionsByKey(seen)).toEqual(everyVersion('order', 12, 6));
    expect(seen).toHaveLength(72);
    expect(mostInFlight).toBeGreaterThan(1);
    expect(mostInFlight).toBeLessThanOrEqual(4);
  });

  it('retries a failing batch from its failing change, and handles every other change exactly once', async () => {
    await writeVersions('retry', 8, 5);
    const seen: ChangeRecord[] = [];
    let failed = 0;
    const poller = pollerWith(
      async (change) => {
        if (!ofPrefix('retry')(change)) return;
        if (change.pk === 'retry-3' && change.newImage?.v === 2 && failed++ < 2) throw new Error('transient');
        await sleep(1);
        seen.push(change);
      },
      undefined,
      { batchSize: 4 },
    );
    await poller.drain();
    expect(failed).toBe(3);
    expect(versionsByKey(seen)).toEqual(everyVersion('retry', 8, 5));
    expect(seen).toHaveLength(40);
  });

  it('stops after the batches in flight, and a poller started from its checkpoint goes on without losing or repeating a change', async () => {
    await writeVersions('stop', 10, 4);
    const folder = mkdtempSync(path.join(tmpdir(), 'poller-'));
    const checkpointFile = path.join(folder, 'checkpoint.json');
    try {
      const seen: ChangeRecord[] = [];
      let inFlight = 0;
      const slow: Reactor = async (change) => {
        if (!ofPrefix('stop')(change)) return;
        inFlight++;
        await sleep(10);
        inFlight--;
        seen.push(change);
      };
      const first = pollerWith(slow, undefined, { batchSize: 2, checkpointFile, intervalMs: 5 });
      first.start();
      await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(5), { timeout: 10_000, interval: 2 });
      await first.stop();
      expect(inFlight).toBe(0);
      const atStop = seen.length;
      await sleep(50);
      expect(seen).toHaveLength(atStop);
      expect(atStop).toBeLessThan(40);

      await pollerWith(slow, undefined, { batchSize: 2, checkpointFile }).drain(200);
      expect(versionsByKey(seen)).toEqual(everyVersion('stop', 10, 4));
      expect(seen).toHaveLength(40);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
