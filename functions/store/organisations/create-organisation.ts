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
        Item: {
          ...keys.organisation(organisation.id),
          ...keys.organisationListing(organisation.id, normaliseName(organisation.name)),
          entity: 'organisation',
          ...organisation,
        },
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
        Item: {
          ...keys.companyNumber(organisation.companyNumber),
          entity: 'companyNumber',
          organisationId: organisation.id,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  }
  return { items, companyIndex };
}
