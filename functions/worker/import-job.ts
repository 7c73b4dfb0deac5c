import * as z from 'zod';
import { MAX_JOB_ERRORS } from '../../schemas/organisation-import.ts';
import { importRows } from '../domain/compliance/import-organisations.ts';
import { sealCodes } from '../domain/compliance/sealed-codes.ts';
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
 * Imports one stored chunk of a job from the officers' import page and records its progress
 * (the page shows it); the last chunk closes the job. Safe to re-deliver: a chunk already
 * recorded is skipped.
 */
export async function runImportChunk(deps: ImportJobDeps, id: string, chunk: number): Promise<void> {
  const job = await getImportJob(deps.store, id);
  const stored = await getImportChunk(deps.store, id, chunk);
  if (!job || !stored || stored.status === 'done') return;
  const officer = { id: job.createdBy.id, email: job.createdBy.email, isOfficer: true };
  const tally = await importRows(deps, officer, stored.rows);
  // The new codes are sealed for the officer who uploaded the file (the table never holds them in
  // clear); a job made before sealing has no key, and its codes cannot be kept.
  const sealed =
    tally.enrolmentCodes.length > 0 && job.codesKey
      ? sealCodes(job.codesKey, tally.enrolmentCodes)
      : undefined;
  await completeImportChunk(
    deps.store,
    id,
    chunk,
    { ...tally, sealed },
    MAX_JOB_ERRORS - job.errors.length,
    deps.clock(),
  );
  await finishImportJob(deps.store, id);
}

/** Every chunk of a job, in order (tests, and a job whose stream records were lost). */
export async function runImportJob(deps: ImportJobDeps, id: string): Promise<void> {
  const job = await getImportJob(deps.store, id);
  if (!job) return;
  for (let chunk = 1; chunk <= job.chunks; chunk++) await runImportChunk(deps, id, chunk);
}

const chunkKeySchema = z.object({ jobId: z.string(), chunk: z.number().int() });

export function createImportJobReactor(deps: ImportJobDeps): Reactor {
  return async (change) => {
    if (change.eventName !== 'INSERT' || !change.pk.startsWith('IMPORT#') || !change.sk.startsWith('ROWS#'))
      return;
    const parsed = chunkKeySchema.safeParse(change.newImage);
    if (parsed.success) await runImportChunk(deps, parsed.data.jobId, parsed.data.chunk);
  };
}
