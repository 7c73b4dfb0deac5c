import type { SweepRun } from '../../../schemas/compliance.ts';

const n = (value: number) => value.toLocaleString('en-GB');
const plural = (count: number, one: string, many: string) => `${n(count)} ${count === 1 ? one : many}`;

/**
 * The words of the dashboard's sweep progress. web/assets/sweep-progress.js says the same from
 * the JSON status (GET /api/v1/sweeps/{id}) as it polls; keep the two in step.
 */
export function sweepProgressView(run: SweepRun) {
  const stats = run.stats;
  const checked = plural(stats?.organisations ?? 0, 'organisation', 'organisations');
  const finished = run.status === 'done' || run.status === 'failed';
  const parts = run.progress
    ? `${n(run.progress.partsDone)} of ${n(run.progress.partsTotal)} parts of the register swept`
    : undefined;
  let text: string;
  if (run.status === 'requested') text = 'Waiting to start.';
  else if (run.status === 'running') text = `Running: ${parts ? `${parts}, ` : ''}${checked} checked so far.`;
  else if (run.status === 'failed') text = `The sweep failed: ${run.error ?? 'unknown error'}. Run it again.`;
  else
    text = `Finished: ${checked} checked; ${plural(stats?.missingRaised ?? 0, 'missing statement', 'missing statements')} and ${plural(stats?.lateRaised ?? 0, 'late statement', 'late statements')} flagged; ${plural(stats?.remindersQueued ?? 0, 'reminder', 'reminders')} queued.`;
  return { id: run.id, status: run.status, finished, text };
}
