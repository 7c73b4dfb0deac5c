import { INDEX_VERSION } from '../domain/search/index-entries.ts';
import {
  getOpenDataProgress,
  listIndexedStatementIds,
  putOpenDataProgress,
} from '../store/search/open-data-progress.ts';
import type { DailyJobResult } from './daily-jobs.ts';
import type { WorkerDeps } from './deps.ts';
import { reindexStatement } from './index-statement.ts';

/**
 * Daily: when what the index holds for a statement changed (INDEX_VERSION went up: new search
 * partitions, a new open-data format), re-indexes every listed statement and renders its lines again, a page of statements at a time, saving its place after each page so
 * the next run carries on (within `budgetMs` per run). Safe to run twice: re-indexing a statement
 * already in the new format changes nothing.
 */
export async function rerenderOpenData(
  deps: WorkerDeps,
  options: { budgetMs?: number; now?: () => number } = {},
): Promise<DailyJobResult> {
  const now = options.now ?? (() => Date.now());
  const deadline = now() + (options.budgetMs ?? 10 * 60_000);
  const progress = await getOpenDataProgress(deps.store);
  if (progress.version >= INDEX_VERSION) {
    return { job: 'open-data-rerender', detail: { version: progress.version, rendered: 0, done: true } };
  }
  let after = progress.rendering?.version === INDEX_VERSION ? progress.rendering.after : null;
  let rendered = 0;
  while (now() < deadline) {
    const page = await listIndexedStatementIds(deps.store, after);
    for (const id of page.ids) {
      await reindexStatement(deps.store, id, { now: () => deps.clock().toISOString(), log: deps.log });
      rendered++;
    }
    after = page.next;
    if (!after) {
      await putOpenDataProgress(deps.store, { version: INDEX_VERSION, rendering: null });
      return { job: 'open-data-rerender', detail: { version: INDEX_VERSION, rendered, done: true } };
    }
    await putOpenDataProgress(deps.store, {
      version: progress.version,
      rendering: { version: INDEX_VERSION, after },
    });
  }
  return { job: 'open-data-rerender', detail: { version: progress.version, rendered, done: false } };
}
