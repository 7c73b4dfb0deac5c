import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createStreamPoller } from '../../functions/local/stream-poller.ts';
import type { ChangeRecord } from '../../functions/store/stream-records.ts';
import { processChanges, type Reactor } from '../../functions/worker/process-changes.ts';
import { testRegion, useTestTable } from '../support/table.ts';

describe('the local stream poller', () => {
  const table = useTestTable();

  function pollerWith(reactor: Reactor) {
    return createStreamPoller({
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
});
