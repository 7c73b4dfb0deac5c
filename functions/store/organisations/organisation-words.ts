import { organisationNameTails } from '../../domain/organisation-words.ts';
import { keys } from '../keys.ts';
import { batchWriteItems, type WriteRequest } from '../search/batch-write-items.ts';
import type { Store } from '../store.ts';

/**
 * Brings an organisation's name-word entries (keys.organisationWord) from the name it had to the
 * name it has (undefined: none, the organisation is new or gone): puts the new ones, deletes the
 * ones no longer wanted, writes nothing when the words are the same. Derived data: a repeat converges.
 */
export async function moveOrganisationWords(
  store: Store,
  moves: { organisationId: string; before: string | undefined; after: string | undefined }[],
): Promise<void> {
  await batchWriteItems(
    store,
    moves.flatMap(({ organisationId, before, after }) => wordRequests(organisationId, before, after)),
  );
}

function wordRequests(
  organisationId: string,
  before: string | undefined,
  after: string | undefined,
): WriteRequest[] {
  const old = new Set(before === undefined ? [] : organisationNameTails(before));
  const wanted = new Set(after === undefined ? [] : organisationNameTails(after));
  const requests: WriteRequest[] = [];
  for (const tail of wanted) {
    if (!old.has(tail))
      requests.push({
        PutRequest: {
          Item: {
            ...keys.organisationWord(tail, organisationId),
            entity: 'organisationWord',
            organisationId,
          },
        },
      });
  }
  for (const tail of old) {
    if (!wanted.has(tail))
      requests.push({ DeleteRequest: { Key: keys.organisationWord(tail, organisationId) } });
  }
  return requests;
}
