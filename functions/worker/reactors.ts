import type { WorkerDeps } from './deps.ts';
import type { Reactor } from './process-changes.ts';

/** What happens after each change to the table, in order. Later capabilities add reactors here. */
export function createReactors(_deps: WorkerDeps): Reactor[] {
  return [];
}
