import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type _Record,
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
  /**
   * Batches of one shard handled at once, records of one partition key always in the same one
   * and in order: the event source mapping's `parallelizationFactor` (infra/register-stack.ts).
   */
  parallel?: number;
  /** Most records handed to `handle` at once. */
  batchSize?: number;
}

/** The stack's `parallelizationFactor` (infra/register-stack.ts), so local runs keep up as AWS does. */
export const DEFAULT_STREAM_PARALLEL = 4;
/** A GetRecords page: the most records one batch has held locally since the poller was written. */
export const DEFAULT_STREAM_BATCH_SIZE = 100;

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
  const parallel = Math.max(1, Math.floor(options.parallel ?? DEFAULT_STREAM_PARALLEL));
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_STREAM_BATCH_SIZE));
  const iterators = new Map<string, string | undefined>();
  const parents = new Map<string, string>();
  /** Per shard, records after its checkpoint already handled (another lane failed before them). */
  const handledAhead = new Map<string, Set<string>>();
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
      if (shard.ParentShardId) parents.set(id, shard.ParentShardId);
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
  async function readPage(shardId: string, iterator: string, limit: number) {
    try {
      return await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }));
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (name !== 'TrimmedDataAccessException' && name !== 'ExpiredIteratorException') throw error;
      const fresh = await iteratorAfterCheckpoint(shardId);
      return fresh
        ? await streams.send(new GetRecordsCommand({ ShardIterator: fresh, Limit: limit }))
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

  /** Records of one partition key always share a lane, so each key's changes stay in order. */
  function laneOf(pk: string): number {
    let hash = 0;
    for (let i = 0; i < pk.length; i++) hash = (Math.imul(hash, 31) + pk.charCodeAt(i)) >>> 0;
    return hash % parallel;
  }

  /** Pages from the shard's iterator, up to one batch per lane, and the iterator after them. */
  async function readRecords(shardId: string, iterator: string) {
    const records: _Record[] = [];
    let next: string | undefined = iterator;
    for (let pages = 0; next && pages < parallel && records.length < parallel * batchSize; pages++) {
      const page: Awaited<ReturnType<typeof readPage>> = await readPage(
        shardId,
        next,
        Math.min(100, parallel * batchSize - records.length),
      );
      next = page.NextShardIterator;
      const read = page.Records ?? [];
      // A later page read from a fresh iterator (readPage) starts again at the checkpoint.
      const seen = new Set(records.map((record) => record.dynamodb?.SequenceNumber));
      records.push(...read.filter((record) => !seen.has(record.dynamodb?.SequenceNumber)));
      if (read.length === 0) break;
    }
    return { records, next };
  }

  /**
   * One shard's share of a pass, as Lambda's parallelization factor runs it: the records are split
   * by partition key into `parallel` lanes, each handled batch after batch while the lanes run at
   * once. A lane stops at its first failure (later changes of that key wait for the retry); the
   * checkpoint stops before the earliest failure in stream order, and the records after it that
   * other lanes did handle are remembered, so the retry skips them instead of repeating them.
   */
  async function pollShard(shardId: string, iterator: string): Promise<PassResult> {
    const { records, next } = await readRecords(shardId, iterator);
    if (records.length === 0) {
      iterators.set(shardId, next);
      return { handled: 0, failed: false };
    }
    const changes = records.map((record) => changeFromStreamRecord(record));
    const done = handledAhead.get(shardId) ?? new Set<string>();
    const lanes: ChangeRecord[][] = Array.from({ length: parallel }, () => []);
    for (const change of changes)
      if (!done.has(change.sequenceNumber)) lanes[laneOf(change.pk)]!.push(change);
    let failed = false;
    let handled = 0;
    await Promise.all(
      lanes.map(async (lane) => {
        for (let from = 0; from < lane.length; from += batchSize) {
          const batch = lane.slice(from, from + batchSize);
          const failedAt = await options.handle(batch);
          const ok = failedAt
            ? batch.slice(
                0,
                Math.max(
                  0,
                  batch.findIndex((c) => c.sequenceNumber === failedAt),
                ),
              )
            : batch;
          for (const change of ok) done.add(change.sequenceNumber);
          handled += ok.length;
          if (failedAt || ok.length < batch.length) {
            failed = true;
            return;
          }
        }
      }),
    );
    // The first record, in stream order, not handled: everything before it is done.
    const firstOpen = changes.findIndex((change) => !done.has(change.sequenceNumber));
    const finished = firstOpen === -1 ? changes : changes.slice(0, firstOpen);
    for (const change of finished) done.delete(change.sequenceNumber);
    if (done.size > 0) handledAhead.set(shardId, done);
    else handledAhead.delete(shardId);
    const last = finished.at(-1);
    if (last) {
      checkpoints[shardId] = last.sequenceNumber;
      saveCheckpoints();
    }
    if (firstOpen === -1) {
      iterators.set(shardId, next);
    } else {
      // Retry from the first record not handled on the next pass, as Lambda would.
      iterators.set(shardId, await iteratorAfterCheckpoint(shardId));
    }
    return { handled, failed };
  }

  /** One pass over every shard (shards at once, a child only once its parent is read to its end). */
  async function pollOnce(): Promise<PassResult> {
    await refreshShards();
    const ready: [string, string][] = [];
    for (const [shardId, iterator] of iterators) {
      if (!iterator) {
        iterators.delete(shardId);
        finished.add(shardId);
        continue;
      }
      const parent = parents.get(shardId);
      if (parent && iterators.has(parent)) continue;
      ready.push([shardId, iterator]);
    }
    const results = await Promise.all(ready.map(([shardId, iterator]) => pollShard(shardId, iterator)));
    return {
      handled: results.reduce((sum, r) => sum + r.handled, 0),
      failed: results.some((r) => r.failed),
    };
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
