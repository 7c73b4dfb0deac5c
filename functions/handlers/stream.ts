import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { changeFromStreamRecord } from '../store/stream-records.ts';
import { processChanges } from '../worker/process-changes.ts';
import { createReactors } from '../worker/reactors.ts';
import { createRuntime } from './runtime.ts';

const runtime = createRuntime();
const reactors = createReactors({
  store: runtime.store,
  clock: runtime.clock,
  log: runtime.log,
  archive: runtime.archive,
});

/**
 * DynamoDB Stream → the worker. Answers a partial batch response: the first failing record and
 * everything after it are retried; the ones before are not.
 */
export const handler = middy(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const changes = [];
  for (const record of event.Records) {
    try {
      changes.push(changeFromStreamRecord(record));
    } catch (error) {
      runtime.log('malformed stream record skipped', { error, eventID: record.eventID });
    }
  }
  const { firstFailure } = await processChanges(changes, reactors, (change, error) =>
    runtime.log(`stream worker failed on ${change.pk}/${change.sk}`, error),
  );
  return { batchItemFailures: firstFailure ? [{ itemIdentifier: firstFailure }] : [] };
});
