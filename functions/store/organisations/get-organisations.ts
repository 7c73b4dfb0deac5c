import { type Organisation, organisationSchema } from '../../../schemas/organisation.ts';
import { batchGetItems } from '../batch-get-items.ts';
import { keys, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';

/** Organisations by id (BatchGet, eventually consistent), those found, in no particular order. */
export async function getOrganisations(store: Store, ids: string[]): Promise<Organisation[]> {
  const found = await batchGetItems(
    store,
    ids.map((id) => keys.organisation(id)),
    { consistent: false },
  );
  return [...found.values()].map((item) => organisationSchema.parse(withoutKeys(item)));
}
