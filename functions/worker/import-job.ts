import { MAX_JOB_ERRORS } from '../../schemas/organisation-import.ts';
import { importRows } from '../domain/compliance/import-organisations.ts';
import {
  completeImportChunk,
  finishImportJob,
  getImportChunk,
  getImportJob,
} from '../store/compliance/import-jobs.ts';
import type { Store } from '../store/store.ts';
import type { Reactor } from './process-changes.ts';

export interface ImportJobDeps {
  store: Store;
  clock: () => Date;
}

/**
 * Runs an import job from the officers' import page chunk by chunk, recording progress after
 * each (the page shows it). Safe to re-deliver: a chunk already recorded is skipped.
 */
export async function runImportJob(deps: ImportJobDeps, id: string): Promise<void> {
  const job = await getImportJob(deps.store, id);
  if (!job || job.status === 'done') return;
  const officer = { id: job.createdBy.id, email: job.createdBy.email, isOfficer: true };
  let room = MAX_JOB_ERRORS - job.errors.length;
  for (let chunk = 1; chunk <= job.chunks; chunk++) {
    const stored = await getImportChunk(deps.store, id, chunk);
    if (!stored || stored.status === 'done') continue;
    const tally = await importRows(deps, officer, stored.rows);
    const recorded = await completeImportChunk(
      deps.store,
      id,
      chunk,
      { ...tally, codes: tally.enrolmentCodes },
      room,
      deps.clock(),
    );
    if (recorded) room -= Math.min(room, tally.errors.length);
  }
  await finishImportJob(deps.store, id);
}

export function createImportJobReactor(deps: ImportJobDeps): Reactor {
  return async (change) => {
    if (change.eventName !== 'INSERT' || !change.pk.startsWith('IMPORT#') || change.sk !== 'JOB') return;
    await runImportJob(deps, change.pk.slice('IMPORT#'.length));
  };
}
