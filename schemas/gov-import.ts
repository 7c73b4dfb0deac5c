import * as z from 'zod';
import { timestampSchema } from './common.ts';

/** Where an imported statement came from: the UK government registry's open data. */
export const importedFromSchema = z
  .object({
    registry: z.literal('uk-government'),
    /** The registry's own statement id (its StatementId column). */
    sourceId: z.string(),
    /** When this register first imported the statement. */
    importedAt: timestampSchema,
    /** The registry's page for the statement, when its file gave one. */
    summaryUrl: z.string().nullable().optional(),
  })
  .meta({ id: 'ImportedFrom' });

/**
 * Whether the checker could get the statement's document. Imported statements have only an
 * address: locally (offline) and when the polite fetcher's per-host rate or daily budget says no,
 * the document is not fetched and the statement carries the registry's answers unchecked.
 */
export const documentFetchSchema = z.object({
  revision: z.number().int().min(1),
  status: z.literal('not_fetched'),
  reason: z.enum(['offline', 'no_address', 'host_rate', 'daily_budget']),
  at: timestampSchema,
});

export type ImportedFrom = z.infer<typeof importedFromSchema>;
export type DocumentFetch = z.infer<typeof documentFetchSchema>;
