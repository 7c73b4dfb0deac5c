import type { AuditEvent } from '../../../schemas/audit.ts';
import type { EnrolmentCodeRecord } from '../../../schemas/membership.ts';
import { auditPut } from '../audit/audit-item.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import { type TransactItem, transactWrite } from '../transact.ts';
import { enrolmentCodePut } from './enrolment-code-item.ts';

/** A further code for an existing organisation (each code lets one person enrol), with its audit event. */
export async function issueEnrolmentCode(
  store: Store,
  input: { codeHash: string; record: EnrolmentCodeRecord; audit: AuditEvent; extra?: TransactItem[] },
): Promise<void> {
  await transactWrite(store, [
    {
      ConditionCheck: {
        TableName: store.tableName,
        Key: keys.organisation(input.record.organisationId),
        ConditionExpression: 'attribute_exists(pk)',
      },
    },
    enrolmentCodePut(store, input.codeHash, input.record),
    auditPut(store, input.audit),
    ...(input.extra ?? []),
  ]);
}
