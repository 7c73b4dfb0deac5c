import type { Organisation } from '../../../schemas/organisation.ts';
import { organisationIdByCompanyNumber } from '../../store/compliance/organisation-by-company-number.ts';
import { findOrganisationsByName } from '../../store/organisations/find-organisations-by-name.ts';
import { getOrganisation } from '../../store/organisations/get-organisation.ts';
import type { Store } from '../../store/store.ts';
import { normaliseName } from '../names.ts';
import { normaliseCompanyNumber } from '../search/index-entries.ts';

export const MAX_PICKS = 20;

/**
 * The organisations an officer may mean by what they typed: the one holding a company number
 * (leading zeros optional), or those whose name starts with the words typed. Every organisation
 * on the register, with or without statements; gets and queries only, never a scan.
 */
export async function findOrganisationsToPick(store: Store, query: string): Promise<Organisation[]> {
  const typed = query.trim();
  const number = normaliseCompanyNumber(typed);
  if (number) {
    const id = await organisationIdByCompanyNumber(store, number);
    const organisation = id ? await getOrganisation(store, id) : undefined;
    if (organisation) return [organisation];
  }
  if (normaliseName(typed) === '') return [];
  return findOrganisationsByName(store, typed, MAX_PICKS);
}
