import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { runDailyJobs } from '../worker/daily-jobs.ts';
import { correlationIdPaths } from './correlation-id.ts';
import { logger, metrics } from './observability.ts';
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
  });
  logger.info('daily jobs finished', { results });
  return results;
})
  .use(injectLambdaContext(logger, { correlationIdPath: correlationIdPaths.eventBridge, resetKeys: true }))
  .use(logMetrics(metrics));
