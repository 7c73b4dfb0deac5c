import type { AuditEvent } from '../../../schemas/audit.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import type { TransactItem } from '../transact.ts';

/** The Put that records an audit event, to go in the same transaction as the change it records. */
export function auditPut(store: Store, event: AuditEvent): TransactItem {
  const { entity: subject, ...rest } = event;
  return {
    Put: {
      TableName: store.tableName,
      // `entity` is the item-type attribute (stripped on read); what the event is about goes in `subject`.
      Item: { ...keys.audit(subject, event.at, event.id), entity: 'audit', subject, ...rest },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
