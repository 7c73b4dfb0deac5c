import { BatchWriteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import {
  type ImportedCode,
  type ImportJob,
  type ImportLineError,
  type ImportRow,
  importChunkSchema,
  importedCodeSchema,
  importJobSchema,
  type SealedCodes,
  sealedCodesSchema,
} from '../../../schemas/organisation-import.ts';
import { keys, withoutKeys } from '../keys.ts';
import { queryPrefix } from '../query-prefix.ts';
import type { Store } from '../store.ts';
import { ConditionsFailedError, transactWrite } from '../transact.ts';
import { isConditionFailure } from '../transaction-errors.ts';

/** Rows per stored chunk: one chunk is imported, and its progress recorded, at a time. */
export const ROWS_PER_CHUNK = 250;
/** Rows and codes are kept a week at most (TTL); codes are deleted once collected. */
const KEEP_SECONDS = 7 * 24 * 3600;

const expiry = (now: Date) => Math.floor(now.getTime() / 1000) + KEEP_SECONDS;

async function batchWrite(store: Store, requests: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let pending: Record<string, unknown>[] | undefined = requests.slice(i, i + 25);
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      if (attempt > 8) throw new Error('The table kept refusing writes.');
      const result = await store.doc.send(
        new BatchWriteCommand({ RequestItems: { [store.tableName]: pending as never } }),
      );
      pending = result.UnprocessedItems?.[store.tableName] as Record<string, unknown>[] | undefined;
      if (pending && pending.length > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
    }
  }
}

/**
 * Stores a validated import for the worker: the job first, then its rows in chunks; each chunk's
 * arrival on the stream imports it (so the work is spread over many short invocations).
 */
export async function createImportJob(
  store: Store,
  job: ImportJob,
  rows: readonly { line: number; row: ImportRow }[],
  now: Date,
): Promise<void> {
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: { ...keys.importJob(job.id), entity: 'importJob', ...job, expiresAt: expiry(now) },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  const chunks: Record<string, unknown>[] = [];
  for (let i = 0; i * ROWS_PER_CHUNK < rows.length; i++) {
    chunks.push({
      PutRequest: {
        Item: {
          ...keys.importRows(job.id, i + 1),
          entity: 'importRows',
          jobId: job.id,
          chunk: i + 1,
          status: 'pending',
          rows: rows.slice(i * ROWS_PER_CHUNK, (i + 1) * ROWS_PER_CHUNK),
          expiresAt: expiry(now),
        },
      },
    });
  }
  await batchWrite(store, chunks);
}

export async function getImportJob(store: Store, id: string): Promise<ImportJob | undefined> {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.importJob(id), ConsistentRead: true }),
  );
  return Item ? importJobSchema.parse(withoutKeys(Item)) : undefined;
}

export async function getImportChunk(store: Store, id: string, chunk: number) {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.importRows(id, chunk), ConsistentRead: true }),
  );
  return Item ? importChunkSchema.parse(withoutKeys(Item)) : undefined;
}

/**
 * Records one imported chunk: the chunk marked done, its new codes kept for the letter-merge
 * file, and the job's progress, in one transaction made only while the chunk is still pending
 * (a re-delivered job does not count a chunk twice). Answers whether it was recorded.
 */
export async function completeImportChunk(
  store: Store,
  id: string,
  chunk: number,
  outcome: {
    created: number;
    updated: number;
    unchanged: number;
    errors: ImportLineError[];
    /** The chunk's new codes, sealed for the uploading officer (never stored in clear). */
    sealed: SealedCodes | undefined;
  },
  room: number,
  now: Date,
): Promise<boolean> {
  const kept = outcome.errors.slice(0, Math.max(0, room));
  try {
    await transactWrite(store, [
      {
        Update: {
          TableName: store.tableName,
          Key: keys.importRows(id, chunk),
          UpdateExpression: 'SET #status = :done',
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':done': 'done', ':pending': 'pending' },
        },
      },
      {
        Update: {
          TableName: store.tableName,
          Key: keys.importJob(id),
          UpdateExpression:
            'ADD #processed :processed, #created :created, #updated :updated, #unchanged :unchanged, ' +
            '#chunksDone :one, #errorCount :errorCount SET #errors = list_append(#errors, :errors)',
          ExpressionAttributeNames: {
            '#processed': 'processed',
            '#created': 'created',
            '#updated': 'updated',
            '#unchanged': 'unchanged',
            '#chunksDone': 'chunksDone',
            '#errorCount': 'errorCount',
            '#errors': 'errors',
          },
          ExpressionAttributeValues: {
            ':processed': outcome.created + outcome.updated + outcome.unchanged + outcome.errors.length,
            ':created': outcome.created,
            ':updated': outcome.updated,
            ':unchanged': outcome.unchanged,
            ':one': 1,
            ':errorCount': outcome.errors.length,
            ':errors': kept,
          },
        },
      },
      ...(outcome.sealed
        ? [
            {
              Put: {
                TableName: store.tableName,
                Item: {
                  ...keys.importCodes(id, chunk),
                  entity: 'importCodes',
                  sealed: outcome.sealed,
                  expiresAt: expiry(now),
                },
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

/** Marks the job done once every chunk is recorded; answers whether this call did. */
export async function finishImportJob(store: Store, id: string): Promise<boolean> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.importJob(id),
        UpdateExpression: 'SET #status = :done',
        ConditionExpression: '#chunksDone >= #chunks AND #status <> :done',
        ExpressionAttributeNames: { '#status': 'status', '#chunksDone': 'chunksDone', '#chunks': 'chunks' },
        ExpressionAttributeValues: { ':done': 'done' },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

const codesItemSchema = z.object({
  sk: z.string(),
  sealed: sealedCodesSchema.optional(),
  /** Jobs stored before codes were sealed kept them in clear (for at most a week, TTL). */
  codes: z.array(importedCodeSchema).optional(),
});

export type CollectedCodes =
  | { kind: 'codes'; codes: ImportedCode[] }
  /** This key does not open the codes: nothing was used up. */
  | { kind: 'locked' }
  /** Already collected, not finished, or no such job. */
  | { kind: 'gone' };

/**
 * The new organisations' codes, once. The sealed codes are read and opened with `open` first (a
 * wrong or missing key uses nothing up), then the job is marked collected (so a second request
 * gets nothing) and the sealed items are deleted.
 */
export async function collectImportCodes(
  store: Store,
  id: string,
  open: (sealed: SealedCodes) => ImportedCode[] | undefined,
): Promise<CollectedCodes> {
  const job = await getImportJob(store, id);
  if (!job || job.codesCollected || job.status !== 'done') return { kind: 'gone' };
  const codes: ImportedCode[] = [];
  const keysToDelete: Record<string, unknown>[] = [];
  for await (const item of queryPrefix(store, keys.importPartition(id), keys.importCodesPrefix, {
    consistent: true,
  })) {
    const parsed = codesItemSchema.parse(item);
    const opened = parsed.sealed ? open(parsed.sealed) : parsed.codes;
    if (!opened) return { kind: 'locked' };
    codes.push(...opened);
    keysToDelete.push({ DeleteRequest: { Key: { pk: keys.importPartition(id), sk: parsed.sk } } });
  }
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.importJob(id),
        UpdateExpression: 'SET codesCollected = :yes',
        ConditionExpression: 'attribute_exists(pk) AND codesCollected = :no AND #status = :done',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':yes': true, ':no': false, ':done': 'done' },
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) return { kind: 'gone' };
    throw error;
  }
  await batchWrite(store, keysToDelete);
  return { kind: 'codes', codes: codes.sort((a, b) => a.line - b.line) };
}
