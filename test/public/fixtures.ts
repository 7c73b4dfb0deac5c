import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { normaliseName } from '../../functions/domain/names.ts';
import { keys } from '../../functions/store/keys.ts';
import type { Store } from '../../functions/store/store.ts';
import type { CheckResult } from '../../schemas/check-result.ts';
import type { Organisation } from '../../schemas/organisation.ts';
import type { Revision, StatementHeader } from '../../schemas/statement.ts';
import type { CheckSummary } from '../../schemas/statement-summary.ts';
import type { StoredDocument } from '../../schemas/submission.ts';

/**
 * Writes statements the way the submission side does (header, revision, year claim, organisation)
 * and check results the way the check reactor does, straight through the store, so the public
 * register's tests do not depend on the submission routes.
 */

export function documentFor(overrides: Partial<StoredDocument> = {}): StoredDocument {
  return {
    jurisdiction: 'UK',
    isGroup: false,
    groupMembers: [],
    statementUrl: 'https://acme.example/modern-slavery-statement',
    contactEmail: null,
    homepageUrl: 'https://acme.example/',
    periodStart: '2024-04-01',
    periodEnd: '2025-03-31',
    approvedBy: 'board',
    approvalDate: '2025-07-15',
    signatory: { firstName: 'Ann', lastName: 'Smith', jobTitle: 'Director', role: 'director' },
    areas: {
      structure: { covered: true },
      policies: { covered: true },
      riskAssessment: { covered: true },
      dueDiligence: { covered: true },
      training: { covered: false, reason: 'Programme starts next year, "phase 2"' },
      kpis: { covered: true },
    },
    sectors: ['Food and beverages, agriculture and fishing'],
    turnover: 'Over £500 million',
    yearsProducing: '1 to 5 years',
    summary: { policies: ['Prohibits child labour'], training: [], progress: 'Line one,\nline "two"' },
    ...overrides,
  };
}

export async function putOrganisation(
  store: Store,
  fields: Partial<Organisation> & { name: string },
): Promise<Organisation> {
  const organisation: Organisation = {
    id: ulid(),
    entityType: 'company',
    financialYearEnd: '03-31',
    inScope: true,
    createdAt: '2020-01-01T00:00:00.000Z',
    updatedAt: '2020-01-01T00:00:00.000Z',
    ...fields,
  };
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: {
        ...keys.organisation(organisation.id),
        ...keys.organisationListing(organisation.id, normaliseName(organisation.name)),
        entity: 'organisation',
        ...organisation,
      },
    }),
  );
  return organisation;
}

export interface SeededStatement {
  header: StatementHeader;
  revisions: Revision[];
}

export interface StatementFixture {
  organisation: Organisation;
  id?: string;
  document?: Partial<StoredDocument>;
  status?: 'draft' | 'submitted' | 'withdrawn';
  submittedAt?: string;
  /** Earlier revisions' documents, before the latest. */
  earlier?: Partial<StoredDocument>[];
  check?: CheckSummary | null;
}

const at = (timestamp: string, minutes: number) =>
  new Date(Date.parse(timestamp) + minutes * 60_000).toISOString();

/** A statement with one or more submitted revisions (or a draft), written like the submission side does. */
export async function putStatement(store: Store, fixture: StatementFixture): Promise<SeededStatement> {
  const id = fixture.id ?? ulid();
  const documents = [...(fixture.earlier ?? []), fixture.document ?? {}].map((d) => documentFor(d));
  const submittedAt = fixture.submittedAt ?? '2025-07-20T09:30:00.000Z';
  const latest = documents.at(-1)!;
  const status = fixture.status ?? 'submitted';
  const revisions: Revision[] =
    status === 'draft'
      ? []
      : documents.map((document, index) => ({
          statementId: id,
          organisationId: fixture.organisation.id,
          revision: index + 1,
          status: 'submitted' as const,
          document,
          organisation: {
            name: fixture.organisation.name,
            entityType: fixture.organisation.entityType,
            companyNumber: fixture.organisation.companyNumber ?? null,
          },
          year: Number(document.periodEnd.slice(0, 4)),
          submittedAt: at(submittedAt, index - (documents.length - 1)),
          submittedBy: 'user-1',
        }));
  const header: StatementHeader = {
    id,
    organisationId: fixture.organisation.id,
    organisationName: fixture.organisation.name,
    companyNumber: fixture.organisation.companyNumber ?? null,
    isGroup: latest.isGroup,
    groupMembers: (latest.groupMembers ?? []).map((m) => ({
      name: m.name,
      companyNumber: m.companyNumber ?? null,
    })),
    year: Number(latest.periodEnd.slice(0, 4)),
    periodStart: latest.periodStart,
    periodEnd: latest.periodEnd,
    sectors: latest.sectors,
    turnover: latest.turnover,
    status,
    revision: revisions.length,
    submittedAt: status === 'draft' ? null : submittedAt,
    updatedAt: submittedAt,
    check: fixture.check ?? null,
    entityType: fixture.organisation.entityType,
    etag: String(revisions.length),
    draftVersion: 0,
    hasDraft: status === 'draft',
    createdAt: submittedAt,
    createdBy: 'user-1',
    withdrawal:
      status === 'withdrawn'
        ? { reason: 'Filed for the wrong company', at: submittedAt, by: 'user-1' }
        : null,
  };
  for (const revision of revisions) {
    await store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: { ...keys.revision(id, revision.revision), entity: 'revision', ...revision },
      }),
    );
  }
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: {
        ...keys.statementForYear(fixture.organisation.id, header.year),
        entity: 'statementForYear',
        statementId: id,
      },
    }),
  );
  await putHeader(store, header);
  return { header, revisions };
}

export async function putHeader(store: Store, header: StatementHeader): Promise<void> {
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: { ...keys.statement(header.id), entity: 'statement', ...header },
    }),
  );
}

export async function deleteHeader(store: Store, id: string): Promise<void> {
  await store.doc.send(new DeleteCommand({ TableName: store.tableName, Key: keys.statement(id) }));
}

/** A check result for a revision, as the check reactor stores it, and its summary on the header. */
export function checkResultFor(summary: CheckSummary, sentences: CheckResult['sentences'] = []): CheckResult {
  return {
    rulesVersion: '2025.1',
    summary,
    findings: [
      {
        rule: 'uk-approval',
        severity: 'legal',
        status: summary.meetsLegalMinimum === false ? 'fail' : 'pass',
        message:
          summary.meetsLegalMinimum === false
            ? 'The statement does not say the board approved it.'
            : 'Approved by the board of directors on 10 July 2025.',
        evidence: sentences.length > 0 ? [{ sentence: 0, text: sentences[0]!.text }] : [],
      },
      {
        rule: 'uk-area-training',
        severity: 'guidance',
        status: 'warn',
        message: 'Training is mentioned but not described.',
        evidence: sentences.length > 1 ? [{ sentence: 1, text: sentences[1]!.text }] : [],
      },
    ],
    sentences,
  };
}

export async function putCheckResult(
  store: Store,
  statement: SeededStatement,
  result: CheckResult,
): Promise<SeededStatement> {
  const revision = statement.header.revision;
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: { ...keys.checkResult(statement.header.id, revision), entity: 'checkResult', ...result },
    }),
  );
  const header = { ...statement.header, check: result.summary };
  await putHeader(store, header);
  return { ...statement, header };
}
