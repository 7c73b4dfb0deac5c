import type { AuditEvent } from '../../../schemas/audit.ts';
import type { Organisation } from '../../../schemas/organisation.ts';
import type { Revision } from '../../../schemas/statement.ts';
import { normaliseName } from '../../domain/names.ts';
import { auditPut } from '../audit/audit-item.ts';
import { type Claim, claimAll } from '../claim-unique.ts';
import { keys } from '../keys.ts';
import { batchWriteItems, type WriteRequest } from '../search/batch-write-items.ts';
import { revisionPagePut } from '../statements/statement-page.ts';
import type { HeaderFields } from '../statements/write-statement.ts';
import type { Store } from '../store.ts';

/**
 * New organisations of an import, without a transaction each: what must stay unique (the
 * company number) is claimed first with conditional puts (a hundred to a transaction); the organisation items, which nobody
 * else writes (their ids are the import's own), then go in batches. Answers the ids of
 * organisations whose company number another organisation claimed first.
 */
export async function putImportedOrganisations(
  store: Store,
  organisations: Organisation[],
  options: { parallel: number },
): Promise<{ created: Organisation[]; lost: Organisation[] }> {
  const claims: Claim[] = organisations.flatMap((organisation) =>
    organisation.companyNumber
      ? [
          {
            item: {
              ...keys.companyNumber(organisation.companyNumber),
              entity: 'companyNumber',
              organisationId: organisation.id,
            },
            owner: organisation.id,
            ownerName: 'organisationId',
          },
        ]
      : [],
  );
  const taken = await claimAll(store, claims, { parallel: options.parallel });
  const lostIds = new Set([...taken].map((claim) => claim.owner));
  const created = organisations.filter((o) => !lostIds.has(o.id));
  const lost = organisations.filter((o) => lostIds.has(o.id));
  await batchWriteItems(
    store,
    created.map((organisation) => ({
      PutRequest: {
        Item: {
          ...keys.organisation(organisation.id),
          ...keys.organisationListing(organisation.id, normaliseName(organisation.name)),
          entity: 'organisation',
          ...organisation,
          importedFrom: 'uk-government',
        },
      },
    })),
    { parallel: options.parallel },
  );
  return { created, lost };
}

export interface NewImportedStatement {
  header: HeaderFields;
  revision: Revision;
  audit: AuditEvent;
}

/**
 * New imported statements, without a transaction each. The one rule another writer could break
 * — one statement per organisation per year — is claimed first, with the same conditional put a
 * submission's transaction makes (a hundred claims to a transaction); header, first revision, its page item and audit event (new items under the
 * import's own ids) then go in batches. A header is never written without its year claim; a
 * claim left without its header (an interrupted run) is the same statement's, taken up again
 * by the next run. Answers the ids whose year another statement holds.
 */
export async function writeNewImportedStatements(
  store: Store,
  statements: NewImportedStatement[],
  options: { parallel: number },
): Promise<{ written: NewImportedStatement[]; yearTaken: NewImportedStatement[] }> {
  const claims = statements.map(({ header }) => ({
    item: {
      ...keys.statementForYear(header.organisationId, header.year),
      entity: 'statementYear',
      organisationId: header.organisationId,
      year: header.year,
      statementId: header.id,
    },
    owner: header.id,
    ownerName: 'statementId',
  }));
  const taken = new Set(
    [...(await claimAll(store, claims, { parallel: options.parallel }))].map((claim) => claim.owner),
  );
  const written = statements.filter(({ header }) => !taken.has(header.id));
  const yearTaken = statements.filter(({ header }) => taken.has(header.id));
  const requests: WriteRequest[] = written.flatMap(({ header, revision, audit }) => [
    { PutRequest: { Item: { ...keys.statement(header.id), entity: 'statement', ...header, check: null } } },
    {
      PutRequest: {
        Item: { ...keys.revision(header.id, revision.revision), entity: 'revision', ...revision },
      },
    },
    // The statement page's own item, as a submission writes it: the page reads it, not the text.
    { PutRequest: { Item: revisionPagePut(store, revision, []).Put!.Item! } },
    { PutRequest: { Item: auditPut(store, audit).Put!.Item! } },
  ]);
  await batchWriteItems(store, requests, { parallel: options.parallel });
  return { written, yearTaken };
}
