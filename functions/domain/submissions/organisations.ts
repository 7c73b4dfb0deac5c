import type { AuditEvent } from '../../../schemas/audit.ts';
import type { Membership } from '../../../schemas/membership.ts';
import type { NewOrganisation, Organisation, OwnOrganisation } from '../../../schemas/organisation.ts';
import type { User } from '../../../schemas/user.ts';
import type { Letters } from '../../mail/letters.ts';
import { auditPut } from '../../store/audit/audit-item.ts';
import { issueEnrolmentCode } from '../../store/enrolment/issue-enrolment-code.ts';
import {
  CodeNotRedeemableError,
  getEnrolmentCode,
  redeemEnrolmentCode,
} from '../../store/enrolment/redeem-enrolment-code.ts';
import { keys } from '../../store/keys.ts';
import { listMembershipsOfUser } from '../../store/memberships/list-memberships-of-user.ts';
import { createOrganisation } from '../../store/organisations/create-organisation.ts';
import { getOrganisation } from '../../store/organisations/get-organisation.ts';
import {
  listPendingOrganisations,
  type PendingOrganisation,
  pendingOrganisationPut,
  verifyOrganisationItems,
} from '../../store/organisations/pending-organisations.ts';
import { DuplicateCompanyNumberError } from '../../store/organisations/put-organisation.ts';
import type { Store } from '../../store/store.ts';
import {
  ConditionsFailedError,
  type TransactItem,
  TransactionConflictError,
  transactWrite,
} from '../../store/transact.ts';
import {
  enrolmentCodeExpiry,
  generateEnrolmentCode,
  hashEnrolmentCode,
  looksLikeEnrolmentCode,
} from '../enrolment-codes.ts';
import { conflict, forbidden, invalid, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { type RateLimits, refund, spend } from '../rate-limits.ts';
import { IdempotencyRaceError } from './statements.ts';

export interface OrganisationDeps {
  store: Store;
  clock: () => Date;
  limits?: RateLimits | undefined;
  /** Posts the enrolment code of an organisation a business added (locally: the dev outbox). */
  letters?: Letters | undefined;
}

function audit(
  now: Date,
  user: User,
  entity: string,
  action: AuditEvent['action'],
  detail?: Record<string, unknown>,
) {
  return {
    id: newId(now),
    entity,
    action,
    at: now.toISOString(),
    actor: { id: user.id, email: user.email },
    ...(detail ? { detail } : {}),
  } satisfies AuditEvent;
}

export interface CreatedOrganisation {
  id: string;
  enrolmentCode: string;
  enrolmentCodeExpiresAt: string;
}

/** What a retry with the same Idempotency-Key answers: the code is never kept for it. */
export type ReplayedOrganisation = Omit<CreatedOrganisation, 'enrolmentCode'> & { enrolmentCode: null };

/** An officer adds an organisation; the answer carries its enrolment code, shown this once. */
export async function addOrganisation(
  deps: OrganisationDeps,
  officer: User,
  input: NewOrganisation,
  idempotency?: (status: number, body: ReplayedOrganisation) => TransactItem,
): Promise<CreatedOrganisation> {
  const now = deps.clock();
  const at = now.toISOString();
  const id = newId(now);
  const organisation: Organisation = { ...input, id, createdAt: at, updatedAt: at };
  const code = generateEnrolmentCode();
  const result = { id, enrolmentCode: code, enrolmentCodeExpiresAt: enrolmentCodeExpiry(now) };
  try {
    await createOrganisation(deps.store, {
      organisation,
      enrolment: {
        codeHash: hashEnrolmentCode(code),
        record: {
          organisationId: id,
          codeExpiresAt: result.enrolmentCodeExpiresAt,
          createdAt: at,
          createdBy: officer.id,
        },
      },
      audits: [
        audit(now, officer, `organisation/${id}`, 'organisation.created', {
          name: organisation.name,
          companyNumber: organisation.companyNumber ?? null,
        }),
        audit(now, officer, `organisation/${id}`, 'enrolment_code.issued', {
          expiresAt: result.enrolmentCodeExpiresAt,
        }),
      ],
      // A replay must not hand the code out again: the record keeps the answer without it.
      extra: idempotency ? [idempotency(201, { ...result, enrolmentCode: null })] : [],
    });
  } catch (error) {
    if (error instanceof DuplicateCompanyNumberError) {
      throw conflict(
        `An organisation with company number ${organisation.companyNumber} is already registered.`,
      );
    }
    if (error instanceof ConditionsFailedError && idempotency) throw new IdempotencyRaceError();
    throw error;
  }
  return result;
}

/** An officer issues a further code for an organisation (codes are single-use: one per person). */
export async function addEnrolmentCode(
  deps: OrganisationDeps,
  officer: User,
  organisationId: string,
  idempotency?: (
    status: number,
    body: { enrolmentCode: string | null; enrolmentCodeExpiresAt: string },
  ) => TransactItem,
): Promise<{ enrolmentCode: string; enrolmentCodeExpiresAt: string }> {
  const organisation = await getOrganisation(deps.store, organisationId);
  if (!organisation) throw notFound('The organisation');
  const now = deps.clock();
  const code = generateEnrolmentCode();
  const result = { enrolmentCode: code, enrolmentCodeExpiresAt: enrolmentCodeExpiry(now) };
  try {
    await issueEnrolmentCode(deps.store, {
      codeHash: hashEnrolmentCode(code),
      record: {
        organisationId,
        codeExpiresAt: result.enrolmentCodeExpiresAt,
        createdAt: now.toISOString(),
        createdBy: officer.id,
      },
      audit: audit(now, officer, `organisation/${organisationId}`, 'enrolment_code.issued', {
        expiresAt: result.enrolmentCodeExpiresAt,
      }),
      // A replay must not hand the code out again: the record keeps the answer without it.
      extra: idempotency ? [idempotency(201, { ...result, enrolmentCode: null })] : [],
    });
  } catch (error) {
    if (error instanceof ConditionsFailedError && error.failed.includes(0))
      throw notFound('The organisation');
    if (error instanceof ConditionsFailedError && idempotency) throw new IdempotencyRaceError();
    throw error;
  }
  return result;
}

export interface Enrolment {
  organisationId: string;
  organisationName: string;
}

/**
 * Enrolment gives a person the right to speak for a business: only to someone whose identity
 * provider has confirmed they control their email address (`email_verified`), so the address in
 * the audit trail and on the account is theirs.
 */
export function requireVerifiedEmail(user: User): void {
  if (user.emailVerified !== true) {
    throw forbidden(
      `Confirm your email address (${user.email}) with the sign-in service before you enrol for an organisation, then sign in again.`,
    );
  }
}

const wrongCode = () =>
  invalid([
    { path: '/code', message: 'Enter a valid enrolment code: it may be wrong, used already or expired' },
  ]);

/**
 * A signed-in user redeems an organisation's enrolment code and may act for it from then on.
 * Codes are single-use and expire. Each guess first takes a slot of the user's and of the
 * address's enrolment limit (one conditional write each, so a burst of concurrent guesses gets
 * at most the limit evaluated, 429 after); a right code gives its slots back, so only wrong
 * guesses count (5 per 15 minutes by default).
 */
export async function redeemCode(
  deps: OrganisationDeps,
  user: User,
  code: string,
  idempotency?: (status: number, body: Enrolment) => TransactItem,
  address?: string,
): Promise<Enrolment> {
  requireVerifiedEmail(user);
  const now = deps.clock();
  const spent = await spend(deps, 'enrolment', [
    `user:${user.id}`,
    ...(address === undefined ? [] : [`address:${address}`]),
  ]);
  const fail = async () => wrongCode();
  if (!looksLikeEnrolmentCode(code)) throw await fail();
  const codeHash = hashEnrolmentCode(code);
  const record = await getEnrolmentCode(deps.store, codeHash);
  if (!record || record.usedAt || record.codeExpiresAt <= now.toISOString()) throw await fail();
  const organisation = await getOrganisation(deps.store, record.organisationId);
  if (!organisation) throw await fail();
  const at = now.toISOString();
  const membership: Membership = {
    userId: user.id,
    email: user.email,
    organisationId: organisation.id,
    organisationName: organisation.name,
    role: 'submitter',
    createdAt: at,
  };
  const result = { organisationId: organisation.id, organisationName: organisation.name };
  try {
    await redeemEnrolmentCode(deps.store, {
      codeHash,
      membership,
      audit: audit(now, user, `organisation/${organisation.id}`, 'membership.created', {
        userId: user.id,
        email: user.email,
      }),
      extra: [
        // The code posted to its registered address proves the business is there: verified.
        ...(organisation.verification === 'pending'
          ? [
              ...verifyOrganisationItems(deps.store, organisation, at),
              auditPut(
                deps.store,
                audit(now, user, `organisation/${organisation.id}`, 'organisation.verified', {
                  by: 'posted_code',
                }),
              ),
            ]
          : []),
        ...(idempotency ? [idempotency(201, result)] : []),
      ],
    });
  } catch (error) {
    if (error instanceof CodeNotRedeemableError) throw await fail();
    if (error instanceof ConditionsFailedError && idempotency) throw new IdempotencyRaceError();
    if (error instanceof TransactionConflictError)
      throw conflict('The code is being used at this moment; try again.');
    throw error;
  }
  await refund(deps, spent);
  return result;
}

/** The organisations a user may act for, in name order. */
export async function organisationsOf(store: Store, user: User): Promise<Organisation[]> {
  const memberships = await listMembershipsOfUser(store, user.id);
  const organisations = await Promise.all(memberships.map((m) => getOrganisation(store, m.organisationId)));
  return organisations
    .filter((organisation): organisation is Organisation => organisation !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
}

export const DUPLICATE_ORGANISATION_HELP =
  'If you act for it, ask for an enrolment code (from a colleague who is enrolled, or a compliance officer) and enter it at /account/enrol.';

/**
 * A signed-in business adds its own organisation. In one transaction: the organisation (pending
 * verification), its company-number claim, the user's membership, an enrolment code (hash only),
 * the officers' "to verify" entry and the audit events. Then the code is posted to the registered
 * address; entering it (or an officer's verification) lets its statements be published.
 */
export async function addOwnOrganisation(
  deps: OrganisationDeps,
  user: User,
  input: OwnOrganisation,
  /** The site's address (no trailing slash), for the letter's absolute link; a letter is read on paper. */
  siteAddress = '',
): Promise<{ id: string; verification: 'pending' }> {
  requireVerifiedEmail(user);
  const now = deps.clock();
  const at = now.toISOString();
  const id = newId(now);
  const organisation: Organisation = {
    ...input,
    inScope: true,
    id,
    createdAt: at,
    updatedAt: at,
    verification: 'pending',
    addedBy: user.id,
  };
  const code = generateEnrolmentCode();
  const membership: Membership = {
    userId: user.id,
    email: user.email,
    organisationId: id,
    organisationName: organisation.name,
    role: 'submitter',
    createdAt: at,
  };
  const pending: PendingOrganisation = {
    organisationId: id,
    name: organisation.name,
    companyNumber: organisation.companyNumber ?? null,
    addedBy: user.email,
    createdAt: at,
  };
  try {
    await createOrganisation(deps.store, {
      organisation,
      enrolment: {
        codeHash: hashEnrolmentCode(code),
        record: {
          organisationId: id,
          codeExpiresAt: enrolmentCodeExpiry(now),
          createdAt: at,
          createdBy: user.id,
        },
      },
      audits: [
        audit(now, user, `organisation/${id}`, 'organisation.created', {
          name: organisation.name,
          companyNumber: organisation.companyNumber ?? null,
          addedBy: 'business',
        }),
        audit(now, user, `organisation/${id}`, 'enrolment_code.issued', { posted: true }),
        audit(now, user, `organisation/${id}`, 'membership.created', { userId: user.id, email: user.email }),
      ],
      extra: [
        {
          Put: {
            TableName: deps.store.tableName,
            Item: { ...keys.membership(user.id, id), entity: 'membership', ...membership },
          },
        },
        pendingOrganisationPut(deps.store, pending),
      ],
    });
  } catch (error) {
    if (error instanceof DuplicateCompanyNumberError) {
      throw conflict(
        `An organisation with company number ${organisation.companyNumber} is already on the register. ${DUPLICATE_ORGANISATION_HELP}`,
      );
    }
    throw error;
  }
  await deps.letters?.post({
    organisationName: organisation.name,
    address: input.registeredAddress,
    subject: `Your enrolment code for the modern slavery statement register: ${organisation.name}`,
    text: [
      `${user.email} added ${organisation.name} to the modern slavery statement register.`,
      '',
      `To publish its statements, sign in and enter this enrolment code at ${siteAddress}/account/enrol: ${code}`,
      '',
      `The code works once and expires on ${enrolmentCodeExpiry(now).slice(0, 10)}. If you did not expect this letter, tell the register's compliance team.`,
    ].join('\n'),
  });
  return { id, verification: 'pending' };
}

/** An officer verifies an organisation a business added; its statements may be published from then on. */
export async function verifyOrganisation(
  deps: OrganisationDeps,
  officer: User,
  organisationId: string,
): Promise<Organisation> {
  const organisation = await getOrganisation(deps.store, organisationId);
  if (!organisation) throw notFound('The organisation');
  if (organisation.verification !== 'pending') throw conflict(`${organisation.name} is verified already.`);
  const now = deps.clock();
  const at = now.toISOString();
  try {
    await transactWrite(deps.store, [
      ...verifyOrganisationItems(deps.store, organisation, at),
      auditPut(
        deps.store,
        audit(now, officer, `organisation/${organisationId}`, 'organisation.verified', { by: 'officer' }),
      ),
    ]);
  } catch (error) {
    if (error instanceof ConditionsFailedError) throw conflict(`${organisation.name} is verified already.`);
    throw error;
  }
  return { ...organisation, verification: 'verified', verifiedAt: at, updatedAt: at };
}

/** The organisations waiting for verification, oldest first. */
export function pendingOrganisations(store: Store): Promise<PendingOrganisation[]> {
  return listPendingOrganisations(store);
}
