import { createHash } from 'node:crypto';
import { monotonicFactory } from 'ulid';

const next = monotonicFactory();

/** A new register id (ULID) at the given time; ids made in the same millisecond still sort in order. */
export function newId(now: Date): string {
  return next(now.getTime());
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * An id that is always the same for the same key: ULID-shaped (the time part from `time`, the rest
 * from a SHA-256 of the key), so a record imported twice lands on the same item.
 */
export function stableId(key: string, time: Date): string {
  let ms = Math.max(0, Math.min(time.getTime(), 2 ** 48 - 1));
  let timePart = '';
  for (let i = 0; i < 10; i++) {
    timePart = CROCKFORD[ms % 32] + timePart;
    ms = Math.floor(ms / 32);
  }
  const digest = createHash('sha256').update(key).digest();
  let randomPart = '';
  for (let i = 0; i < 16; i++) randomPart += CROCKFORD[digest[i]! % 32];
  return timePart + randomPart;
}
