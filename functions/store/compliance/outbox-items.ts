import { type OutboxMessage, outboxMessageSchema } from '../../../schemas/compliance.ts';
import { keys, withoutKeys } from '../keys.ts';

export function outboxItem(message: OutboxMessage): Record<string, unknown> {
  return {
    ...keys.outbox(message.id),
    ...keys.outboxListing(message.createdAt, message.id),
    entity: 'outbox',
    ...message,
  };
}

export function outboxFromItem(item: Record<string, unknown>): OutboxMessage {
  return outboxMessageSchema.parse(withoutKeys(item));
}
