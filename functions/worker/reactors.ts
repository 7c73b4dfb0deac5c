import { type CheckRevisionOptions, createCheckRevisionReactor } from './check-revision.ts';
import { createComplianceReactors } from './compliance-reactors.ts';
import type { WorkerDeps } from './deps.ts';
import { createIndexStatementReactor } from './index-statement.ts';
import { createOrganisationWordsReactor } from './organisation-words.ts';
import type { Reactor } from './process-changes.ts';
import { WorkerMemo } from './worker-memo.ts';

/** What happens after each change to the table, in order. Later capabilities add reactors here. */
export function createReactors(deps: WorkerDeps, checkOptions: CheckRevisionOptions = {}): Reactor[] {
  // What the checker stored and the index was brought to, so the next reactors need not read it again.
  const memo = new WorkerMemo();
  const index = createIndexStatementReactor(deps, memo);
  const check = createCheckRevisionReactor(deps, checkOptions, memo);
  return [
    checkedThenIndexed(check, index),
    createOrganisationWordsReactor(deps),
    ...createComplianceReactors(deps, memo),
  ];
}

/**
 * The checker first: a new revision is indexed on its revision item once checked
 * (index-statement.ts); when the checker fails, it is still indexed (without the check) before the
 * failure goes back to the stream.
 */
export function checkedThenIndexed(check: Reactor, index: Reactor): Reactor {
  return async (change, batch) => {
    try {
      await check(change, batch);
    } finally {
      await index(change, batch);
    }
  };
}
