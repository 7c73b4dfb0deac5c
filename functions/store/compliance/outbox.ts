import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { OutboxMessage } from '../../../schemas/compliance.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import { isConditionFailure } from '../transaction-errors.ts';

/** Records what became of a pending notice; answers false when it was no longer pending. */
export async function settleNotice(
  store: Store,
  id: string,
  outcome: {
    status: Exclude<OutboxMessage['status'], 'pending'>;
    recipients: string[];
    sentAt: string | null;
  },
): Promise<boolean> {
  try {
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.outbox(id),
        UpdateExpression: 'SET #status = :status, recipients = :recipients, sentAt = :sentAt',
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': outcome.status,
          ':recipients': outcome.recipients,
          ':sentAt': outcome.sentAt,
          ':pending': 'pending',
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

const memberSchema = z.object({ email: z.string() });

/** The email addresses of the people enrolled for an organisation (its contacts). */
export async function contactsOfOrganisation(store: Store, organisationId: string): Promise<string[]> {
  const member = keys.membership('', organisationId);
  const emails = new Set<string>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
        ExpressionAttributeValues: { ':pk': member.gsi1pk, ':prefix': keys.membershipPrefix },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const parsed = memberSchema.safeParse(item);
      if (parsed.success) emails.add(parsed.data.email);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return [...emails].sort();
}
