import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { idSchema, timestampSchema } from '../../../schemas/common.ts';
import { keys, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';
import type { TransactItem } from '../transact.ts';

/** An organisation a business added itself, waiting for verification: the officers' list. */
export const pendingOrganisationSchema = z.object({
  organisationId: idSchema,
  name: z.string(),
  companyNumber: z.string().nullable(),
  addedBy: z.string(),
  createdAt: timestampSchema,
});
export type PendingOrganisation = z.infer<typeof pendingOrganisationSchema>;

export function pendingOrganisationPut(store: Store, pending: PendingOrganisation): TransactItem {
  return {
    Put: {
      TableName: store.tableName,
      Item: {
        ...keys.pendingOrganisation(pending.createdAt, pending.organisationId),
        entity: 'pendingOrganisation',
        ...pending,
      },
    },
  };
}

/** Marks the organisation verified (only if it is still pending) and takes it off the list. */
export function verifyOrganisationItems(
  store: Store,
  organisation: { id: string; createdAt: string },
  at: string,
): TransactItem[] {
  return [
    {
      Update: {
        TableName: store.tableName,
        Key: keys.organisation(organisation.id),
        UpdateExpression: 'SET verification = :verified, verifiedAt = :at, updatedAt = :at',
        ConditionExpression: 'verification = :pending',
        ExpressionAttributeValues: { ':verified': 'verified', ':pending': 'pending', ':at': at },
      },
    },
    {
      Delete: {
        TableName: store.tableName,
        Key: keys.pendingOrganisation(organisation.createdAt, organisation.id),
      },
    },
  ];
}

/** Oldest first; one partition, small (organisations leave it when verified). */
export async function listPendingOrganisations(store: Store, limit = 100): Promise<PendingOrganisation[]> {
  const { Items = [] } = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.pendingOrganisations },
      Limit: limit,
    }),
  );
  return Items.map((item) => pendingOrganisationSchema.parse(withoutKeys(item)));
}
