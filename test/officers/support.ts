import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { createStreamPoller } from '../../functions/local/stream-poller.ts';
import { createMemoryMailer } from '../../functions/mail/mailer.ts';
import { keys } from '../../functions/store/keys.ts';
import { putNewOrganisation } from '../../functions/store/organisations/put-organisation.ts';
import type { Store } from '../../functions/store/store.ts';
import { createComplianceReactors } from '../../functions/worker/compliance-reactors.ts';
import { processChanges } from '../../functions/worker/process-changes.ts';
import type { CheckSummary } from '../../schemas/statement-summary.ts';
import { testRegion } from '../support/table.ts';

/** The compliance reactors on a test table's stream, drained by hand; notices go to a memory mailer. */
export function complianceWorker(table: { store: Store; endpoint: string }, clock: () => Date) {
  const mailer = createMemoryMailer();
  const failures: unknown[] = [];
  const reactors = createComplianceReactors({ store: table.store, clock, log: () => {}, mailer });
  const poller = createStreamPoller({
    client: table.store.client,
    endpoint: table.endpoint,
    region: testRegion,
    tableName: table.store.tableName,
    handle: async (changes) =>
      (await processChanges(changes, reactors, (_change, error) => failures.push(error))).firstFailure,
    onError: (error) => failures.push(error),
  });
  return { poller, mailer, failures };
}

export interface SeededOrganisation {
  id: string;
  name: string;
}

export async function seedOrganisation(
  store: Store,
  input: {
    name: string;
    financialYearEnd: string;
    createdAt: string;
    inScope?: boolean;
    companyNumber?: string;
  },
): Promise<SeededOrganisation> {
  const id = ulid(Date.parse(input.createdAt));
  await putNewOrganisation(store, {
    id,
    name: input.name,
    entityType: 'company',
    financialYearEnd: input.financialYearEnd,
    inScope: input.inScope ?? true,
    ...(input.companyNumber ? { companyNumber: input.companyNumber } : {}),
    createdAt: input.createdAt,
    updatedAt: input.createdAt,
  });
  return { id, name: input.name };
}

/**
 * A statement header and its year claim, written as the submission side writes them (the
 * header carries the public summary fields the reactors read).
 */
export async function seedStatement(
  store: Store,
  input: {
    organisation: SeededOrganisation;
    periodStart: string;
    periodEnd: string;
    submittedAt: string | null;
    status?: 'draft' | 'submitted' | 'withdrawn';
    sectors?: string[];
    check?: CheckSummary | null;
    groupMembers?: { name: string; companyNumber: string | null }[];
  },
): Promise<string> {
  const id = ulid();
  const year = Number(input.periodEnd.slice(0, 4));
  const status = input.status ?? 'submitted';
  const at = input.submittedAt ?? '2026-01-01T00:00:00.000Z';
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: {
        ...keys.statement(id),
        entity: 'statement',
        id,
        organisationId: input.organisation.id,
        organisationName: input.organisation.name,
        companyNumber: null,
        isGroup: (input.groupMembers ?? []).length > 0,
        groupMembers: input.groupMembers ?? [],
        year,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        sectors: input.sectors ?? ['Other'],
        turnover: null,
        status,
        revision: status === 'draft' ? 0 : 1,
        submittedAt: input.submittedAt,
        updatedAt: at,
        check: input.check ?? null,
        entityType: 'company',
        etag: '1',
        draftVersion: 0,
        hasDraft: false,
        createdAt: at,
        createdBy: 'test',
      },
    }),
  );
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: {
        ...keys.statementForYear(input.organisation.id, year),
        entity: 'statementYear',
        organisationId: input.organisation.id,
        year,
        statementId: id,
      },
    }),
  );
  return id;
}

/** Changes a statement header as the submission side or the checker would. */
export async function updateStatement(
  store: Store,
  id: string,
  fields: Record<string, unknown>,
): Promise<void> {
  const entries = Object.entries(fields);
  await store.doc.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: keys.statement(id),
      UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#f${i}`, name])),
      ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], i) => [`:v${i}`, value])),
    }),
  );
}
