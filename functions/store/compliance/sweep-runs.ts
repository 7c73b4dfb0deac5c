import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import {
  type SweepRun,
  type SweepStats,
  sweepRunSchema,
  sweepStatsSchema,
} from '../../../schemas/compliance.ts';
import { keys, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';
import { ConditionsFailedError, transactWrite } from '../transact.ts';
import { isConditionFailure } from '../transaction-errors.ts';

const partsSchema = z.object({
  parts: z.number().int().optional(),
  doneShards: z.set(z.string()).optional(),
});

/** A run as read: its parts finished so far from the set of done shards (see completeSweepTask). */
function fromItem(item: Record<string, unknown>): SweepRun {
  const run = sweepRunSchema.parse(withoutKeys(item));
  const parts = partsSchema.parse(item);
  if (parts.parts === undefined) return run;
  const partsDone = run.status === 'done' ? parts.parts : Math.min(parts.doneShards?.size ?? 0, parts.parts);
  return { ...run, progress: { partsDone, partsTotal: parts.parts } };
}

/** A run as stored: its own item, listed newest first (keys.sweepRunListing). */
const sweepRunItem = (run: SweepRun, parts?: number) => {
  const { progress: _derived, ...stored } = run;
  return {
    ...keys.sweepRun(run.id),
    ...keys.sweepRunListing(run.requestedAt, run.id),
    entity: 'sweepRun',
    ...stored,
    ...(parts === undefined ? {} : { parts }),
  };
};

export async function putSweepRun(store: Store, run: SweepRun): Promise<void> {
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: sweepRunItem(run),
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getSweepRun(store: Store, id: string): Promise<SweepRun | undefined> {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.sweepRun(id) }),
  );
  return Item ? fromItem(Item) : undefined;
}

/** Marks a requested run as started; answers false when another worker already started it. */
export async function startSweepRun(
  store: Store,
  id: string,
  startedAt: string,
  asOf: string,
): Promise<boolean> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.sweepRun(id),
        UpdateExpression: 'SET #status = :running, startedAt = :at, asOf = :asOf',
        ConditionExpression: '#status = :requested',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':running': 'running',
          ':requested': 'requested',
          ':at': startedAt,
          ':asOf': asOf,
        },
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

export async function finishSweepRun(
  store: Store,
  id: string,
  outcome: { finishedAt: string; stats: SweepStats | null; error: string | null },
): Promise<void> {
  await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: keys.sweepRun(id),
      UpdateExpression: 'SET #status = :status, finishedAt = :at, stats = :stats, #error = :error',
      ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
      ExpressionAttributeValues: {
        ':status': outcome.error ? 'failed' : 'done',
        ':at': outcome.finishedAt,
        ':stats': outcome.stats,
        ':error': outcome.error,
      },
    }),
  );
}

/** The most recently requested runs, newest first. */
export async function latestSweepRuns(store: Store, limit = 1): Promise<SweepRun[]> {
  const { Items } = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.sweepRunsPartition },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (Items ?? []).map(fromItem);
}

const TASK_SECONDS = 30 * 24 * 3600;

export const sweepTaskSchema = z.object({
  runId: z.string(),
  shard: z.number().int(),
  part: z.number().int(),
  status: z.enum(['pending', 'done']),
  /** Where in the shard's listing this piece starts (gsi1 LastEvaluatedKey); null at the start. */
  cursor: z.record(z.string(), z.unknown()).nullable(),
  stats: sweepStatsSchema.nullable(),
});
export type SweepTask = z.infer<typeof sweepTaskSchema>;

function taskItem(task: SweepTask, now: Date) {
  return {
    ...keys.sweepTask(task.runId, task.shard, task.part),
    entity: 'sweepTask',
    ...task,
    expiresAt: Math.floor(now.getTime() / 1000) + TASK_SECONDS,
  };
}

/**
 * An officer's sweep: the run and one task per listing shard, in one transaction. The stream
 * worker sweeps each task a bounded piece at a time (a piece that does not finish its shard
 * queues the next piece), so no single invocation runs long.
 */
export async function requestSweepRun(store: Store, run: SweepRun, shards: number, now: Date): Promise<void> {
  await transactWrite(store, [
    {
      Put: {
        TableName: store.tableName,
        Item: sweepRunItem(run, shards),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...Array.from({ length: shards }, (_, shard) => ({
      Put: {
        TableName: store.tableName,
        Item: taskItem({ runId: run.id, shard, part: 0, status: 'pending', cursor: null, stats: null }, now),
      },
    })),
  ]);
}

const STAT_NAMES = [
  'organisations',
  'yearsChecked',
  'missingRaised',
  'lateRaised',
  'remindersQueued',
  'readUnits',
  'writeUnits',
] as const satisfies readonly (keyof SweepStats)[];

/**
 * Records a finished piece: the task done, its figures added to the run's, and either the shard's
 * next piece queued or the shard counted as done on the run. Made only while the task is pending,
 * so a re-delivered piece is counted once.
 */
export async function completeSweepTask(
  store: Store,
  task: SweepTask,
  stats: SweepStats,
  next: Record<string, unknown> | undefined,
  now: Date,
): Promise<boolean> {
  const names = Object.fromEntries(STAT_NAMES.map((name, i) => [`#s${i}`, name]));
  const values = Object.fromEntries(STAT_NAMES.map((name, i) => [`:s${i}`, stats[name]]));
  try {
    await transactWrite(store, [
      {
        Update: {
          TableName: store.tableName,
          Key: keys.sweepTask(task.runId, task.shard, task.part),
          UpdateExpression: 'SET #status = :done, stats = :stats',
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':done': 'done', ':pending': 'pending', ':stats': stats },
        },
      },
      {
        Update: {
          TableName: store.tableName,
          Key: keys.sweepRun(task.runId),
          UpdateExpression: `ADD ${STAT_NAMES.map((_, i) => `#stats.#s${i} :s${i}`).join(', ')}${next ? '' : ', doneShards :shard'}`,
          ExpressionAttributeNames: { '#stats': 'stats', ...names },
          ExpressionAttributeValues: {
            ...values,
            ...(next ? {} : { ':shard': new Set([String(task.shard)]) }),
          },
        },
      },
      ...(next
        ? [
            {
              Put: {
                TableName: store.tableName,
                Item: taskItem(
                  {
                    runId: task.runId,
                    shard: task.shard,
                    part: task.part + 1,
                    status: 'pending',
                    cursor: next,
                    stats: null,
                  },
                  now,
                ),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ]
        : []),
    ]);
    return true;
  } catch (error) {
    if (error instanceof ConditionsFailedError) return false;
    throw error;
  }
}

const doneShardsSchema = z.object({ status: z.string(), doneShards: z.set(z.string()).optional() });

/** When every shard is done, the run is closed (once). */
export async function finishRunIfComplete(store: Store, runId: string, shards: number, finishedAt: string) {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.sweepRun(runId), ConsistentRead: true }),
  );
  const run = doneShardsSchema.safeParse(Item);
  if (!run.success || run.data.status === 'done' || (run.data.doneShards?.size ?? 0) < shards) return false;
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.sweepRun(runId),
        UpdateExpression: 'SET #status = :done, finishedAt = :at',
        ConditionExpression: '#status <> :done',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':done': 'done', ':at': finishedAt },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
