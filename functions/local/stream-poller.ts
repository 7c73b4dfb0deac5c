import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import * as z from 'zod';
import { type ChangeRecord, changeFromStreamRecord } from '../store/stream-records.ts';

export interface StreamPollerOptions {
  client: DynamoDBClient;
  endpoint: string;
  region: string;
  tableName: string;
  /** Handles a batch in order; answers the sequence number of the first failure, if any. */
  handle: (changes: ChangeRecord[]) => Promise<string | undefined>;
  onError: (error: unknown) => void;
  /** Where the last processed sequence number per shard is kept between runs. */
  checkpointFile?: string;
  intervalMs?: number;
  /** The streams client; by default one for `endpoint`. */
  streams?: DynamoDBStreamsClient;
}

interface PassResult {
  handled: number;
  failed: boolean;
}

const checkpointSchema = z.record(z.string(), z.string());

/**
 * Reads the table's DynamoDB Stream the way Lambda's event source mapping does, so local runs
 * take the production path: same records, same worker, failures retried from the failing record.
 */
export function createStreamPoller(options: StreamPollerOptions) {
  const streams =
    options.streams ??
    new DynamoDBStreamsClient({
      region: options.region,
      endpoint: options.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  const checkpoints: Record<string, string> =
    options.checkpointFile && existsSync(options.checkpointFile)
      ? checkpointSchema.parse(JSON.parse(readFileSync(options.checkpointFile, 'utf8')))
      : {};
  const iterators = new Map<string, string | undefined>();
  const finished = new Set<string>();
  let streamArn: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<PassResult> | undefined;
  let stopped = false;

  async function refreshShards(): Promise<void> {
    if (!streamArn) {
      const table = await options.client.send(new DescribeTableCommand({ TableName: options.tableName }));
      streamArn = table.Table?.LatestStreamArn;
      if (!streamArn) throw new Error(`Table ${options.tableName} has no stream.`);
    }
    const shards: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const page = await streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }),
      );
      shards.push(...(page.StreamDescription?.Shards ?? []));
      exclusiveStartShardId = page.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    for (const shard of shards) {
      const id = shard.ShardId;
      if (!id || iterators.has(id) || finished.has(id)) continue;
      iterators.set(id, await iteratorAfterCheckpoint(id));
    }
  }

  /** An iterator at the first record not yet handled: after the checkpoint, or the shard's oldest. */
  async function iteratorAfterCheckpoint(shardId: string): Promise<string | undefined> {
    const after = checkpoints[shardId];
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator;
  }

  /**
   * DynamoDB Local answers TrimmedDataAccessException for an iterator taken on an empty shard once
   * the first record arrives (aws/aws-sdk-java#2923), and any iterator expires after 15 minutes:
   * both are answered, as Lambda does, by a fresh iterator from the checkpoint.
   */
  async function readPage(shardId: string, iterator: string) {
    try {
      return await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (name !== 'TrimmedDataAccessException' && name !== 'ExpiredIteratorException') throw error;
      const fresh = await iteratorAfterCheckpoint(shardId);
      return fresh
        ? await streams.send(new GetRecordsCommand({ ShardIterator: fresh, Limit: 100 }))
        : { Records: [], NextShardIterator: undefined };
    }
  }

  /** Written aside then renamed over the old one: a process killed mid-write leaves a whole file. */
  function saveCheckpoints(): void {
    if (!options.checkpointFile) return;
    const partial = `${options.checkpointFile}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(checkpoints));
    renameSync(partial, options.checkpointFile);
  }

  /** One pass over every shard: how many records were handled, and whether any failed. */
  async function pollOnce(): Promise<PassResult> {
    await refreshShards();
    let handled = 0;
    let failed = false;
    for (const [shardId, iterator] of iterators) {
      if (!iterator) {
        iterators.delete(shardId);
        finished.add(shardId);
        continue;
      }
      const page = await readPage(shardId, iterator);
      const records = page.Records ?? [];
      if (records.length === 0) {
        iterators.set(shardId, page.NextShardIterator);
        continue;
      }
      const changes = records.map((record) => changeFromStreamRecord(record));
      const failedAt = await options.handle(changes);
      const done = failedAt
        ? changes.slice(
            0,
            changes.findIndex((c) => c.sequenceNumber === failedAt),
          )
        : changes;
      handled += done.length;
      const last = done.at(-1);
      if (last) {
        checkpoints[shardId] = last.sequenceNumber;
        saveCheckpoints();
      }
      if (failedAt) {
        failed = true;
        // Retry from the failing record on the next pass, as Lambda would.
        iterators.set(shardId, await iteratorAfterCheckpoint(shardId));
      } else {
        iterators.set(shardId, page.NextShardIterator);
      }
    }
    return { handled, failed };
  }

  function pass(): Promise<PassResult> {
    running ??= pollOnce().finally(() => {
      running = undefined;
    });
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(async () => {
      try {
        await pass();
      } catch (error) {
        options.onError(error);
      }
      schedule();
    }, options.intervalMs ?? 250);
  }

  return {
    start(): void {
      stopped = false;
      schedule();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    /** Polls until a pass handles nothing and nothing failed: every change so far is processed (tests use it). */
    async drain(maxPasses = 50): Promise<void> {
      for (let i = 0; i < maxPasses; i++) {
        const { handled, failed } = await pass();
        if (handled === 0 && !failed) return;
      }
      throw new Error('The stream did not drain: a change keeps failing.');
    },
  };
}

export type StreamPoller = ReturnType<typeof createStreamPoller>;
