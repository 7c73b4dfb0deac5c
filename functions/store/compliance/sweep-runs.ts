import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type SweepRun, type SweepStats, sweepRunSchema } from '../../../schemas/compliance.ts';
import { keys, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';

const fromItem = (item: Record<string, unknown>) => sweepRunSchema.parse(withoutKeys(item));

export async function putSweepRun(store: Store, run: SweepRun): Promise<void> {
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: {
        ...keys.sweepRun(run.id),
        ...keys.sweepRunListing(run.requestedAt, run.id),
        entity: 'sweepRun',
        ...run,
      },
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
