import type { WorkerDeps } from './deps.ts';
import { runRecordedSweep } from './sweep.ts';

export interface DailyJobResult {
  job: string;
  detail: Record<string, unknown>;
}

/**
 * The jobs that run once a day (EventBridge Scheduler in AWS, a timer locally). Each must be safe
 * to run twice. Later capabilities add theirs here (the missing/late sweep, open data exports).
 */
export async function runDailyJobs(deps: WorkerDeps): Promise<DailyJobResult[]> {
  const results: DailyJobResult[] = [];
  // The missing/late sweep (README "Compliance officers"): idempotent, so a repeated run raises nothing new.
  const sweep = await runRecordedSweep(deps);
  results.push({ job: 'compliance-sweep', detail: { runId: sweep.id, ...sweep.stats } });
  return results;
}
