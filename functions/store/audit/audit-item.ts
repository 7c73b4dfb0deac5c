import type { AuditEvent } from '../../../schemas/audit.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import type { TransactItem } from '../transact.ts';

/** The Put that records an audit event, to go in the same transaction as the change it records. */
export function auditPut(store: Store, event: AuditEvent): TransactItem {
  return {
    Put: {
      TableName: store.tableName,
      Item: auditItem(event),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** The audit item itself, for batch writes of new events under fresh ids. */
export function auditItem(event: AuditEvent): Record<string, unknown> {
  const { entity: subject, ...rest } = event;
  // `entity` is the item-type attribute (stripped on read); what the event is about goes in `subject`.
  return { ...keys.audit(subject, event.at, event.id), entity: 'audit', subject, ...rest };
}
