import { organisationsOfShard } from '../store/compliance/organisation-shard.ts';
import { keys, ORGANISATION_SHARDS } from '../store/keys.ts';
import { getMigrationMark, putMigrationMark } from '../store/migration-marks.ts';
import { moveOrganisationWords } from '../store/organisations/organisation-words.ts';
import type { DailyJobResult } from './daily-jobs.ts';
import type { WorkerDeps } from './deps.ts';
import type { Reactor } from './process-changes.ts';

const nameOf = (image: Record<string, unknown> | undefined) =>
  typeof image?.name === 'string' ? image.name : undefined;

/**
 * Keeps each organisation's name-word entries (the officers' pick list by any word's start) in
 * step with its name, whoever wrote the organisation: created, renamed or deleted. Writes nothing
 * when the name did not change.
 */
export function createOrganisationWordsReactor(deps: WorkerDeps): Reactor {
  return async (change) => {
    const id = change.pk.slice('ORG#'.length);
    if (change.pk !== keys.organisation(id).pk || change.sk !== keys.organisation(id).sk) return;
    const before = nameOf(change.oldImage);
    const after = change.eventName === 'REMOVE' ? undefined : nameOf(change.newImage);
    if (before === after) return;
    await moveOrganisationWords(deps.store, [{ organisationId: id, before, after }]);
  };
}

const MARK = 'organisation-words';

/** Once: gives organisations written before the name-word entries existed their entries (idempotent). */
export async function backfillOrganisationWords(deps: WorkerDeps): Promise<DailyJobResult> {
  if (await getMigrationMark(deps.store, MARK))
    return { job: MARK, detail: { organisations: 0, done: true } };
  let organisations = 0;
  for (let shard = 0; shard < ORGANISATION_SHARDS; shard++) {
    for await (const page of organisationsOfShard(deps.store, shard)) {
      await moveOrganisationWords(
        deps.store,
        page.map((organisation) => ({
          organisationId: organisation.id,
          before: undefined,
          after: organisation.name,
        })),
      );
      organisations += page.length;
    }
  }
  await putMigrationMark(deps.store, MARK, deps.clock().toISOString());
  return { job: MARK, detail: { organisations, done: true } };
}
