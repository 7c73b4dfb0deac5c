import type { AuditAction, AuditEvent } from '../../../schemas/audit.ts';
import type { Organisation } from '../../../schemas/organisation.ts';
import type { Draft, Revision, StatementHeader, StatementStatus } from '../../../schemas/statement.ts';
import { type ArchivedFile, reportingYear, type StoredDraft } from '../../../schemas/submission.ts';
import type { User } from '../../../schemas/user.ts';
import { getMembership } from '../../store/memberships/get-membership.ts';
import { getOrganisation } from '../../store/organisations/get-organisation.ts';
import { getDraft } from '../../store/statements/get-draft.ts';
import { getRevision } from '../../store/statements/get-revision.ts';
import { getStatement } from '../../store/statements/get-statement.ts';
import {
  type HeaderFields,
  type StatementWrite,
  StatementWriteConflict,
  writeStatement,
} from '../../store/statements/write-statement.ts';
import type { Store } from '../../store/store.ts';
import type { TransactItem } from '../../store/transact.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { validDraft, validSubmission } from './validation.ts';

export interface SubmissionDeps {
  store: Store;
  clock: () => Date;
}

/** The answer to a statement write, as the API returns it (201/200 `{id, revision, status}`). */
export interface StatementWriteResult {
  id: string;
  revision: number;
  status: StatementStatus;
  etag: string;
}

/** Builds the idempotency record for the answer, to go in the same transaction. */
export type IdempotencyItem = (status: number, body: StatementWriteResult) => TransactItem;

/** The If-Match token: the latest revision, and the draft's version while one is pending on top. */
export function etagOf(revision: number, draftVersion: number): string {
  return draftVersion > 0 ? `${revision}.${draftVersion}` : String(revision);
}

/** `If-Match: 3`, `"3"`, `W/"3.1"` → "3" / "3.1"; `*` matches anything. */
export function parseIfMatch(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = header
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
  return value;
}

export function etagMatches(current: string, given: string | undefined): boolean {
  return given === undefined || given === '*' || given === current;
}

/** The organisation, and proof the user may act for it: 404 unknown, 403 not enrolled. */
export async function organisationActedFor(
  store: Store,
  user: User,
  organisationId: string,
): Promise<Organisation> {
  const organisation = await getOrganisation(store, organisationId);
  if (!organisation) throw notFound('The organisation');
  const membership = await getMembership(store, user.id, organisationId);
  if (!membership) throw forbidden('You are not enrolled to act for this organisation.');
  return organisation;
}

/**
 * An organisation a business added itself publishes nothing until it is verified (by an officer,
 * or by the code posted to its registered address). Verification never goes back, so reading it
 * outside the write's transaction is safe.
 */
export function assertMayPublish(organisation: Organisation): void {
  if (organisation.verification === 'pending')
    throw conflict(
      `${organisation.name} is not verified yet, so its statements cannot be published. Enter the enrolment code posted to its registered address (Your organisations → Enter an enrolment code), or wait for a compliance officer to verify it. Your answers are kept as a draft.`,
    );
}

/** The statement and its organisation, for a user who may act for it. */
export async function statementActedFor(
  store: Store,
  user: User,
  id: string,
): Promise<{ header: StatementHeader; organisation: Organisation }> {
  const header = await getStatement(store, id, { consistent: true });
  if (!header) throw notFound('The statement');
  const organisation = await organisationActedFor(store, user, header.organisationId);
  return { header, organisation };
}

function summaryOf(document: StoredDraft, organisation: Organisation) {
  return {
    organisationId: organisation.id,
    organisationName: organisation.name,
    companyNumber: organisation.companyNumber ?? null,
    entityType: organisation.entityType,
    isGroup: document.isGroup ?? false,
    groupMembers: (document.groupMembers ?? []).map((member) => ({
      name: member.name,
      companyNumber: member.companyNumber ?? null,
    })),
    year: reportingYear(document.periodEnd),
    periodStart: document.periodStart,
    periodEnd: document.periodEnd,
    sectors: document.sectors ?? [],
    turnover: document.turnover ?? null,
  };
}

function auditEvent(
  now: Date,
  user: User,
  id: string,
  action: AuditAction,
  detail?: Record<string, unknown>,
): AuditEvent {
  return {
    id: newId(now),
    entity: `statement/${id}`,
    action,
    at: now.toISOString(),
    actor: { id: user.id, email: user.email },
    ...(detail ? { detail } : {}),
  };
}

async function write(store: Store, change: StatementWrite): Promise<void> {
  try {
    await writeStatement(store, change);
  } catch (error) {
    if (error instanceof StatementWriteConflict) {
      if (error.reason === 'year_taken') {
        throw conflict(
          'This organisation already has a statement for that reporting year; change that one instead.',
        );
      }
      if (error.reason === 'extra') throw new IdempotencyRaceError();
      throw conflict('The statement has changed since you read it. Read it again and reapply your change.');
    }
    throw error;
  }
}

/** A retry with the same Idempotency-Key won the race: the caller answers with the stored result. */
export class IdempotencyRaceError extends Error {}

function revisionOf(
  header: Pick<StatementHeader, 'id' | 'organisationId'>,
  organisation: Organisation,
  document: ReturnType<typeof validSubmission>,
  revision: number,
  user: User,
  at: string,
): Revision {
  return {
    statementId: header.id,
    organisationId: header.organisationId,
    revision,
    status: 'submitted',
    document,
    organisation: {
      name: organisation.name,
      entityType: organisation.entityType,
      companyNumber: organisation.companyNumber ?? null,
    },
    year: reportingYear(document.periodEnd),
    submittedAt: at,
    submittedBy: user.id,
  };
}

/** POST /organisations/{orgId}/statements: a new statement, as a draft or submitted at once. */
export async function createStatement(
  deps: SubmissionDeps,
  user: User,
  organisationId: string,
  input: StoredDraft,
  options: { submit: boolean; idempotency?: IdempotencyItem | undefined },
): Promise<StatementWriteResult> {
  const organisation = await organisationActedFor(deps.store, user, organisationId);
  if (options.submit) assertMayPublish(organisation);
  const now = deps.clock();
  const at = now.toISOString();
  const id = newId(now);
  const document = options.submit ? validSubmission(input, deps.clock) : validDraft(input, deps.clock);
  const summary = summaryOf(document, organisation);
  const status: StatementStatus = options.submit ? 'submitted' : 'draft';
  const revision = options.submit ? 1 : 0;
  const result = { id, revision, status, etag: etagOf(revision, 0) };
  const header: HeaderFields = {
    id,
    ...summary,
    status,
    revision,
    submittedAt: options.submit ? at : null,
    updatedAt: at,
    etag: result.etag,
    draftVersion: 0,
    hasDraft: !options.submit,
    createdAt: at,
    createdBy: user.id,
    withdrawal: null,
  };
  await write(deps.store, {
    header: { create: header },
    ...(options.submit
      ? { revision: revisionOf(header, organisation, validSubmission(document, deps.clock), 1, user, at) }
      : {
          draft: {
            put: {
              statementId: id,
              organisationId,
              basedOn: 0,
              draftVersion: 0,
              document,
              updatedAt: at,
              updatedBy: user.id,
            },
          },
        }),
    claimYear: { organisationId, year: summary.year },
    audits: [
      auditEvent(now, user, id, 'statement.created', { year: summary.year, status }),
      ...(options.submit ? [auditEvent(now, user, id, 'statement.submitted', { revision: 1 })] : []),
    ],
    extra: options.idempotency ? [options.idempotency(201, result)] : [],
  });
  return result;
}

/** The document being edited: the pending draft, else the latest submitted revision's. */
export async function editableDocument(
  store: Store,
  header: StatementHeader,
): Promise<{ document: StoredDraft; draft: Draft | undefined }> {
  if (header.hasDraft) {
    const draft = await getDraft(store, header.id);
    if (draft) return { document: draft.document, draft };
  }
  const latest = header.revision > 0 ? await getRevision(store, header.id, header.revision) : undefined;
  if (!latest) throw notFound('The statement’s document');
  return { document: latest.document, draft: undefined };
}

/**
 * Saves answers as the pending draft (a first draft, or changes on top of a submitted
 * revision), or submits them as the next revision. The etag must still match (409 otherwise).
 */
async function saveOrSubmit(
  deps: SubmissionDeps,
  user: User,
  header: StatementHeader,
  organisation: Organisation,
  document: StoredDraft,
  options: {
    submit: boolean;
    expectedEtag: string;
    action?: AuditAction;
    idempotency?: IdempotencyItem | undefined;
    idempotencyStatus?: number;
  },
): Promise<StatementWriteResult> {
  if (options.submit) assertMayPublish(organisation);
  const now = deps.clock();
  const at = now.toISOString();
  const claimRelease = (year: number) =>
    year === header.year
      ? {}
      : {
          claimYear: { organisationId: header.organisationId, year },
          releaseYear: { organisationId: header.organisationId, year: header.year },
        };

  if (options.submit) {
    const submitted = validSubmission(document, deps.clock);
    const revision = header.revision + 1;
    const result: StatementWriteResult = {
      id: header.id,
      revision,
      status: 'submitted',
      etag: etagOf(revision, 0),
    };
    const summary = summaryOf(submitted, organisation);
    await write(deps.store, {
      header: {
        update: {
          ...header,
          ...summary,
          status: 'submitted',
          revision,
          submittedAt: at,
          updatedAt: at,
          etag: result.etag,
          draftVersion: 0,
          hasDraft: false,
          withdrawal: null,
        },
        expectedEtag: options.expectedEtag,
      },
      ...(header.hasDraft ? { draft: { remove: true } } : {}),
      revision: revisionOf(header, organisation, submitted, revision, user, at),
      ...claimRelease(summary.year),
      audits: [
        auditEvent(now, user, header.id, revision === 1 ? 'statement.submitted' : 'statement.revised', {
          revision,
        }),
      ],
      extra: options.idempotency ? [options.idempotency(options.idempotencyStatus ?? 200, result)] : [],
    });
    return result;
  }

  const draftDocument = validDraft(document, deps.clock);
  const draftVersion = header.draftVersion + 1;
  const result: StatementWriteResult = {
    id: header.id,
    revision: header.revision,
    status: header.status,
    etag: etagOf(header.revision, draftVersion),
  };
  const neverSubmitted = header.revision === 0;
  await write(deps.store, {
    header: {
      update: {
        ...header,
        // A first draft is the statement's only face; a draft on top of a revision stays private.
        ...(neverSubmitted ? summaryOf(draftDocument, organisation) : {}),
        updatedAt: at,
        etag: result.etag,
        draftVersion,
        hasDraft: true,
      },
      expectedEtag: options.expectedEtag,
    },
    draft: {
      put: {
        statementId: header.id,
        organisationId: header.organisationId,
        basedOn: header.revision,
        draftVersion,
        document: draftDocument,
        updatedAt: at,
        updatedBy: user.id,
      },
    },
    ...(neverSubmitted ? claimRelease(reportingYear(draftDocument.periodEnd)) : {}),
    audits: [auditEvent(now, user, header.id, options.action ?? 'statement.draft_saved', { draftVersion })],
    extra: options.idempotency ? [options.idempotency(options.idempotencyStatus ?? 200, result)] : [],
  });
  return result;
}

function assertFresh(header: StatementHeader, ifMatch: string | undefined): string {
  if (!etagMatches(header.etag, ifMatch)) {
    throw conflict(
      `The statement has changed since you read it (it is now at ${header.etag}, not ${ifMatch}).`,
    );
  }
  return header.etag;
}

/**
 * PUT /statements/{id}: replace the draft of a statement never submitted (or submit it with
 * `submit: true`); for a submitted (or withdrawn) statement, make the next revision, or keep the
 * changes as a draft with `submit: false`. The uploaded file, if any, is kept.
 */
export async function replaceStatement(
  deps: SubmissionDeps,
  user: User,
  id: string,
  ifMatch: string,
  input: StoredDraft,
  options: { submit: boolean | undefined },
): Promise<StatementWriteResult> {
  const { header, organisation } = await statementActedFor(deps.store, user, id);
  const expectedEtag = assertFresh(header, ifMatch);
  const { document: current } = await editableDocument(deps.store, header);
  const submit = options.submit ?? header.revision > 0;
  const { archivedFile: _ignored, ...answers } = input;
  const document: StoredDraft = {
    ...answers,
    ...(current.archivedFile ? { archivedFile: current.archivedFile } : {}),
  };
  return saveOrSubmit(deps, user, header, organisation, document, { submit, expectedEtag });
}

/** POST /statements/{id}/submit: submit the pending draft as the next revision. */
export async function submitStatement(
  deps: SubmissionDeps,
  user: User,
  id: string,
  ifMatch: string | undefined,
  idempotency?: IdempotencyItem,
): Promise<StatementWriteResult> {
  const { header, organisation } = await statementActedFor(deps.store, user, id);
  const expectedEtag = assertFresh(header, ifMatch);
  const draft = header.hasDraft ? await getDraft(deps.store, id) : undefined;
  if (!draft) throw conflict('There is no draft to submit: the statement is already submitted as it stands.');
  return saveOrSubmit(deps, user, header, organisation, draft.document, {
    submit: true,
    expectedEtag,
    idempotency,
  });
}

/** Saves answers from the web pages as the draft (merging is the page's business). */
export async function saveDraft(
  deps: SubmissionDeps,
  user: User,
  id: string,
  ifMatch: string,
  document: StoredDraft,
): Promise<StatementWriteResult> {
  const { header, organisation } = await statementActedFor(deps.store, user, id);
  const expectedEtag = assertFresh(header, ifMatch);
  return saveOrSubmit(deps, user, header, organisation, document, { submit: false, expectedEtag });
}

/** Attaches the archived file to the draft (making a draft from the latest revision if needed). */
export async function attachArchivedFile(
  deps: SubmissionDeps,
  user: User,
  id: string,
  ifMatch: string | undefined,
  file: ArchivedFile | undefined,
): Promise<StatementWriteResult> {
  const { header, organisation } = await statementActedFor(deps.store, user, id);
  const expectedEtag = assertFresh(header, ifMatch);
  const { document: current } = await editableDocument(deps.store, header);
  const { archivedFile: _previous, ...answers } = current;
  return saveOrSubmit(
    deps,
    user,
    header,
    organisation,
    { ...answers, ...(file ? { archivedFile: file } : {}) },
    {
      submit: false,
      expectedEtag,
      action: 'statement.document_archived',
    },
  );
}

/** POST /statements/{id}/withdraw: off the public register, kept in history, with the reason. */
export async function withdrawStatement(
  deps: SubmissionDeps,
  user: User,
  id: string,
  reason: string,
  ifMatch: string | undefined,
  idempotency?: IdempotencyItem,
): Promise<StatementWriteResult> {
  const { header } = await statementActedFor(deps.store, user, id);
  const expectedEtag = assertFresh(header, ifMatch);
  if (header.status === 'draft')
    throw conflict('A draft is not on the register; there is nothing to withdraw.');
  if (header.status === 'withdrawn') throw conflict('The statement is already withdrawn.');
  const now = deps.clock();
  const at = now.toISOString();
  const result: StatementWriteResult = {
    id,
    revision: header.revision,
    status: 'withdrawn',
    etag: header.etag,
  };
  await write(deps.store, {
    header: {
      update: { ...header, status: 'withdrawn', updatedAt: at, withdrawal: { reason, at, by: user.id } },
      expectedEtag,
    },
    audits: [auditEvent(now, user, id, 'statement.withdrawn', { reason, revision: header.revision })],
    extra: idempotency ? [idempotency(200, result)] : [],
  });
  return result;
}
