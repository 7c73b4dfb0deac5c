import * as z from 'zod';
import { checkResultSchema } from './check-result.ts';
import { timestampSchema } from './common.ts';
import { documentFetchSchema, importedFromSchema } from './gov-import.ts';
import { organisationSchema } from './organisation.ts';
import { revisionListItemSchema } from './statement.ts';
import { statementSummarySchema } from './statement-summary.ts';
import { archivedFileSchema, storedDocumentSchema } from './submission.ts';

/**
 * The answers of a submitted revision as the public sees them: the whole submission document
 * (api.md's field names, with any pasted `statementText`), so that what GET answers is what PUT
 * needs; only the archive's internal key is left out (see `archivedCopy`; PUT keeps the file).
 */
export const publicDocumentSchema = storedDocumentSchema.omit({ archivedFile: true });

/** The register's own copy of the statement's file, kept when the company's page goes. */
export const archivedCopySchema = z.object({
  href: z.string().meta({ example: '/statements/01JDQ8Z4V6W4Y0B3C9E7K2M5N8/revisions/1/document' }),
  contentType: archivedFileSchema.shape.contentType,
  bytes: z.number().int().min(1),
  sha256: z.string(),
});

/**
 * One statement as the public API, the statement page and the JSON-lines download show it: the
 * summary fields (statementSummarySchema) of the revision shown, and its answers.
 */
export const publicStatementSchema = statementSummarySchema
  .extend({
    document: publicDocumentSchema,
    archivedCopy: archivedCopySchema.nullable(),
    withdrawal: z.object({ reason: z.string(), at: timestampSchema }).nullable(),
    /** Present when this revision was imported from the government registry (register import-gov). */
    imported: importedFromSchema.optional(),
    /** Present when the revision's document could not be fetched, so it is not checked. */
    documentFetch: documentFetchSchema.omit({ revision: true }).optional(),
  })
  .meta({ id: 'PublicStatement' });

export const statementViewSchema = z
  .object({
    statement: publicStatementSchema,
    checkResult: checkResultSchema.nullable(),
    /** Every submitted revision, oldest first. */
    revisions: z.array(revisionListItemSchema),
  })
  .meta({ id: 'StatementView' });

export const organisationStatementSchema = statementSummarySchema
  .pick({
    id: true,
    year: true,
    periodStart: true,
    periodEnd: true,
    status: true,
    revision: true,
    submittedAt: true,
    check: true,
    isGroup: true,
  })
  .extend({
    deadline: z.string(),
    /** Submitted after the deadline (six months after the period end). */
    late: z.boolean(),
  });

export const organisationYearSchema = z.object({
  year: z.number().int(),
  /** When the statement for the year was due, when the organisation's year end is known. */
  deadline: z.string().nullable(),
  status: z.enum(['submitted', 'withdrawn', 'missing', 'not_yet_due']),
  statement: organisationStatementSchema.nullable(),
});

export const organisationViewSchema = z
  .object({
    organisation: organisationSchema.pick({
      id: true,
      name: true,
      companyNumber: true,
      entityType: true,
      financialYearEnd: true,
      turnover: true,
    }),
    years: z.array(organisationYearSchema),
  })
  .meta({ id: 'OrganisationView' });

export type PublicDocument = z.infer<typeof publicDocumentSchema>;
export type PublicStatement = z.infer<typeof publicStatementSchema>;
export type StatementView = z.infer<typeof statementViewSchema>;
export type OrganisationView = z.infer<typeof organisationViewSchema>;
export type OrganisationYear = z.infer<typeof organisationYearSchema>;
export type OrganisationStatement = z.infer<typeof organisationStatementSchema>;
