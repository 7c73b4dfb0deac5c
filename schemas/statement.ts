import * as z from 'zod';
import { idSchema, isoDateSchema, timestampSchema } from './common.ts';
import { freeText } from './free-text.ts';
import { documentFetchSchema, importedFromSchema } from './gov-import.ts';
import { entityTypeSchema } from './organisation.ts';
import { statementStatusSchema, statementSummarySchema } from './statement-summary.ts';
import {
  storedDocumentSchema,
  storedDraftSchema,
  type submissionDocumentSchema,
  submissionDraftFieldsSchema,
  type submissionFieldsSchema,
} from './submission.ts';

/** Who filed it, as the checker needs it beside the document. */
export const revisionOrganisationSchema = z.object({
  name: z.string(),
  entityType: entityTypeSchema,
  companyNumber: z.string().nullable(),
});

export const withdrawalSchema = z.object({
  reason: z.string(),
  at: timestampSchema,
  by: z.string(),
});

/**
 * The statement's header item (keys.statement): the public summary (statementSummarySchema, the
 * contract the search index and the checker rely on) plus what the submission side keeps.
 */
export const statementHeaderSchema = statementSummarySchema.extend({
  entityType: entityTypeSchema,
  /** The If-Match token: "<revision>" or "<revision>.<draft version>" while a draft is pending. */
  etag: z.string(),
  /** Version of the pending draft (0 when none). */
  draftVersion: z.number().int().min(0),
  /** Whether a draft (keys.statementDraft) is pending. */
  hasDraft: z.boolean(),
  createdAt: timestampSchema,
  createdBy: z.string(),
  withdrawal: withdrawalSchema.nullable().optional(),
  /** Imported from the government registry (register import-gov), with its source reference. */
  imported: importedFromSchema.extend({ contentHash: z.string() }).optional(),
  /** The latest revision's document could not be fetched for checking (imported statements). */
  documentFetch: documentFetchSchema.nullable().optional(),
});

/** One submitted revision (keys.revision): what the checker reads and the public sees. */
export const revisionSchema = z.object({
  statementId: idSchema,
  organisationId: idSchema,
  revision: z.number().int().min(1),
  status: z.literal('submitted'),
  document: storedDocumentSchema,
  organisation: revisionOrganisationSchema,
  year: z.number().int(),
  submittedAt: timestampSchema,
  submittedBy: z.string(),
  /** Set on revisions imported from the government registry. */
  imported: importedFromSchema.optional(),
});

/** The pending draft (keys.statementDraft); never at a REV# key. */
export const draftSchema = z.object({
  statementId: idSchema,
  organisationId: idSchema,
  /** The submitted revision the draft starts from (0 for a first draft). */
  basedOn: z.number().int().min(0),
  draftVersion: z.number().int().min(0),
  document: storedDraftSchema,
  updatedAt: timestampSchema,
  updatedBy: z.string(),
});

/** The revision list entry for a statement's history. */
export const revisionListItemSchema = z.object({
  revision: z.number().int().min(1),
  submittedAt: timestampSchema,
  periodStart: isoDateSchema,
  periodEnd: isoDateSchema,
});

/** POST /api/v1/organisations/{orgId}/statements: the document, drafted or submitted at once. */
export const createStatementBodySchema = submissionDraftFieldsSchema
  .extend({ submit: z.boolean().optional() })
  .meta({
    id: 'CreateStatement',
    description:
      'A submission document (see SubmissionDocument). Without "submit": true it is saved as a draft, ' +
      'and only the period is required; with it, every required answer must be given.',
  });

/** PUT /api/v1/statements/{id}: replace the draft, or (for a submitted statement) make a new revision. */
export const replaceStatementBodySchema = createStatementBodySchema.meta({
  id: 'ReplaceStatement',
  description:
    'The whole document. For a statement never submitted it replaces the draft (submit it at once with ' +
    '"submit": true). For a submitted statement it makes the next revision, unless "submit": false, which ' +
    'keeps the changes as a draft.',
});

export const withdrawBodySchema = z
  .object({ reason: freeText().trim().min(1, 'Give a reason for withdrawing the statement').max(500) })
  .meta({ id: 'Withdrawal' });

export const statementWriteResultSchema = z
  .object({
    id: idSchema,
    revision: z.number().int().min(0),
    status: statementStatusSchema,
    etag: z.string(),
  })
  .meta({ id: 'StatementWriteResult' });

/** GET /api/v1/statements/{id}/draft: what an enrolled user edits. */
export const draftViewSchema = z
  .object({
    id: idSchema,
    organisationId: idSchema,
    status: statementStatusSchema,
    revision: z.number().int().min(0),
    etag: z.string(),
    document: storedDraftSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: 'StatementDraft' });

export type StatementStatus = z.infer<typeof statementStatusSchema>;
export type StatementHeader = z.infer<typeof statementHeaderSchema>;
export type Revision = z.infer<typeof revisionSchema>;
export type Draft = z.infer<typeof draftSchema>;
export type RevisionListItem = z.infer<typeof revisionListItemSchema>;
export type RevisionOrganisation = z.infer<typeof revisionOrganisationSchema>;
export type CreateStatementBody = z.infer<typeof createStatementBodySchema>;

export type { submissionDocumentSchema, submissionFieldsSchema };
