import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as z from 'zod';

/**
 * Redrives the stream worker's dead-letter queue (README, Deploying → "Redriving failed stream
 * changes"). Lambda's on-failure destination for a stream holds where a failed batch was, not
 * its records, so for each message this reads the records back from the table's stream (they
 * stay there 24 hours), hands them to the stream function as a stream event, and deletes the
 * message only when every record was processed. The worker's reactors are idempotent, so a
 * record processed twice does no harm.
 *
 *   npx tsx infra/redrive-stream-dlq.ts --queue-url <StreamDlqUrl> --function-name <StreamFunctionName> [--region r] [--max n]
 *
 * It drives the AWS CLI (v2), so it needs no SDK clients beyond what the project ships.
 */

/** The part of Lambda's on-failure record for a DynamoDB stream batch this needs. */
const failureMessageSchema = z.object({
  DDBStreamBatchInfo: z.object({
    shardId: z.string().min(1),
    startSequenceNumber: z.string().regex(/^\d+$/),
    endSequenceNumber: z.string().regex(/^\d+$/),
    batchSize: z.number().int().positive(),
    streamArn: z.string().startsWith('arn:'),
  }),
});

export type FailedBatch = z.infer<typeof failureMessageSchema>['DDBStreamBatchInfo'];

export function parseFailureMessage(body: string): FailedBatch {
  return failureMessageSchema.parse(JSON.parse(body)).DDBStreamBatchInfo;
}

const receiveSchema = z.object({
  Messages: z
    .array(z.object({ Body: z.string(), ReceiptHandle: z.string(), MessageId: z.string() }))
    .optional(),
});
const iteratorSchema = z.object({ ShardIterator: z.string().min(1) });
const streamRecordSchema = z.looseObject({
  eventName: z.string(),
  dynamodb: z.looseObject({ SequenceNumber: z.string().regex(/^\d+$/) }),
});
const recordsSchema = z.object({ Records: z.array(streamRecordSchema) });
const invokeSchema = z.object({ StatusCode: z.number(), FunctionError: z.string().optional() });
const batchResponseSchema = z.object({
  batchItemFailures: z.array(z.object({ itemIdentifier: z.string() })).default([]),
});

/** Runs `aws <args> --output json` and answers the parsed JSON (or null for no output). */
export type AwsCli = (args: string[]) => Promise<unknown>;

export interface RedriveOptions {
  queueUrl: string;
  functionName: string;
  aws: AwsCli;
  /** Stop after this many messages (default: until the queue answers none). */
  max?: number;
  log?: (line: string) => void;
}

export interface RedriveResult {
  redriven: number;
  failed: { messageId: string; reason: string }[];
}

/** The records of one failed batch, read back from the stream, as a Lambda stream event. */
export async function readFailedBatch(aws: AwsCli, batch: FailedBatch) {
  const { ShardIterator } = iteratorSchema.parse(
    await aws([
      'dynamodbstreams',
      'get-shard-iterator',
      '--stream-arn',
      batch.streamArn,
      '--shard-id',
      batch.shardId,
      '--shard-iterator-type',
      'AT_SEQUENCE_NUMBER',
      '--sequence-number',
      batch.startSequenceNumber,
    ]),
  );
  const { Records } = recordsSchema.parse(
    await aws([
      'dynamodbstreams',
      'get-records',
      '--shard-iterator',
      ShardIterator,
      '--limit',
      String(batch.batchSize),
    ]),
  );
  const end = BigInt(batch.endSequenceNumber);
  const records = Records.filter((record) => BigInt(record.dynamodb.SequenceNumber) <= end).map((record) => ({
    ...record,
    eventSource: 'aws:dynamodb',
    eventSourceARN: batch.streamArn,
  }));
  return { Records: records };
}

export async function redriveStreamDlq(options: RedriveOptions): Promise<RedriveResult> {
  const { aws, queueUrl, functionName } = options;
  const log = options.log ?? (() => {});
  const result: RedriveResult = { redriven: 0, failed: [] };
  const scratch = mkdtempSync(path.join(tmpdir(), 'register-redrive-'));
  try {
    for (let seen = 0; options.max === undefined || seen < options.max; ) {
      const { Messages = [] } = receiveSchema.parse(
        await aws([
          'sqs',
          'receive-message',
          '--queue-url',
          queueUrl,
          '--max-number-of-messages',
          '1',
          '--visibility-timeout',
          '300',
          '--wait-time-seconds',
          '1',
        ]),
      );
      const message = Messages[0];
      if (!message) break;
      seen += 1;
      try {
        const event = await readFailedBatch(aws, parseFailureMessage(message.Body));
        const eventFile = path.join(scratch, 'event.json');
        const responseFile = path.join(scratch, 'response.json');
        writeFileSync(eventFile, JSON.stringify(event));
        const invoked = invokeSchema.parse(
          await aws([
            'lambda',
            'invoke',
            '--function-name',
            functionName,
            '--payload',
            `fileb://${eventFile}`,
            responseFile,
          ]),
        );
        if (invoked.FunctionError) throw new Error(`the stream function failed: ${invoked.FunctionError}`);
        const response = batchResponseSchema.parse(JSON.parse(readFileSync(responseFile, 'utf8')));
        if (response.batchItemFailures.length > 0) {
          const ids = response.batchItemFailures.map((failure) => failure.itemIdentifier).join(', ');
          throw new Error(`records still failing: ${ids}`);
        }
        await aws([
          'sqs',
          'delete-message',
          '--queue-url',
          queueUrl,
          '--receipt-handle',
          message.ReceiptHandle,
        ]);
        result.redriven += 1;
        log(`redriven ${message.MessageId}: ${event.Records.length} record(s)`);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        result.failed.push({ messageId: message.MessageId, reason });
        log(`left on the queue ${message.MessageId}: ${reason}`);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return result;
}

const runFile = promisify(execFile);

/** The AWS CLI as an AwsCli. */
export function awsCli(region?: string): AwsCli {
  return async (args) => {
    const { stdout } = await runFile(
      'aws',
      [...args, '--output', 'json', ...(region ? ['--region', region] : [])],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return stdout.trim() ? JSON.parse(stdout) : null;
  };
}

const argsSchema = z.object({
  'queue-url': z.url(),
  'function-name': z.string().min(1),
  region: z.string().optional(),
  max: z.coerce.number().int().positive().optional(),
});

async function main(argv: string[]) {
  const pairs: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, '');
    const value = argv[i + 1];
    if (key && value !== undefined) pairs[key] = value;
  }
  const parsed = argsSchema.safeParse(pairs);
  if (!parsed.success) {
    console.error(
      'usage: npx tsx infra/redrive-stream-dlq.ts --queue-url <StreamDlqUrl> --function-name <StreamFunctionName> [--region r] [--max n]',
    );
    process.exit(2);
  }
  const args = parsed.data;
  const result = await redriveStreamDlq({
    queueUrl: args['queue-url'],
    functionName: args['function-name'],
    aws: awsCli(args.region),
    ...(args.max ? { max: args.max } : {}),
    log: (line) => console.log(line),
  });
  console.log(`${result.redriven} batch(es) redriven, ${result.failed.length} left on the queue`);
  if (result.failed.length > 0) process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
