import * as z from 'zod';
import { publicStatementSchema } from './public-statement.ts';

/** The parts of a check result the open data lists beside the check summary: rule ids by outcome. */
export const openDataCheckSchema = z.object({
  rulesVersion: z.string(),
  failedLegalRules: z.array(z.string()),
  failedRules: z.array(z.string()),
  warnings: z.array(z.string()),
});

/**
 * One statement of the open data, kept up to date by the stream worker (one item per submitted
 * statement, in its reporting year's partition) so a download streams rows without recomputing.
 * `statement` is exactly the API's PublicStatement: it is the JSON-lines line.
 */
export const openDataRowSchema = z.object({
  statement: publicStatementSchema,
  checkDetails: openDataCheckSchema.nullable(),
});

export type OpenDataCheck = z.infer<typeof openDataCheckSchema>;
export type OpenDataRow = z.infer<typeof openDataRowSchema>;
