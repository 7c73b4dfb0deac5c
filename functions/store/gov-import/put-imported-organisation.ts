import type { Organisation } from '../../../schemas/organisation.ts';
import { normaliseName } from '../../domain/names.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import { ConditionsFailedError, transactWrite } from '../transact.ts';

/**
 * An organisation the government registry names, with its company-number claim, in one
 * transaction. Answers false when it (or another organisation with its company number) is
 * already there: the caller reads which.
 */
export async function putImportedOrganisation(store: Store, organisation: Organisation): Promise<boolean> {
  try {
    await transactWrite(store, [
      {
        Put: {
          TableName: store.tableName,
          Item: {
            ...keys.organisation(organisation.id),
            ...keys.organisationListing(organisation.id, normaliseName(organisation.name)),
            entity: 'organisation',
            ...organisation,
            importedFrom: 'uk-government',
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...(organisation.companyNumber
        ? [
            {
              Put: {
                TableName: store.tableName,
                Item: {
                  ...keys.companyNumber(organisation.companyNumber),
                  entity: 'companyNumber',
                  organisationId: organisation.id,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ]
        : []),
    ]);
    return true;
  } catch (error) {
    if (error instanceof ConditionsFailedError) return false;
    throw error;
  }
}
