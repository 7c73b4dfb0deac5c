import type { AuditEvent } from '../../../schemas/audit.ts';
import type { ImportedFrom } from '../../../schemas/gov-import.ts';
import type { Organisation } from '../../../schemas/organisation.ts';
import { type Revision, type StatementHeader, statementHeaderSchema } from '../../../schemas/statement.ts';
import { reportingYear } from '../../../schemas/submission.ts';
import { batchGetItems } from '../../store/batch-get-items.ts';
import {
  type NewImportedStatement,
  putImportedOrganisations,
  writeNewImportedStatements,
} from '../../store/gov-import/write-imported-batch.ts';
import { keyString } from '../../store/key-string.ts';
import { keys, withoutKeys } from '../../store/keys.ts';
import {
  type HeaderFields,
  StatementWriteConflict,
  writeStatement,
} from '../../store/statements/write-statement.ts';
import type { Store } from '../../store/store.ts';
import { newId, stableId } from '../ids.ts';
import { normaliseName } from '../names.ts';
import type { GovIssue, GovStatement } from './gov-statement.ts';

/** Who the register's audit trail says made an imported change. */
export const GOV_IMPORT_ACTOR = { id: 'import:uk-government', email: 'import@uk-government-registry' };

export interface GovImportResult {
  organisationsCreated: number;
  created: number;
  revised: number;
  unchanged: number;
  /** Statements written by this run (new or revised), with the revision written. */
  written: { id: string; revision: number }[];
  issues: GovIssue[];
}

export interface GovImportOptions {
  /** Transactions in flight at once (DynamoDB Local on two cores does best around 16). */
  parallel?: number;
}

/** The same statement of the registry always lands on the same register id. */
export const importedStatementId = (statement: GovStatement) =>
  stableId(
    `uk-government:statement:${statement.sourceId}`,
    new Date(`${statement.document.periodEnd}T00:00:00Z`),
  );

const importedOrganisationId = (organisation: GovStatement['organisation']) =>
  stableId(
    `uk-government:organisation:${organisation.companyNumber ?? normaliseName(organisation.name)}`,
    new Date(Date.UTC(2021, 2, 1)),
  );

async function inParallel<T>(items: T[], parallel: number, each: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await each(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, items.length)) }, worker));
}

/**
 * Brings the register in step with statements read from the government registry's files:
 * 1. the organisations they name (found by company number, else created with a stable id);
 * 2. each statement: created with its first revision, or — when its row changed since the last
 *    import — a new revision; a statement whose row is unchanged is left as it is, so a second run
 *    writes nothing. Each statement is one transaction (header, revision, year claim, audit).
 * The stream worker then indexes and checks them as it does any submission.
 */
export async function importGovStatements(
  store: Store,
  statements: GovStatement[],
  clock: () => Date,
  options: GovImportOptions = {},
): Promise<GovImportResult> {
  const parallel = options.parallel ?? 16;
  const result: GovImportResult = {
    organisationsCreated: 0,
    created: 0,
    revised: 0,
    unchanged: 0,
    written: [],
    issues: [],
  };
  const ids = statements.map(importedStatementId);
  const headerKeys = ids.map((id) => keys.statement(id));
  const companyNumbers = [
    ...new Set(
      statements.flatMap((s) => (s.organisation.companyNumber ? [s.organisation.companyNumber] : [])),
    ),
  ];
  const [headers, claims] = await Promise.all([
    batchGetItems(store, headerKeys, { parallel: 8 }),
    batchGetItems(
      store,
      companyNumbers.map((number) => keys.companyNumber(number)),
      { parallel: 8 },
    ),
  ]);

  // 1. Organisations: one per company number (or name), created once, before their statements.
  const organisationOf = new Map<string, string>();
  const toCreate = new Map<string, Organisation>();
  const now = clock().toISOString();
  for (const statement of statements) {
    const org = statement.organisation;
    const key = org.companyNumber ?? `name:${normaliseName(org.name)}`;
    if (organisationOf.has(key)) continue;
    const claimed = org.companyNumber
      ? claims.get(keyString(keys.companyNumber(org.companyNumber)))
      : undefined;
    if (claimed && typeof claimed.organisationId === 'string') {
      organisationOf.set(key, claimed.organisationId);
      continue;
    }
    const id = importedOrganisationId(org);
    organisationOf.set(key, id);
    toCreate.set(id, {
      id,
      name: org.name,
      ...(org.companyNumber ? { companyNumber: org.companyNumber } : {}),
      entityType: org.entityType,
      financialYearEnd: statement.document.periodEnd.slice(5),
      inScope: true,
      createdAt: now,
      updatedAt: now,
    });
  }
  const existingOrganisations = await batchGetItems(
    store,
    [...toCreate.keys()].map((id) => keys.organisation(id)),
    { parallel: 8 },
  );
  const organisations = new Map<string, Organisation>();
  for (const [id, organisation] of toCreate) {
    const stored = existingOrganisations.get(keyString(keys.organisation(id)));
    organisations.set(id, stored ? (withoutKeys(stored) as Organisation) : organisation);
  }
  const fresh = [...toCreate.values()].filter(
    (o) => !existingOrganisations.has(keyString(keys.organisation(o.id))),
  );
  const { created, lost } = await putImportedOrganisations(store, fresh, { parallel });
  result.organisationsCreated = created.length;
  if (lost.length > 0) {
    // Another organisation took the company number meanwhile: its statements go to that one.
    const claimedNow = await batchGetItems(
      store,
      lost.map((o) => keys.companyNumber(o.companyNumber!)),
    );
    for (const organisation of lost) {
      const claim = claimedNow.get(keyString(keys.companyNumber(organisation.companyNumber!)));
      if (typeof claim?.organisationId === 'string') {
        organisationOf.set(organisation.companyNumber!, claim.organisationId);
      }
    }
  }

  const yearTakenIssue = (statement: GovStatement): GovIssue => ({
    file: statement.file,
    line: statement.line,
    sourceId: statement.sourceId,
    message: `${statement.organisation.name} already has a statement for ${reportingYear(statement.document.periodEnd)} in the register; not imported`,
  });
  // 2. Statements: new ones in batches (their year claimed first), changed ones in a transaction each.
  const fresh2: { statement: GovStatement; write: NewImportedStatement }[] = [];
  const changed: { statement: GovStatement; write: NewImportedStatement; header: StatementHeader }[] = [];
  const yearsClaimed = new Set<string>();
  statements.forEach((statement, index) => {
    const id = ids[index]!;
    const org = statement.organisation;
    const organisationId = organisationOf.get(org.companyNumber ?? `name:${normaliseName(org.name)}`)!;
    const stored = headers.get(keyString(keys.statement(id)));
    const header = stored ? statementHeaderSchema.parse(withoutKeys(stored)) : undefined;
    if (header?.imported?.contentHash === statement.contentHash) {
      result.unchanged++;
      return;
    }
    const write = importedWrite(statement, id, organisationId, header, clock());
    // Two of the files' statements for one organisation and year: the first read keeps the year.
    const yearKey = `${organisationId}#${write.header.year}`;
    if (yearsClaimed.has(yearKey) && !header) {
      result.issues.push(yearTakenIssue(statement));
      return;
    }
    yearsClaimed.add(yearKey);
    if (header) changed.push({ statement, write, header });
    else fresh2.push({ statement, write });
  });
  const sourceOf = new Map(fresh2.map(({ statement, write }) => [write.header.id, statement]));
  const batch = await writeNewImportedStatements(
    store,
    fresh2.map(({ write }) => write),
    { parallel },
  );
  for (const write of batch.written) {
    result.created++;
    result.written.push({ id: write.header.id, revision: 1 });
  }
  for (const write of batch.yearTaken) result.issues.push(yearTakenIssue(sourceOf.get(write.header.id)!));

  await inParallel(changed, parallel, async ({ statement, write, header }) => {
    try {
      const yearMoved = header.year !== write.header.year;
      await writeStatement(store, {
        header: { update: write.header, expectedEtag: header.etag },
        revision: write.revision,
        claimYear: { organisationId: write.header.organisationId, year: write.header.year },
        ...(yearMoved ? { releaseYear: { organisationId: header.organisationId, year: header.year } } : {}),
        audits: [write.audit],
      });
    } catch (error) {
      if (!(error instanceof StatementWriteConflict)) throw error;
      result.issues.push(
        error.reason === 'year_taken'
          ? yearTakenIssue(statement)
          : {
              file: statement.file,
              line: statement.line,
              sourceId: statement.sourceId,
              message: 'the statement changed in the register while it was imported; run the import again',
            },
      );
      return;
    }
    result.revised++;
    result.written.push({ id: write.header.id, revision: write.revision.revision });
  });
  return result;
}

/** The header, revision and audit event of an imported statement's next revision. */
function importedWrite(
  statement: GovStatement,
  id: string,
  organisationId: string,
  header: StatementHeader | undefined,
  now: Date,
): NewImportedStatement {
  const at = now.toISOString();
  const year = reportingYear(statement.document.periodEnd);
  const revisionNumber = (header?.revision ?? 0) + 1;
  const importedFrom: ImportedFrom = {
    registry: 'uk-government',
    sourceId: statement.sourceId,
    importedAt: header?.imported?.importedAt ?? at,
    summaryUrl: statement.summaryUrl,
  };
  const summary = {
    organisationId,
    organisationName: statement.organisation.name,
    companyNumber: statement.organisation.companyNumber,
    entityType: statement.organisation.entityType,
    isGroup: statement.document.isGroup,
    groupMembers: (statement.document.groupMembers ?? []).map((m) => ({
      name: m.name,
      companyNumber: m.companyNumber ?? null,
    })),
    year,
    periodStart: statement.document.periodStart,
    periodEnd: statement.document.periodEnd,
    sectors: statement.document.sectors,
    turnover: statement.document.turnover,
  };
  const revision: Revision = {
    statementId: id,
    organisationId,
    revision: revisionNumber,
    status: 'submitted',
    document: statement.document,
    organisation: {
      name: statement.organisation.name,
      entityType: statement.organisation.entityType,
      companyNumber: statement.organisation.companyNumber,
    },
    year,
    submittedAt: at,
    submittedBy: GOV_IMPORT_ACTOR.id,
    imported: { ...importedFrom, importedAt: at },
  };
  const fields: HeaderFields = {
    id,
    ...summary,
    status: 'submitted',
    revision: revisionNumber,
    submittedAt: at,
    updatedAt: at,
    etag: String(revisionNumber),
    draftVersion: 0,
    hasDraft: false,
    createdAt: header?.createdAt ?? at,
    createdBy: header?.createdBy ?? GOV_IMPORT_ACTOR.id,
    withdrawal: null,
    imported: { ...importedFrom, contentHash: statement.contentHash },
    documentFetch: null,
  };
  const audit: AuditEvent = {
    id: newId(now),
    entity: `statement/${id}`,
    action: header ? 'statement.revised' : 'statement.imported',
    at,
    actor: GOV_IMPORT_ACTOR,
    detail: { registry: 'uk-government', sourceId: statement.sourceId, revision: revisionNumber },
  };
  return { header: fields, revision, audit };
}
