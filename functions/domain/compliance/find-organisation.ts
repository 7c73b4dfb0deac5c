import type { Organisation } from '../../../schemas/organisation.ts';
import { organisationIdByCompanyNumber } from '../../store/compliance/organisation-by-company-number.ts';
import { findOrganisationsByName } from '../../store/organisations/find-organisations-by-name.ts';
import { findOrganisationIdsByWord } from '../../store/organisations/find-organisations-by-word.ts';
import { getOrganisation } from '../../store/organisations/get-organisation.ts';
import { getOrganisations } from '../../store/organisations/get-organisations.ts';
import type { Store } from '../../store/store.ts';
import { normaliseName } from '../names.ts';
import { normaliseCompanyNumber } from '../search/index-entries.ts';

export const MAX_PICKS = 20;

/**
 * The organisations an officer may mean by what they typed: the one holding a company number
 * (leading zeros optional), or those with a word of their name starting with the words typed
 * ("sainsbury" finds "J Sainsbury plc"). Every organisation on the register, with or without
 * statements; gets and queries only, never a scan.
 */
export async function findOrganisationsToPick(store: Store, query: string): Promise<Organisation[]> {
  const typed = query.trim();
  const number = normaliseCompanyNumber(typed);
  if (number) {
    const id = await organisationIdByCompanyNumber(store, number);
    const organisation = id ? await getOrganisation(store, id) : undefined;
    if (organisation) return [organisation];
  }
  const normalised = normaliseName(typed);
  if (normalised === '') return [];
  const [byFirstWord, byOtherWord] = await Promise.all([
    findOrganisationsByName(store, typed, MAX_PICKS),
    findOrganisationIdsByWord(store, typed, MAX_PICKS),
  ]);
  const known = new Set(byFirstWord.map((organisation) => organisation.id));
  const others = await getOrganisations(
    store,
    byOtherWord.filter((id) => !known.has(id)),
  );
  // Those starting with the words typed first, then those with a later word starting so.
  return [
    ...byFirstWord,
    ...others.sort((a, b) => normaliseName(a.name).localeCompare(normaliseName(b.name))),
  ].slice(0, MAX_PICKS);
}
