import * as z from 'zod';
import { timestampSchema } from './common.ts';

/** What an audit event is about: "organisation/<id>" or "statement/<id>". */
export const auditEntitySchema = z
  .string()
  .regex(/^(organisation|statement)\/[0-9A-HJKMNP-TV-Z]{26}$/, 'must be organisation/<id> or statement/<id>');

export const auditActionSchema = z.enum([
  'organisation.created',
  'organisation.updated',
  'organisation.verified',
  'organisation.declared_out_of_scope',
  'organisation.out_of_scope_challenged',
  'organisation.out_of_scope_accepted',
  'enrolment_code.issued',
  'membership.created',
  'statement.created',
  'statement.draft_saved',
  'statement.submitted',
  'statement.revised',
  'statement.document_archived',
  'statement.withdrawn',
  'statement.finding_reviewed',
  'statement.review_requested',
  'statement.imported',
]);

/** Who did what, when: written in the same transaction as the change it records. */
export const auditEventSchema = z
  .object({
    id: z.string(),
    entity: auditEntitySchema,
    action: auditActionSchema,
    at: timestampSchema,
    actor: z.object({ id: z.string(), email: z.string() }),
    detail: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'AuditEvent' });

export const auditQuerySchema = z.object({
  entity: auditEntitySchema.optional(),
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export type AuditEvent = z.infer<typeof auditEventSchema>;
export type AuditAction = z.infer<typeof auditActionSchema>;
