import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../../../schemas/audit.ts';
import {
  type EnrolmentCodeRecord,
  enrolmentCodeRecordSchema,
  type Membership,
} from '../../../schemas/membership.ts';
import { auditPut } from '../audit/audit-item.ts';
import { keys, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';
import { ConditionsFailedError, type TransactItem, transactWrite } from '../transact.ts';

export async function getEnrolmentCode(
  store: Store,
  codeHash: string,
): Promise<EnrolmentCodeRecord | undefined> {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.enrolmentCode(codeHash), ConsistentRead: true }),
  );
  return Item ? enrolmentCodeRecordSchema.parse(withoutKeys(Item)) : undefined;
}

export class CodeNotRedeemableError extends Error {}

/**
 * Uses the code (once: it is marked used under a condition) and makes the membership, with its
 * audit event, in one transaction. Two people racing for one code: one wins, the other gets
 * CodeNotRedeemableError.
 */
export async function redeemEnrolmentCode(
  store: Store,
  input: { codeHash: string; membership: Membership; audit: AuditEvent; extra?: TransactItem[] },
): Promise<void> {
  const { membership } = input;
  try {
    await transactWrite(store, [
      {
        Update: {
          TableName: store.tableName,
          Key: keys.enrolmentCode(input.codeHash),
          UpdateExpression: 'SET usedAt = :now, usedBy = :user',
          ConditionExpression:
            'attribute_exists(pk) AND attribute_not_exists(usedAt) AND codeExpiresAt > :now AND organisationId = :org',
          ExpressionAttributeValues: {
            ':now': membership.createdAt,
            ':user': membership.userId,
            ':org': membership.organisationId,
          },
        },
      },
      {
        Put: {
          TableName: store.tableName,
          Item: {
            ...keys.membership(membership.userId, membership.organisationId),
            entity: 'membership',
            ...membership,
          },
        },
      },
      auditPut(store, input.audit),
      ...(input.extra ?? []),
    ]);
  } catch (error) {
    if (error instanceof ConditionsFailedError && error.failed.includes(0))
      throw new CodeNotRedeemableError();
    throw error;
  }
}
