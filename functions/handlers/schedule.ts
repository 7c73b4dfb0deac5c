import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { S3Client } from '@aws-sdk/client-s3';
import middy from '@middy/core';
import { createS3OpenDataPublisher } from '../publish/s3-open-data-publisher.ts';
import { runDailyJobs } from '../worker/daily-jobs.ts';
import { correlationIdPaths } from './correlation-id.ts';
import { logger, metrics, traceAwsClient, traceHandler } from './observability.ts';
import { createRuntime } from './runtime.ts';

const runtime = createRuntime();

/** EventBridge Scheduler, once a day → the register's daily jobs (each idempotent). */
export const handler = middy(async () => {
  const results = await runDailyJobs({
    store: runtime.store,
    clock: runtime.clock,
    log: runtime.log,
    archive: runtime.archive,
    publicBaseUrl: runtime.config.PUBLIC_BASE_URL,
    openDataPublisher: runtime.config.OPEN_DATA_BUCKET
      ? createS3OpenDataPublisher(traceAwsClient(new S3Client({ region: runtime.config.AWS_REGION })), {
          bucket: runtime.config.OPEN_DATA_BUCKET,
          keyPrefix: runtime.config.OPEN_DATA_KEY_PREFIX,
          urlPrefix: runtime.config.OPEN_DATA_URL_PREFIX,
        })
      : undefined,
  });
  logger.info('daily jobs finished', { results });
  return results;
})
  .use(traceHandler())
  .use(injectLambdaContext(logger, { correlationIdPath: correlationIdPaths.eventBridge, resetKeys: true }))
  .use(logMetrics(metrics));
