import type {
  OutOfScopeDeclaration,
  OutOfScopeDeclarationBody,
  OutOfScopeHistoryEntry,
} from '../../../schemas/out-of-scope.ts';
import type { User } from '../../../schemas/user.ts';
import {
  getDeclaration,
  putDeclaration,
  ReviewItemRefusedError,
  reviewDeclaration,
} from '../../store/compliance/declarations.ts';
import { getFlag } from '../../store/flags/get-flag.ts';
import { closeSeenFlagItem } from '../../store/flags/update-flag.ts';
import { getMembership } from '../../store/memberships/get-membership.ts';
import { getOrganisation } from '../../store/organisations/get-organisation.ts';
import type { Store } from '../../store/store.ts';
import { forbidden, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { flagIds } from './flag-ids.ts';

export interface OutOfScopeDeps {
  store: Store;
  clock: () => Date;
}

/**
 * An enrolled user declares their organisation out of scope for a reporting year, with one of the
 * registry's reasons. A new declaration for the same year replaces the reason (both stay in the
 * history) unless an officer has challenged it (409).
 */
export async function declareOutOfScope(
  deps: OutOfScopeDeps,
  user: User,
  organisationId: string,
  body: OutOfScopeDeclarationBody,
): Promise<OutOfScopeDeclaration> {
  const organisation = await getOrganisation(deps.store, organisationId);
  if (!organisation) throw notFound('The organisation');
  if (!(await getMembership(deps.store, user.id, organisationId))) {
    throw forbidden('Only people enrolled for this organisation can declare it out of scope.');
  }
  const previous = await getDeclaration(deps.store, organisationId, body.year);
  const now = deps.clock();
  const at = now.toISOString();
  const entry: OutOfScopeHistoryEntry = {
    action: 'declared',
    at,
    by: user.email,
    reason: body.reason,
    ...(body.otherReason ? { otherReason: body.otherReason } : {}),
  };
  const declaration: OutOfScopeDeclaration = {
    organisationId,
    organisationName: organisation.name,
    year: body.year,
    reason: body.reason,
    ...(body.otherReason ? { otherReason: body.otherReason } : {}),
    status: 'declared',
    declaredAt: at,
    declaredBy: user.email,
    ...(previous?.challenge ? { challenge: previous.challenge } : {}),
    history: [...(previous?.history ?? []), entry],
  };
  await putDeclaration(deps.store, declaration, previous, {
    id: newId(now),
    entity: `organisation/${organisationId}`,
    action: 'organisation.declared_out_of_scope',
    at,
    actor: { id: user.id, email: user.email },
    detail: {
      year: body.year,
      reason: body.reason,
      ...(body.otherReason ? { otherReason: body.otherReason } : {}),
    },
  });
  return declaration;
}

/**
 * An officer challenges a declaration (the sweep expects a statement for that year again) or
 * accepts it (including after a challenge; an outstanding `missing` flag for the year is then
 * dismissed), with a note kept in its history and audited.
 */
export async function reviewOutOfScope(
  deps: OutOfScopeDeps,
  officer: User,
  organisationId: string,
  year: number,
  action: 'challenged' | 'accepted',
  note: string,
): Promise<OutOfScopeDeclaration> {
  const now = deps.clock();
  const at = now.toISOString();
  const missingId = flagIds.missing(organisationId, year);
  // Accepting excuses the year: a `missing` flag still outstanding for it (raised while the
  // declaration was challenged, or before it was made) is dismissed with the officer's note, in the
  // declaration's own transaction (never one without the other). Read first; if it moves between
  // the read and the write, nothing is written and both are read again.
  for (let attempt = 1; ; attempt++) {
    const flag =
      action === 'accepted' ? await getFlag(deps.store, missingId, { consistent: true }) : undefined;
    const outstanding = flag && (flag.status === 'open' || flag.status === 'contacted') ? flag : undefined;
    try {
      const declaration = await reviewDeclaration(
        deps.store,
        organisationId,
        year,
        { action, note, by: officer.email, at },
        {
          id: newId(now),
          entity: `organisation/${organisationId}`,
          action:
            action === 'challenged'
              ? 'organisation.out_of_scope_challenged'
              : 'organisation.out_of_scope_accepted',
          at,
          actor: { id: officer.id, email: officer.email },
          detail: { year, note },
        },
        outstanding
          ? [
              closeSeenFlagItem(deps.store, outstanding, {
                at,
                by: officer.email,
                action: 'status',
                to: 'dismissed',
                note: `Declared out of scope for ${year}, accepted: ${note}`,
              }),
            ]
          : [],
      );
      if (!declaration) throw notFound('The declaration');
      return declaration;
    } catch (error) {
      if (!(error instanceof ReviewItemRefusedError) || attempt >= 3) throw error;
    }
  }
}
