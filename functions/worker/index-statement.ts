import { createHash } from 'node:crypto';
import { ZodError } from 'zod';
import type { OpenDataRow } from '../../schemas/open-data.ts';
import { type StatementSummary, statementSummarySchema } from '../../schemas/statement-summary.ts';
import { OPEN_DATA_VERSION, openDataRow } from '../domain/open-data.ts';
import { INDEX_VERSION } from '../domain/search/index-entries.ts';
import type { CapacityMeter } from '../store/capacity.ts';
import { keys, withoutKeys } from '../store/keys.ts';
import { getCheckResult } from '../store/public/get-check-result.ts';
import { applySearchIndex, type DesiredIndex } from '../store/search/apply-search-index.ts';
import { getStatementSummary } from '../store/search/get-statement-summary.ts';
import { getIndexAndTypoStates } from '../store/search/organisation-typos.ts';
import { getSearchIndexState, type SearchIndexState } from '../store/search/search-index-state.ts';
import { getRevision, revisionFromItem } from '../store/statements/get-revision.ts';
import type { Store } from '../store/store.ts';
import type { ChangeRecord } from '../store/stream-records.ts';
import type { WorkerDeps } from './deps.ts';
import type { Reactor } from './process-changes.ts';
import type { WorkerMemo } from './worker-memo.ts';

const HEADER_PREFIX = 'STMT#';

/**
 * Keeps the search index, the open-data rows and the statistics counters in step with each
 * statement's header item (keys.statement). The change is only a trigger: the header is read
 * again (strongly consistent) and the index brought to what it says now, so re-delivered,
 * duplicated or out-of-order records all converge on the latest state; a fingerprint of what was
 * indexed makes a repeat a no-op. Submitted statements are listed; drafts, withdrawn and deleted
 * ones are not.
 */
export function createIndexStatementReactor(deps: WorkerDeps, memo?: WorkerMemo): Reactor {
  return async (change, batch) => {
    if (!change.pk.startsWith(HEADER_PREFIX)) return;
    const id = change.pk.slice(HEADER_PREFIX.length);
    const isHeader = change.sk === 'STMT';
    const isNewRevision = change.sk.startsWith(keys.revisionPrefix) && change.eventName === 'INSERT';
    if (!isHeader && !isNewRevision) return;
    // A newly submitted revision, not yet checked, whose revision item comes later in this batch:
    // indexed there, after the checker (which runs first on it) has put its result on the header,
    // so its entries are written once with the check instead of twice (without it, then with it).
    const revision = newRevisionAwaitingCheck(change);
    if (isHeader && revision !== undefined && batch?.comesLater(change.pk, keys.revision(id, revision).sk))
      return;
    // A header change showing exactly the summary the index state says was indexed (the checker's
    // summary comes back as a change after its revision was indexed with it): the state alone
    // is read. A later change of the header is a later record, which reindexes.
    let state: (SearchIndexState & { exists: boolean }) | undefined;
    if (isHeader && change.newImage) {
      const summary = statementSummarySchema.safeParse(withoutKeys(change.newImage));
      if (summary.success) {
        state = await getSearchIndexState(deps.store, id);
        if (
          !state.pending &&
          state.indexVersion === INDEX_VERSION &&
          JSON.stringify(state.indexed) === JSON.stringify(summary.data)
        )
          return;
      }
    }
    await reindexStatement(deps.store, id, {
      now: () => deps.clock().toISOString(),
      log: deps.log,
      ...(memo ? { memo } : {}),
      ...(state ? { state } : {}),
      ...(isNewRevision && change.newImage ? { revisionImage: change.newImage } : {}),
    });
  };
}

/** The revision a header change has just submitted, while it carries no check yet. */
function newRevisionAwaitingCheck(change: ChangeRecord): number | undefined {
  const image = change.newImage;
  if (image?.status !== 'submitted' || image.check || typeof image.revision !== 'number') return undefined;
  return image.revision !== change.oldImage?.revision ? image.revision : undefined;
}

export interface ReindexOptions {
  now: () => string;
  log?: (message: string, detail?: unknown) => void;
  capacity?: CapacityMeter;
  /** The worker's memo: check results it stored are not read again. */
  memo?: WorkerMemo;
  /** The index state just read (strongly consistent), for the first attempt. */
  state?: SearchIndexState & { exists: boolean };
  /** The revision item just inserted (its stream image), used instead of reading it when it is the latest. */
  revisionImage?: Record<string, unknown>;
}

export async function reindexStatement(
  store: Store,
  statementId: string,
  options: ReindexOptions,
): Promise<'unchanged' | 'applied'> {
  // The organisation, known from the stream image: its typo state is read with the index state.
  const organisationId =
    typeof options.revisionImage?.organisationId === 'string'
      ? options.revisionImage.organisationId
      : undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    const [summary, { state, typoState }] = await Promise.all([
      getStatementSummary(store, statementId, options.capacity).catch((error: unknown) => {
        // A header that breaks the summary contract would block the stream for good if thrown.
        if (error instanceof ZodError) return 'malformed' as const;
        throw error;
      }),
      attempt === 0 && options.state
        ? { state: options.state, typoState: undefined }
        : organisationId
          ? getIndexAndTypoStates(store, statementId, organisationId, options.capacity)
          : getSearchIndexState(store, statementId, options.capacity).then((state) => ({
              state,
              typoState: undefined,
            })),
    ]);
    if (summary === 'malformed') {
      options.log?.(
        `statement ${statementId}: header does not match statementSummarySchema; index left as it was`,
      );
      return 'unchanged';
    }
    const desired: DesiredIndex | null =
      summary?.status === 'submitted' ? { summary, row: await rowFor(store, summary, options) } : null;
    const fingerprint = desired
      ? createHash('sha256')
          .update(JSON.stringify([OPEN_DATA_VERSION, INDEX_VERSION, desired]))
          .digest('base64url')
      : '';
    if (fingerprint === state.fingerprint && !state.pending) return 'unchanged';
    const applied = await applySearchIndex(store, statementId, state, desired, fingerprint, {
      now: options.now(),
      ...(options.capacity ? { capacity: options.capacity } : {}),
      typoState,
    });
    if (applied) return 'applied';
  }
  throw new Error(`Search index of statement ${statementId} kept changing under the worker.`);
}

/** The open-data row from the latest revision and its check; none when they cannot be read as the contract says. */
async function rowFor(
  store: Store,
  summary: StatementSummary,
  options: ReindexOptions,
): Promise<OpenDataRow | null> {
  try {
    const image = options.revisionImage;
    const [revision, checkResult] = await Promise.all([
      image && image.revision === summary.revision
        ? revisionFromItem(image)
        : getRevision(store, summary.id, summary.revision),
      options.memo?.checkResult(summary.id, summary.revision, summary.check) ??
        getCheckResult(store, summary.id, summary.revision),
    ]);
    if (!revision) {
      options.log?.(`statement ${summary.id}: revision ${summary.revision} not found; no open-data row`);
      return null;
    }
    return openDataRow(summary, revision, checkResult);
  } catch (error) {
    // A malformed item would block the stream for good if thrown; the row waits for the next change.
    if (error instanceof ZodError) {
      options.log?.(`statement ${summary.id}: revision or check result does not match its schema`, error);
      return null;
    }
    throw error;
  }
}
