import type { AuditEvent } from '../../../schemas/audit.ts';
import type { Organisation } from '../../../schemas/organisation.ts';
import type { Revision } from '../../../schemas/statement.ts';
import { normaliseName } from '../../domain/names.ts';
import { auditPut } from '../audit/audit-item.ts';
import { keys } from '../keys.ts';
import { batchWriteItems, type WriteRequest } from '../search/batch-write-items.ts';
import type { HeaderFields } from '../statements/write-statement.ts';
import type { Store } from '../store.ts';
import { ConditionsFailedError, TransactionConflictError, transactWrite } from '../transact.ts';

async function inParallel<T>(items: T[], parallel: number, each: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await each(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, items.length)) }, worker));
}

type Claim = { item: Record<string, unknown> & { pk: string; sk: string }; owner: string; ownerName: string };

/**
 * Conditional puts of items that must stay unique (a company number, an organisation's year),
 * 100 to a transaction, `parallel` transactions at once: the condition lets the same owner claim
 * again (a re-run) and refuses anyone else. A transaction refused because some claims are taken
 * is sent again without them. Answers which claims were taken by someone else.
 */
async function claimAll(store: Store, claims: Claim[], parallel: number): Promise<Set<Claim>> {
  const taken = new Set<Claim>();
  const chunks: Claim[][] = [];
  for (let i = 0; i < claims.length; i += 100) chunks.push(claims.slice(i, i + 100));
  await inParallel(chunks, parallel, async (chunk) => {
    let pending = chunk;
    for (let attempt = 0; pending.length > 0; attempt++) {
      try {
        await transactWrite(
          store,
          pending.map((claim) => ({
            Put: {
              TableName: store.tableName,
              Item: claim.item,
              ConditionExpression: `attribute_not_exists(pk) OR #owner = :owner`,
              ExpressionAttributeNames: { '#owner': claim.ownerName },
              ExpressionAttributeValues: { ':owner': claim.owner },
            },
          })),
        );
        return;
      } catch (error) {
        if (error instanceof ConditionsFailedError) {
          const failed = new Set(error.failed);
          for (const index of failed) taken.add(pending[index]!);
          pending = pending.filter((_claim, index) => !failed.has(index));
        } else if (error instanceof TransactionConflictError && attempt < 10) {
          await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
        } else throw error;
      }
    }
  });
  return taken;
}

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
  const taken = await claimAll(store, claims, options.parallel);
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
 * submission's transaction makes (a hundred claims to a transaction); header, first revision and audit event (new items under the
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
  const taken = new Set([...(await claimAll(store, claims, options.parallel))].map((claim) => claim.owner));
  const written = statements.filter(({ header }) => !taken.has(header.id));
  const yearTaken = statements.filter(({ header }) => taken.has(header.id));
  const requests: WriteRequest[] = written.flatMap(({ header, revision, audit }) => [
    { PutRequest: { Item: { ...keys.statement(header.id), entity: 'statement', ...header, check: null } } },
    {
      PutRequest: {
        Item: { ...keys.revision(header.id, revision.revision), entity: 'revision', ...revision },
      },
    },
    { PutRequest: { Item: auditPut(store, audit).Put!.Item! } },
  ]);
  await batchWriteItems(store, requests, { parallel: options.parallel });
  return { written, yearTaken };
}
