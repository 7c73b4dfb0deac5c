import { type CheckRevisionOptions, createCheckRevisionReactor } from './check-revision.ts';
import { createComplianceReactors } from './compliance-reactors.ts';
import type { WorkerDeps } from './deps.ts';
import { createIndexStatementReactor } from './index-statement.ts';
import type { Reactor } from './process-changes.ts';

/** What happens after each change to the table, in order. Later capabilities add reactors here. */
export function createReactors(deps: WorkerDeps, checkOptions: CheckRevisionOptions = {}): Reactor[] {
  return [
    createIndexStatementReactor(deps),
    createCheckRevisionReactor(deps, checkOptions),
    ...createComplianceReactors(deps),
  ];
}
