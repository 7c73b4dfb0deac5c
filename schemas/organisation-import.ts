import * as z from 'zod';
import { companyNumberSchema, idSchema } from './common.ts';
import {
  contactEmailSchema,
  contactNameSchema,
  entityTypeSchema,
  financialYearEndSchema,
  registeredAddressSchema,
  turnoverSchema,
} from './organisation.ts';

/** The CSV header POST /api/v1/organisations/import expects (api.md), in this order. */
export const IMPORT_COLUMNS = [
  'name',
  'companyNumber',
  'entityType',
  'financialYearEnd',
  'turnover',
] as const;

/**
 * Columns a file may add (api.md's header stays valid without them): who to write to, and the
 * registered address (line 1, town and postcode needed once any address column has a value).
 */
export const OPTIONAL_IMPORT_COLUMNS = [
  'contactName',
  'contactEmail',
  'addressLine1',
  'addressLine2',
  'town',
  'postcode',
] as const;

/** Every column of the template, in order. */
export const TEMPLATE_COLUMNS = [...IMPORT_COLUMNS, ...OPTIONAL_IMPORT_COLUMNS] as const;
export type ImportColumn = (typeof TEMPLATE_COLUMNS)[number];

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** One CSV line: empty cells are absent values; the organisation is in scope (that is what the list is). */
export const importRowSchema = z.object({
  name: z.string().trim().min(1, 'enter the organisation name').max(250),
  companyNumber: z.preprocess(blankToUndefined, companyNumberSchema.optional()),
  entityType: entityTypeSchema,
  financialYearEnd: financialYearEndSchema,
  turnover: z.preprocess(blankToUndefined, turnoverSchema.optional()),
  contactName: z.preprocess(blankToUndefined, contactNameSchema.optional()),
  contactEmail: z.preprocess(blankToUndefined, contactEmailSchema.optional()),
  registeredAddress: registeredAddressSchema.optional(),
});

export const importLineErrorSchema = z.object({
  line: z.number().int().min(1),
  /** The CSV column the problem is in, as the file's first line names it (absent: the whole line). */
  column: z.string().optional(),
  message: z.string(),
});

/** One new organisation's code for the letter-merge file: shown once, never stored in clear. */
export const importedCodeSchema = z.object({
  line: z.number().int().min(1),
  organisationId: idSchema,
  name: z.string(),
  companyNumber: z.string().nullable(),
  enrolmentCode: z.string(),
  /** Who the letter is for and where it goes, when the row gave them. */
  contactName: z.string().optional(),
  registeredAddress: registeredAddressSchema.optional(),
});

export const importResultSchema = z
  .object({
    created: z.number().int().min(0),
    updated: z.number().int().min(0),
    /** Rows naming a known company number whose answers were already the same. */
    unchanged: z.number().int().min(0),
    errors: z.array(importLineErrorSchema),
    /** The new organisations' enrolment codes (this answer is the only place they appear). */
    enrolmentCodes: z.array(importedCodeSchema),
  })
  .meta({ id: 'OrganisationImportResult' });

/** A chunk's new codes sealed for the uploading officer (functions/domain/compliance/sealed-codes.ts). */
export const sealedCodesSchema = z.object({
  ephemeralKey: z.string(),
  iv: z.string(),
  data: z.string(),
  tag: z.string(),
});

/** The letter-merge file's columns, in order. */
export const LETTER_MERGE_COLUMNS = [
  'name',
  'companyNumber',
  'organisationId',
  'enrolmentCode',
  'contactName',
  'addressLine1',
  'addressLine2',
  'town',
  'postcode',
] as const;

export const importJobStatusSchema = z.enum(['running', 'done']);

/** At most this many line errors are kept on a job (the count says how many there were). */
export const MAX_JOB_ERRORS = 500;

/** A CSV import run in the background from the officers' import page, with its progress. */
export const importJobSchema = z.object({
  id: idSchema,
  status: importJobStatusSchema,
  fileName: z.string(),
  /** Rows that passed validation and are being imported. */
  total: z.number().int().min(0),
  processed: z.number().int().min(0),
  created: z.number().int().min(0),
  updated: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  chunks: z.number().int().min(0),
  chunksDone: z.number().int().min(0),
  /** Line errors (the first MAX_JOB_ERRORS of them). */
  errors: z.array(importLineErrorSchema),
  errorCount: z.number().int().min(0),
  /** Whether the letter-merge file has been collected (it can be, once). */
  codesCollected: z.boolean(),
  /** The public key the new codes are sealed to (X25519, SPKI DER, base64url). */
  codesKey: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.object({ id: z.string(), email: z.string() }),
});

/** One stored slice of a job's rows, imported in one go. */
export const importChunkSchema = z.object({
  status: z.enum(['pending', 'done']),
  rows: z.array(z.object({ line: z.number().int(), row: importRowSchema })),
});

export type ImportRow = z.infer<typeof importRowSchema>;
export type ImportLineError = z.infer<typeof importLineErrorSchema>;
export type ImportedCode = z.infer<typeof importedCodeSchema>;
export type ImportResult = z.infer<typeof importResultSchema>;
export type ImportJob = z.infer<typeof importJobSchema>;
export type SealedCodes = z.infer<typeof sealedCodesSchema>;
