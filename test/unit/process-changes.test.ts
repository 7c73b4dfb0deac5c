import { describe, expect, it } from 'vitest';
import {
  type ChangeRecord,
  changeFromStreamRecord,
  MalformedStreamRecordError,
} from '../../functions/store/stream-records.ts';
import {
  type BatchContext,
  processChanges,
  processStreamBatch,
} from '../../functions/worker/process-changes.ts';

const change = (n: number): ChangeRecord => ({
  eventName: 'INSERT',
  sequenceNumber: String(n),
  pk: `ITEM#${n}`,
  sk: 'ITEM',
  newImage: { n },
  oldImage: undefined,
});

describe('processChanges', () => {
  it('runs every reactor on every change, in order', async () => {
    const seen: string[] = [];
    const result = await processChanges(
      [change(1), change(2)],
      [
        async (c) => void seen.push(`a${c.sequenceNumber}`),
        async (c) => void seen.push(`b${c.sequenceNumber}`),
      ],
      () => {},
    );
    expect(seen).toEqual(['a1', 'b1', 'a2', 'b2']);
    expect(result.firstFailure).toBeUndefined();
  });

  it('stops at the first failing change and names it, so the stream resumes there', async () => {
    const seen: string[] = [];
    const errors: unknown[] = [];
    const result = await processChanges(
      [change(1), change(2), change(3)],
      [
        async (c) => {
          if (c.sequenceNumber === '2') throw new Error('boom');
          seen.push(c.sequenceNumber);
        },
      ],
      (_c, error) => errors.push(error),
    );
    expect(seen).toEqual(['1']);
    expect(result.firstFailure).toBe('2');
    expect(errors).toHaveLength(1);
  });

  it('tells a reactor which items change again later in the batch', async () => {
    const later: boolean[] = [];
    const changes = [change(1), change(2), { ...change(3), pk: 'ITEM#1' }];
    const react = async (_c: ChangeRecord, batch?: BatchContext) =>
      void later.push(batch?.comesLater('ITEM#1', 'ITEM') ?? false);
    await processChanges(changes, [react], () => {});
    expect(later).toEqual([true, true, false]);

    later.length = 0;
    const records = changes.map((c) => ({
      eventName: c.eventName,
      dynamodb: { SequenceNumber: c.sequenceNumber, Keys: { pk: { S: c.pk }, sk: { S: c.sk } } },
    }));
    await processStreamBatch(records, changeFromStreamRecord, [react], () => {});
    expect(later).toEqual([true, true, false]);
  });
});

describe('changeFromStreamRecord', () => {
  it('unmarshalls keys and images', () => {
    const record = changeFromStreamRecord({
      eventName: 'MODIFY',
      dynamodb: {
        SequenceNumber: '42',
        Keys: { pk: { S: 'A' }, sk: { S: 'B' } },
        NewImage: { pk: { S: 'A' }, sk: { S: 'B' }, count: { N: '2' } },
        OldImage: { pk: { S: 'A' }, sk: { S: 'B' }, count: { N: '1' } },
      },
    });
    expect(record).toMatchObject({ eventName: 'MODIFY', sequenceNumber: '42', pk: 'A', sk: 'B' });
    expect(record.newImage?.count).toBe(2);
    expect(record.oldImage?.count).toBe(1);
  });

  it.each([
    ['no event name', { dynamodb: { SequenceNumber: '1', Keys: { pk: { S: 'A' }, sk: { S: 'B' } } } }],
    [
      'an unknown event name',
      { eventName: 'UPSERT', dynamodb: { SequenceNumber: '1', Keys: { pk: { S: 'A' }, sk: { S: 'B' } } } },
    ],
    ['no sequence number', { eventName: 'INSERT', dynamodb: { Keys: { pk: { S: 'A' }, sk: { S: 'B' } } } }],
    ['no keys', { eventName: 'INSERT', dynamodb: { SequenceNumber: '1' } }],
    [
      'a numeric key',
      { eventName: 'INSERT', dynamodb: { SequenceNumber: '1', Keys: { pk: { N: '1' }, sk: { S: 'B' } } } },
    ],
  ])('rejects a record with %s as malformed', (_name, record) => {
    expect(() => changeFromStreamRecord(record)).toThrow(MalformedStreamRecordError);
  });
});
