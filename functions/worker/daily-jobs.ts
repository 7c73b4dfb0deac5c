import { moveCheckListings } from '../store/checks/move-check-listings.ts';
import { backfillFlagQueue } from './backfill-flag-queue.ts';
import type { WorkerDeps } from './deps.ts';
import { rerenderOpenData } from './open-data-rerender.ts';
import { backfillOrganisationWords } from './organisation-words.ts';
import { publishOpenData } from './publish-open-data.ts';
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
  // Flags stored before the order=uncertain queue existed get their entry in it (README "Compliance officers").
  results.push(await backfillFlagQueue(deps));
  // Organisations written before their name-word entries existed get them, once (officers' pick list).
  results.push(await backfillOrganisationWords(deps));
  // Check results listed before the sharded, keys-only listing move to it (README "Performance").
  results.push({ job: 'check-listings', detail: await moveCheckListings(deps.store) });
  // Open data: render every statement's lines again after a change of format (README "The public register").
  results.push(await rerenderOpenData(deps));
  // Then publish every year's files as static files (AWS), which the download route redirects to.
  results.push(await publishOpenData(deps));
  return results;
}
