import * as z from 'zod';
import { companyNumberSchema, idSchema, isoDateSchema, pageOf, timestampSchema } from './common.ts';
import { SECTORS, TURNOVER_BANDS } from './registry-options.ts';
import { checkSummarySchema, ratingSchema } from './statement-summary.ts';

export const SEARCH_SORTS = ['relevance', 'name', 'date'] as const;
export const searchSortSchema = z.enum(SEARCH_SORTS);
export type SearchSort = z.infer<typeof searchSortSchema>;

/** Empty form fields ("?sector=") mean "no filter", as a GET form sends every field. */
const blankAsAbsent = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * The search filters, shared by GET /api/v1/statements and the GET /statements pages. Option
 * values are the government registry's labels, verbatim (uk-registry-fields.md).
 */
export const searchFiltersSchema = z.object({
  q: z.preprocess(
    blankAsAbsent,
    z.string().trim().max(200, 'must be at most 200 characters').optional().meta({
      description:
        'Organisation name (partial words, any order; "Ltd", "Limited", "plc" ignored; group members included) or a company number.',
      example: 'acme retail',
    }),
  ),
  companyNumber: z.preprocess(
    blankAsAbsent,
    companyNumberSchema
      .optional()
      .meta({ description: 'Only statements of this company or group member.', example: '01234567' }),
  ),
  sector: z.preprocess(
    blankAsAbsent,
    z.enum(SECTORS).optional().meta({ example: 'Food and beverages, agriculture and fishing' }),
  ),
  turnover: z.preprocess(
    blankAsAbsent,
    z.enum(TURNOVER_BANDS).optional().meta({ example: 'Over £500 million' }),
  ),
  year: z.preprocess(
    blankAsAbsent,
    z.coerce
      .number()
      .int('must be a year such as 2025')
      .min(2016, 'must be 2016 or later')
      .max(2100, 'must be a year such as 2025')
      .optional()
      .meta({
        description: 'Reporting year: the calendar year the statement period ends in.',
        example: 2025,
      }),
  ),
  rating: z.preprocess(
    blankAsAbsent,
    ratingSchema.optional().meta({
      description: 'The check rating; `non_compliant` means the statement does not meet the legal minimum.',
      example: 'non_compliant',
    }),
  ),
  sort: z.preprocess(
    blankAsAbsent,
    searchSortSchema.default('relevance').meta({
      description:
        'relevance (own name before group members, names starting with the searched word first, newest year first; newest first without `q`), name (A to Z) or date (newest submission first).',
    }),
  ),
});

export const searchQuerySchema = searchFiltersSchema.extend({
  cursor: z.preprocess(
    blankAsAbsent,
    z.string().max(2048).optional().meta({ description: 'The `nextCursor` of the previous page, as given.' }),
  ),
  limit: z.preprocess(blankAsAbsent, z.coerce.number().int().min(1).max(100).default(20)),
});

export type SearchFilters = z.infer<typeof searchFiltersSchema>;
export type SearchQuery = z.infer<typeof searchQuerySchema>;

/** One search hit: what a results list shows of a statement, without another read. */
export const searchResultSchema = z
  .object({
    id: idSchema,
    organisationId: idSchema,
    organisationName: z.string(),
    companyNumber: z.string().nullable(),
    isGroup: z.boolean(),
    year: z.number().int(),
    periodStart: isoDateSchema,
    periodEnd: isoDateSchema,
    sectors: z.array(z.string()),
    turnover: z.string().nullable(),
    submittedAt: timestampSchema.nullable(),
    check: checkSummarySchema.nullable(),
    /** The group member's name the search matched, when it was not the organisation's own name. */
    matchedName: z.string().nullable(),
  })
  .meta({
    id: 'StatementSearchResult',
    example: {
      id: '01JDQ8Z4V6W4Y0B3C9E7K2M5N8',
      organisationId: '01JDQ8Z4V6W4Y0B3C9E7K2M5N9',
      organisationName: 'Acme Retail Group plc',
      companyNumber: '01234567',
      isGroup: true,
      year: 2025,
      periodStart: '2024-04-01',
      periodEnd: '2025-03-31',
      sectors: ['Food and beverages, agriculture and fishing'],
      turnover: 'Over £500 million',
      submittedAt: '2025-07-20T09:30:00.000Z',
      check: { meetsLegalMinimum: true, areasCovered: 6, rating: 'strong' },
      matchedName: null,
    },
  });

export type SearchResult = z.infer<typeof searchResultSchema>;

export const searchPageSchema = pageOf(searchResultSchema).meta({ id: 'StatementSearchPage' });
export type SearchPage = z.infer<typeof searchPageSchema>;
