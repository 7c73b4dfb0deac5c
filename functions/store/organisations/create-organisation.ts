import type { AuditEvent } from '../../../schemas/audit.ts';
import type { EnrolmentCodeRecord } from '../../../schemas/membership.ts';
import type { Organisation } from '../../../schemas/organisation.ts';
import { normaliseName } from '../../domain/names.ts';
import { auditPut } from '../audit/audit-item.ts';
import { enrolmentCodePut } from '../enrolment/enrolment-code-item.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import { ConditionsFailedError, type TransactItem, transactWrite } from '../transact.ts';
import { DuplicateCompanyNumberError } from './put-organisation.ts';

export interface NewOrganisationWrite {
  organisation: Organisation;
  enrolment: { codeHash: string; record: EnrolmentCodeRecord };
  audits: AuditEvent[];
  extra?: TransactItem[];
}

/**
 * A new organisation, its company-number claim, its first enrolment code (hash only) and the audit
 * events, in one transaction. `extra` carries e.g. the idempotency record.
 */
export async function createOrganisation(store: Store, input: NewOrganisationWrite): Promise<void> {
  const { items, companyIndex } = organisationCreationItems(store, input);
  try {
    await transactWrite(store, items);
  } catch (error) {
    if (
      error instanceof ConditionsFailedError &&
      companyIndex !== undefined &&
      error.failed.includes(companyIndex)
    ) {
      throw new DuplicateCompanyNumberError(input.organisation.companyNumber);
    }
    throw error;
  }
}

/**
 * The items createOrganisation writes, for callers that write several organisations in one
 * transaction (the officers' CSV import). `companyIndex` is the company-number claim's position.
 */
export function organisationCreationItems(
  store: Store,
  input: NewOrganisationWrite,
): { items: TransactItem[]; companyIndex: number | undefined } {
  const { organisation } = input;
  const items: TransactItem[] = [
    {
      Put: {
        TableName: store.tableName,
        Item: organisationItem(organisation),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    enrolmentCodePut(store, input.enrolment.codeHash, input.enrolment.record),
    ...input.audits.map((event) => auditPut(store, event)),
    ...(input.extra ?? []),
  ];
  const companyIndex = organisation.companyNumber ? items.length : undefined;
  if (organisation.companyNumber) {
    items.push({
      Put: {
        TableName: store.tableName,
        Item: companyNumberItem(organisation.companyNumber, organisation.id),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  }
  return { items, companyIndex };
}

/** The organisation item (with its listing keys). */
export function organisationItem(organisation: Organisation): Record<string, unknown> {
  return {
    ...keys.organisation(organisation.id),
    ...keys.organisationListing(organisation.id, normaliseName(organisation.name)),
    entity: 'organisation',
    ...organisation,
  };
}

/**
 * The claim that makes a company number unique. `importedAt` marks a claim the officers' import
 * made before writing its organisation (in a batch after the claims), so that another import
 * can tell an organisation being written from one an interrupted import left unwritten.
 */
export function companyNumberItem(
  companyNumber: string,
  organisationId: string,
  importedAt?: string,
): Record<string, unknown> & { pk: string; sk: string } {
  return {
    ...keys.companyNumber(companyNumber),
    entity: 'companyNumber',
    organisationId,
    ...(importedAt ? { claimedBy: 'import', claimedAt: importedAt } : {}),
  };
}
