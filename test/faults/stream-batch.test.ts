import { describe, expect, it } from 'vitest';
import { changeFromStreamRecord, type RawStreamRecord } from '../../functions/store/stream-records.ts';
import { processStreamBatch } from '../../functions/worker/process-changes.ts';

/** A stream record of item `item` (`'-'` for no keys), or a malformed one (`bad`). */
const record = (sequence: string | undefined, item: string, bad = false): RawStreamRecord => ({
  eventName: bad ? 'UPSERT' : 'MODIFY',
  dynamodb: {
    ...(sequence ? { SequenceNumber: sequence } : {}),
    ...(item === '-' ? {} : { Keys: { pk: { S: item }, sk: { S: 'X' } } }),
    NewImage: { pk: { S: item }, sk: { S: 'X' } },
  },
});

describe('a stream batch with poison records', () => {
  it.each([
    {
      name: 'names the one record a reactor throws on and processes the rest',
      records: [record('1', 'A'), record('2', 'POISON'), record('3', 'B')],
      failures: ['2'],
      seen: ['1', '3'],
    },
    {
      name: 'names a malformed record and processes the rest',
      records: [record('1', 'A'), record('2', 'B', true), record('3', 'C')],
      failures: ['2'],
      seen: ['1', '3'],
    },
    {
      name: 'holds back later changes of a failed item, not of others',
      records: [record('1', 'POISON'), record('2', 'A'), record('3', 'POISON'), record('4', 'B')],
      failures: ['1'],
      seen: ['2', '4'],
    },
    {
      name: 'holds back later changes of an item whose earlier record was malformed',
      records: [record('1', 'A', true), record('2', 'A'), record('3', 'B')],
      failures: ['1'],
      seen: ['3'],
    },
    {
      name: 'names every failed record (Lambda resumes from the lowest)',
      records: [record('1', 'POISON'), record('2', 'A', true), record('3', 'B')],
      failures: ['1', '2'],
      seen: ['3'],
    },
    {
      name: 'logs a malformed record without a sequence number (it cannot be named) and goes on',
      records: [record(undefined, '-', true), record('2', 'A')],
      failures: [],
      seen: ['2'],
    },
  ])('$name', async ({ records, failures, seen }) => {
    const processed: string[] = [];
    const errors: unknown[] = [];
    const result = await processStreamBatch(
      records,
      changeFromStreamRecord,
      [
        async (change) => {
          if (change.pk === 'POISON') throw new Error('always fails');
        },
        async (change) => void processed.push(change.sequenceNumber),
      ],
      (_record, error) => errors.push(error),
    );
    expect(result.failures).toEqual(failures);
    expect(processed).toEqual(seen);
    expect(result.processed).toBe(seen.length);
    expect(errors.length).toBe(records.length - seen.length - result.heldBack);
  });
});

describe('a stream batch during a restore', () => {
  const insert = (sequence: string, item: string, restored: boolean): RawStreamRecord => ({
    eventName: 'INSERT',
    dynamodb: {
      SequenceNumber: sequence,
      Keys: { pk: { S: item }, sk: { S: 'X' } },
      NewImage: {
        pk: { S: item },
        sk: { S: 'X' },
        ...(restored ? { restoredBy: { S: '2026-11-29T12:00:00.000Z' } } : {}),
      },
    },
  });

  it('skips the import’s own inserts and applies every other change, including later ones to restored items', async () => {
    const processed: string[] = [];
    const modify = {
      ...record('3', 'A'),
      dynamodb: {
        ...record('3', 'A').dynamodb,
        NewImage: { pk: { S: 'A' }, sk: { S: 'X' }, restoredBy: { S: 'run' } },
      },
    };
    const result = await processStreamBatch(
      [insert('1', 'A', true), insert('2', 'B', false), modify],
      changeFromStreamRecord,
      [async (change) => void processed.push(change.sequenceNumber)],
      () => {},
    );
    expect(processed).toEqual(['2', '3']);
    expect(result).toMatchObject({ failures: [], processed: 2, skipped: 1 });
  });
});
