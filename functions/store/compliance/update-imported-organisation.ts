import type { AuditEvent } from '../../../schemas/audit.ts';
import type { Organisation } from '../../../schemas/organisation.ts';
import { normaliseName } from '../../domain/names.ts';
import { auditPut } from '../audit/audit-item.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import { ConditionsFailedError, type TransactItem, transactWrite } from '../transact.ts';

export class OrganisationChangedError extends Error {}

/**
 * An import row matched an organisation by company number: its registry answers (name, entity
 * type, year end, turnover) are replaced, it is in scope again, and the change is audited, in one
 * transaction made only if nobody changed the organisation since it was read.
 */
export async function updateImportedOrganisation(
  store: Store,
  before: Organisation,
  after: Organisation,
  audit: AuditEvent,
): Promise<void> {
  try {
    await transactWrite(store, importedOrganisationUpdateItems(store, before, after, audit));
  } catch (error) {
    if (error instanceof ConditionsFailedError) throw new OrganisationChangedError(after.id);
    throw error;
  }
}

/** The two items of updateImportedOrganisation, for writing several updates in one transaction. */
export function importedOrganisationUpdateItems(
  store: Store,
  before: Organisation,
  after: Organisation,
  audit: AuditEvent,
): TransactItem[] {
  const listing = keys.organisationListing(after.id, normaliseName(after.name));
  return [
    {
      Update: {
        TableName: store.tableName,
        Key: keys.organisation(after.id),
        UpdateExpression:
          'SET #name = :name, entityType = :entityType, financialYearEnd = :fye, inScope = :inScope, ' +
          'updatedAt = :updatedAt, gsi1sk = :listing' +
          (after.turnover ? ', turnover = :turnover' : '') +
          (after.contactName ? ', contactName = :contactName' : '') +
          (after.contactEmail ? ', contactEmail = :contactEmail' : '') +
          (after.registeredAddress ? ', registeredAddress = :address' : ''),
        ConditionExpression: 'attribute_exists(pk) AND updatedAt = :before',
        ExpressionAttributeNames: { '#name': 'name' },
        ExpressionAttributeValues: {
          ':name': after.name,
          ':entityType': after.entityType,
          ':fye': after.financialYearEnd,
          ':inScope': after.inScope,
          ':updatedAt': after.updatedAt,
          ':listing': listing.gsi1sk,
          ':before': before.updatedAt,
          ...(after.turnover ? { ':turnover': after.turnover } : {}),
          ...(after.contactName ? { ':contactName': after.contactName } : {}),
          ...(after.contactEmail ? { ':contactEmail': after.contactEmail } : {}),
          ...(after.registeredAddress ? { ':address': after.registeredAddress } : {}),
        },
      },
    },
    auditPut(store, audit),
  ];
}
