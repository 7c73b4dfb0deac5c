import { type Revision, revisionSchema } from '../../../schemas/statement.ts';
import { keys, withoutKeys } from '../keys.ts';
import { queryPrefix } from '../query-prefix.ts';
import type { Store } from '../store.ts';

/** Every submitted revision of a statement, oldest first (a statement has few: no paging needed). */
export async function listRevisions(store: Store, id: string): Promise<Revision[]> {
  const revisions: Revision[] = [];
  for await (const item of queryPrefix(store, keys.statementPartition(id), keys.revisionPrefix))
    revisions.push(revisionSchema.parse(withoutKeys(item)));
  return revisions;
}
