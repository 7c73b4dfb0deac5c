import type { EnrolmentCodeRecord } from '../../../schemas/membership.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import type { TransactItem } from '../transact.ts';

/**
 * The Put that stores an enrolment code's hash (never the code) for an organisation; it goes in
 * the transaction that creates the organisation (or issues a new code). TTL removes it a while
 * after it expires.
 */
export function enrolmentCodePut(store: Store, codeHash: string, record: EnrolmentCodeRecord): TransactItem {
  return {
    Put: {
      TableName: store.tableName,
      Item: enrolmentCodeItem(codeHash, record),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** The item itself (the officers' import writes it in a batch: 100 random bits do not collide). */
export function enrolmentCodeItem(codeHash: string, record: EnrolmentCodeRecord): Record<string, unknown> {
  return {
    ...keys.enrolmentCode(codeHash),
    entity: 'enrolmentCode',
    ...record,
    expiresAt: Math.floor(Date.parse(record.codeExpiresAt) / 1000) + 30 * 86_400,
  };
}
