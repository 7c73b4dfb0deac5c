import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Organisation } from '../../../schemas/organisation.ts';
import { normaliseName } from '../../domain/names.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import { isConditionFailure } from '../transaction-errors.ts';

export class DuplicateCompanyNumberError extends Error {}

/**
 * Writes a new organisation and claims its company number in one transaction, so two
 * organisations can never share a company number.
 */
export async function putNewOrganisation(store: Store, organisation: Organisation): Promise<void> {
  const item = {
    ...keys.organisation(organisation.id),
    ...keys.organisationListing(organisation.id, normaliseName(organisation.name)),
    entity: 'organisation',
    ...organisation,
  };
  try {
    await store.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: { TableName: store.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
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
        ],
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new DuplicateCompanyNumberError(organisation.companyNumber);
    throw error;
  }
}
