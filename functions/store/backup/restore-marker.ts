import type { ChangeRecord } from '../stream-records.ts';

/**
 * Every item `register import` writes carries this attribute (the import's run id). A restored
 * table already holds every derived item (search index, counters, flags, open-data lines), so the
 * stream worker must not apply the import's own inserts a second time — in AWS the worker may
 * well be attached while the import runs. Only inserts are skipped: a later change the register
 * makes to a restored item is a MODIFY (or an insert without the attribute) and is applied.
 */
export const RESTORED_ATTRIBUTE = 'restoredBy';

export function isRestoreInsert(change: ChangeRecord): boolean {
  return change.eventName === 'INSERT' && typeof change.newImage?.[RESTORED_ATTRIBUTE] === 'string';
}
