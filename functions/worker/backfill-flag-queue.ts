import { backfillUncertainQueue } from '../store/flags/backfill-uncertain-queue.ts';
import type { DailyJobResult } from './daily-jobs.ts';
import type { WorkerDeps } from './deps.ts';

/** Gives flags stored before the `order=uncertain` queue existed their entry in it (idempotent). */
export async function backfillFlagQueue(deps: WorkerDeps): Promise<DailyJobResult> {
  const detail = await backfillUncertainQueue(deps.store);
  if (detail.added > 0) deps.log('flags given an order=uncertain entry', detail);
  return { job: 'flag-uncertain-queue', detail: { ...detail } };
}
