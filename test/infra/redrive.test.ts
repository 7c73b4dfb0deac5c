import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { type AwsCli, parseFailureMessage, redriveStreamDlq } from '../../infra/redrive-stream-dlq.ts';

const streamArn = 'arn:aws:dynamodb:eu-west-2:123456789012:table/register/stream/2026-11-29T00:00:00.000';

/** What Lambda puts on the on-failure queue for a DynamoDB stream batch. */
const failure = (start: string, end: string, batchSize: number) =>
  JSON.stringify({
    requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 6 },
    version: '1.0',
    timestamp: '2026-11-29T06:00:00.000Z',
    DDBStreamBatchInfo: {
      shardId: 'shardId-0001',
      startSequenceNumber: start,
      endSequenceNumber: end,
      approximateArrivalOfFirstRecord: '2026-11-29T05:59:00Z',
      approximateArrivalOfLastRecord: '2026-11-29T05:59:01Z',
      batchSize,
      streamArn,
    },
  });

const record = (sequence: string) => ({
  eventID: `e${sequence}`,
  eventName: 'MODIFY',
  dynamodb: { Keys: { pk: { S: 'ORG#1' }, sk: { S: 'META' } }, SequenceNumber: sequence, SizeBytes: 10 },
});

/**
 * A stand-in for the AWS CLI: a queue of messages, a stream shard, and a stream function that
 * answers with the given batch item failures (or crashes).
 */
function fakeAws(options: {
  messages: string[];
  shard: string[];
  functionAnswer: (event: { Records: { dynamodb: { SequenceNumber: string } }[] }) => unknown;
  functionError?: string;
}) {
  const queue = options.messages.map((body, index) => ({
    Body: body,
    ReceiptHandle: `rh${index}`,
    MessageId: `m${index}`,
  }));
  const deleted: string[] = [];
  const invocations: { Records: { dynamodb: { SequenceNumber: string }; eventSourceARN: string }[] }[] = [];
  let delivered = 0;
  const aws: AwsCli = async (args) => {
    const [service, command] = args;
    const value = (flag: string) => args[args.indexOf(flag) + 1] ?? '';
    if (service === 'sqs' && command === 'receive-message') {
      const next = queue[delivered];
      delivered += 1;
      return next ? { Messages: [next] } : {};
    }
    if (service === 'sqs' && command === 'delete-message') {
      deleted.push(value('--receipt-handle'));
      return null;
    }
    if (service === 'dynamodbstreams' && command === 'get-shard-iterator') {
      return { ShardIterator: `it@${value('--sequence-number')}` };
    }
    if (service === 'dynamodbstreams' && command === 'get-records') {
      const from = value('--shard-iterator').split('@')[1] ?? '';
      const limit = Number(value('--limit'));
      const start = options.shard.indexOf(from);
      return { Records: options.shard.slice(start, start + limit).map(record), NextShardIterator: 'next' };
    }
    if (service === 'lambda' && command === 'invoke') {
      const event = JSON.parse(readFileSync(value('--payload').replace('fileb://', ''), 'utf8'));
      invocations.push(event);
      writeFileSync(args[args.length - 1] as string, JSON.stringify(options.functionAnswer(event) ?? null));
      return { StatusCode: 200, ...(options.functionError ? { FunctionError: options.functionError } : {}) };
    }
    throw new Error(`unexpected aws ${args.join(' ')}`);
  };
  return { aws, deleted, invocations };
}

describe('redriving the stream DLQ', () => {
  test('reads each failed batch back from the stream, hands it to the worker and deletes the message', async () => {
    const fake = fakeAws({
      messages: [failure('200', '300', 2), failure('500', '500', 1)],
      shard: ['100', '200', '300', '400', '500'],
      functionAnswer: () => ({ batchItemFailures: [] }),
    });
    const result = await redriveStreamDlq({
      queueUrl: 'https://sqs/q',
      functionName: 'stream',
      aws: fake.aws,
    });
    expect(result).toEqual({ redriven: 2, failed: [] });
    expect(fake.invocations.map((event) => event.Records.map((r) => r.dynamodb.SequenceNumber))).toEqual([
      ['200', '300'],
      ['500'],
    ]);
    expect(fake.invocations[0]?.Records[0]?.eventSourceARN).toBe(streamArn);
    expect(fake.deleted).toEqual(['rh0', 'rh1']);
  });

  test('never goes past the failed batch’s last sequence number', async () => {
    const fake = fakeAws({
      messages: [failure('200', '200', 3)],
      shard: ['200', '300', '400'],
      functionAnswer: () => ({ batchItemFailures: [] }),
    });
    await redriveStreamDlq({ queueUrl: 'https://sqs/q', functionName: 'stream', aws: fake.aws });
    expect(fake.invocations[0]?.Records.map((r) => r.dynamodb.SequenceNumber)).toEqual(['200']);
  });

  test.each([
    [
      'a record still fails',
      { functionAnswer: () => ({ batchItemFailures: [{ itemIdentifier: '200' }] }) },
      /200/,
    ],
    ['the function crashes', { functionAnswer: () => ({}), functionError: 'Unhandled' }, /Unhandled/],
  ])('leaves the message on the queue when %s', async (_case, behaviour, reason) => {
    const fake = fakeAws({ messages: [failure('200', '200', 1)], shard: ['200'], ...behaviour });
    const result = await redriveStreamDlq({
      queueUrl: 'https://sqs/q',
      functionName: 'stream',
      aws: fake.aws,
    });
    expect(result.redriven).toBe(0);
    expect(result.failed).toEqual([{ messageId: 'm0', reason: expect.stringMatching(reason) }]);
    expect(fake.deleted).toEqual([]);
  });

  test('stops after --max messages', async () => {
    const fake = fakeAws({
      messages: [failure('100', '100', 1), failure('200', '200', 1)],
      shard: ['100', '200'],
      functionAnswer: () => ({ batchItemFailures: [] }),
    });
    const result = await redriveStreamDlq({
      queueUrl: 'https://sqs/q',
      functionName: 'stream',
      aws: fake.aws,
      max: 1,
    });
    expect(result.redriven).toBe(1);
    expect(fake.deleted).toEqual(['rh0']);
  });

  test('refuses a message that is not a stream failure record', () => {
    expect(() => parseFailureMessage(JSON.stringify({ hello: 'world' }))).toThrow();
    expect(parseFailureMessage(failure('1', '2', 2))).toMatchObject({
      shardId: 'shardId-0001',
      batchSize: 2,
    });
  });
});
