import { Metrics } from '@aws-lambda-powertools/metrics';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { handleStreamEvent } from '../../functions/handlers/stream.ts';
import type { ChangeRecord } from '../../functions/store/stream-records.ts';

/**
 * What operators see of a poison record besides the DLQ: the stream handler's CloudWatch metrics
 * (embedded metric format) count the batch's records, the malformed ones, and the batch as failed.
 */
const emfSchema = z.looseObject({
  _aws: z.object({
    CloudWatchMetrics: z.array(
      z.object({ Namespace: z.string(), Metrics: z.array(z.object({ Name: z.string(), Unit: z.string() })) }),
    ),
  }),
});

const record = (sequence: string, item: string, malformed = false) => ({
  eventID: `e${sequence}`,
  eventName: malformed ? 'UPSERT' : 'MODIFY',
  dynamodb: {
    SequenceNumber: sequence,
    Keys: { pk: { S: item }, sk: { S: 'X' } },
    NewImage: { pk: { S: item }, sk: { S: 'X' } },
  },
});

async function metricsOf(records: ReturnType<typeof record>[], poison: string) {
  const metrics = new Metrics({ namespace: 'RegisterTest', serviceName: 'stream' });
  const reactor = async (change: ChangeRecord) => {
    if (change.pk === poison) throw new Error('poisoned');
  };
  const response = await handleStreamEvent({ Records: records } as unknown as DynamoDBStreamEvent, {
    reactors: [reactor],
    log: () => {},
    metrics,
  });
  const emf = emfSchema.parse(metrics.serializeMetrics());
  const values = Object.fromEntries(
    (emf._aws.CloudWatchMetrics[0]?.Metrics ?? []).map(({ Name }) => [Name, emf[Name]]),
  );
  return { response, values, namespace: emf._aws.CloudWatchMetrics[0]?.Namespace };
}

describe('the stream handler’s metrics', () => {
  it.each([
    {
      batch: 'a clean batch',
      records: [record('1', 'A'), record('2', 'B')],
      expected: { StreamRecords: 2, StreamRecordsMalformed: 0, StreamBatchFailures: 0 },
      failed: [],
    },
    {
      batch: 'a batch with a malformed record',
      records: [record('1', 'A'), record('2', 'B', true), record('3', 'C')],
      expected: { StreamRecords: 3, StreamRecordsMalformed: 1, StreamBatchFailures: 1 },
      failed: ['2'],
    },
    {
      batch: 'a batch with a record its reactor throws on',
      records: [record('1', 'POISON'), record('2', 'A')],
      expected: { StreamRecords: 2, StreamRecordsMalformed: 0, StreamBatchFailures: 1 },
      failed: ['1'],
    },
  ])('count $batch', async ({ records, expected, failed }) => {
    const { response, values, namespace } = await metricsOf(records, 'POISON');
    expect(namespace).toBe('RegisterTest');
    expect(values).toEqual(expected);
    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(failed);
  });
});
