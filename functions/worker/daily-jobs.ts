import type { WorkerDeps } from './deps.ts';

export interface DailyJobResult {
  job: string;
  detail: Record<string, unknown>;
}

/**
 * The jobs that run once a day (EventBridge Scheduler in AWS, a timer locally). Each must be safe
 * to run twice. Later capabilities add theirs here (the missing/late sweep, open data exports).
 */
export async function runDailyJobs(_deps: WorkerDeps): Promise<DailyJobResult[]> {
  return [];
}
