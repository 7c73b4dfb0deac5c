import middy from '@middy/core';
import { runDailyJobs } from '../worker/daily-jobs.ts';
import { createRuntime } from './runtime.ts';

const runtime = createRuntime();

/** EventBridge Scheduler, once a day → the register's daily jobs (each idempotent). */
export const handler = middy(async () => {
  const results = await runDailyJobs({
    store: runtime.store,
    clock: runtime.clock,
    log: runtime.log,
    archive: runtime.archive,
  });
  return results;
});
