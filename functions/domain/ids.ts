import { monotonicFactory } from 'ulid';

const next = monotonicFactory();

/** A new register id (ULID) at the given time; ids made in the same millisecond still sort in order. */
export function newId(now: Date): string {
  return next(now.getTime());
}
