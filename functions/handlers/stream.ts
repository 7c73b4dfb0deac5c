import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { createSesMailer } from '../mail/ses-mailer.ts';
import { changeFromStreamRecord } from '../store/stream-records.ts';
import { processChanges } from '../worker/process-changes.ts';
import { createReactors } from '../worker/reactors.ts';
import { logger, metrics } from './observability.ts';
import { createRuntime } from './runtime.ts';

const runtime = createRuntime();
const reactors = createReactors({
  store: runtime.store,
  clock: runtime.clock,
  log: runtime.log,
  archive: runtime.archive,
  mailer: runtime.config.MAIL_FROM
    ? createSesMailer({ from: runtime.config.MAIL_FROM, region: runtime.config.AWS_REGION })
    : undefined,
  publicBaseUrl: runtime.config.PUBLIC_BASE_URL,
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
  metrics.addMetric('StreamRecords', MetricUnit.Count, event.Records.length);
  metrics.addMetric('StreamRecordsMalformed', MetricUnit.Count, event.Records.length - changes.length);
  metrics.addMetric('StreamBatchFailures', MetricUnit.Count, firstFailure ? 1 : 0);
  return { batchItemFailures: firstFailure ? [{ itemIdentifier: firstFailure }] : [] };
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
