import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { problemSchema } from '../../../schemas/problem.ts';
import { organisationViewSchema, statementViewSchema } from '../../../schemas/public-statement.ts';
import { searchPageSchema, searchQuerySchema } from '../../../schemas/search.ts';
import { registerStatisticsSchema } from '../../../schemas/statistics.ts';
import { notFound } from '../../domain/errors.ts';
import { OPEN_DATA_CONTENT_TYPES } from '../../domain/open-data.ts';
import { openDataStream } from '../../domain/open-data-stream.ts';
import { getStatistics } from '../../store/public/get-statistics.ts';
import { listOpenDataLines } from '../../store/public/list-open-data-lines.ts';
import { getOpenDataPublication } from '../../store/public/open-data-publication.ts';
import { apiRouter } from '../api-kit.ts';
import { CACHE_SECONDS, cachePublicly } from '../cache.ts';
import type { AppDeps } from '../deps.ts';
import { organisationView, searchView, statementView } from '../public-views.ts';

const tags = ['Public register'];
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});
const cached = {
  'Cache-Control': {
    schema: { type: 'string' as const },
    description: 'public, max-age=…: CloudFront and browsers may keep the answer that long',
  },
};

const exampleId = '01JDQ8Z4V6W4Y0B3C9E7K2M5N8';
const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .meta({ param: { name: 'id', in: 'path' }, example: exampleId }),
});

const exampleStatement = {
  id: exampleId,
  organisationId: '01JDQ8Z4V6W4Y0B3C9E7K2M5N9',
  organisationName: 'Acme Retail Group plc',
  companyNumber: '01234567',
  isGroup: true,
  groupMembers: [{ name: 'Acme Foods Ltd', companyNumber: '07654321' }],
  year: 2025,
  periodStart: '2024-04-01',
  periodEnd: '2025-03-31',
  sectors: ['Food and beverages, agriculture and fishing'],
  turnover: 'Over £500 million',
  status: 'submitted',
  revision: 2,
  submittedAt: '2025-07-20T09:30:00.000Z',
  updatedAt: '2025-07-21T08:00:00.000Z',
  check: { meetsLegalMinimum: true, areasCovered: 5, rating: 'adequate' },
  document: {
    jurisdiction: 'UK',
    isGroup: true,
    groupMembers: [{ name: 'Acme Foods Ltd', companyNumber: '07654321' }],
    statementUrl: 'https://acme.example/modern-slavery-statement',
    contactEmail: null,
    homepageUrl: 'https://acme.example/',
    periodStart: '2024-04-01',
    periodEnd: '2025-03-31',
    approvedBy: 'board',
    approvalDate: '2025-07-15',
    signatory: { firstName: 'Ann', lastName: 'Smith', jobTitle: 'Director', role: 'director' },
    areas: {
      structure: { covered: true },
      policies: { covered: true },
      riskAssessment: { covered: true },
      dueDiligence: { covered: true },
      training: { covered: false, reason: 'Programme starts next year' },
      kpis: { covered: true },
    },
    sectors: ['Food and beverages, agriculture and fishing'],
    turnover: 'Over £500 million',
    yearsProducing: '1 to 5 years',
  },
  archivedCopy: {
    href: `/statements/${exampleId}/revisions/2/document`,
    contentType: 'application/pdf',
    bytes: 482113,
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  },
  withdrawal: null,
};

const exampleView = {
  statement: exampleStatement,
  checkResult: {
    rulesVersion: '2025.1',
    summary: { meetsLegalMinimum: true, areasCovered: 5, rating: 'adequate' },
    findings: [
      {
        rule: 'uk-approval',
        severity: 'legal',
        status: 'pass',
        message: 'Approved by the board of directors on 15 July 2025.',
        evidence: [
          { sentence: 41, text: 'This statement was approved by the Board of Directors on 15 July 2025.' },
        ],
      },
    ],
    sentences: [
      { text: 'This statement was approved by the Board of Directors on 15 July 2025.', tags: ['approval'] },
    ],
  },
  revisions: [
    {
      revision: 1,
      submittedAt: '2025-07-18T10:00:00.000Z',
      periodStart: '2024-04-01',
      periodEnd: '2025-03-31',
    },
    {
      revision: 2,
      submittedAt: '2025-07-20T09:30:00.000Z',
      periodStart: '2024-04-01',
      periodEnd: '2025-03-31',
    },
  ],
};

const searchRoute = createRoute({
  method: 'get',
  path: '/api/v1/statements',
  tags,
  summary: 'Search submitted statements',
  description:
    'By organisation name (partial words in any order; case, punctuation and "Ltd"/"Limited"/"plc" ' +
    'ignored; group members’ names included) or company number, with filters for sector, turnover ' +
    'band, reporting year and check rating. Pages follow `nextCursor`. Each page reads a bounded part of ' +
    'the index, so a filtered page may hold fewer than `limit` items while `nextCursor` is not null. ' +
    'Answers may be up to a minute old (cached).',
  request: { query: searchQuerySchema },
  responses: {
    200: {
      description: 'One page of results',
      headers: cached,
      content: {
        'application/json': {
          schema: searchPageSchema,
          example: {
            items: [
              {
                id: exampleId,
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
                matchedName: 'Acme Foods Ltd',
              },
            ],
            nextCursor: 'eyJ2IjoxLCJoIjoiMWs3eDJhIiwiayI6e319',
          },
        },
      },
    },
    400: problem('The cursor is not one this search gave'),
    422: problem('A filter is not valid: `errors` names it'),
  },
});

const statementRoute = createRoute({
  method: 'get',
  path: '/api/v1/statements/{id}',
  tags,
  summary: 'One statement: its latest submitted revision, its check result and its revision list',
  request: { params: idParam },
  responses: {
    200: {
      description: 'The statement',
      headers: cached,
      content: { 'application/json': { schema: statementViewSchema, example: exampleView } },
    },
    404: problem('No submitted statement has this id'),
  },
});

const revisionRoute = createRoute({
  method: 'get',
  path: '/api/v1/statements/{id}/revisions/{n}',
  tags,
  summary: 'One submitted revision of a statement, with its own check result',
  request: {
    params: idParam.extend({
      n: z.coerce
        .number()
        .int()
        .min(1)
        .meta({ param: { name: 'n', in: 'path' }, example: 1 }),
    }),
  },
  responses: {
    200: {
      description: 'The revision',
      headers: cached,
      content: { 'application/json': { schema: statementViewSchema, example: exampleView } },
    },
    404: problem('No such statement or revision'),
  },
});

const organisationRoute = createRoute({
  method: 'get',
  path: '/api/v1/organisations/{id}',
  tags,
  summary: 'An organisation and its statements by reporting year, with the years it missed',
  request: { params: idParam },
  responses: {
    200: {
      description: 'The organisation',
      headers: cached,
      content: {
        'application/json': {
          schema: organisationViewSchema,
          example: {
            organisation: {
              id: '01JDQ8Z4V6W4Y0B3C9E7K2M5N9',
              name: 'Acme Retail Group plc',
              companyNumber: '01234567',
              entityType: 'company',
              financialYearEnd: '03-31',
              turnover: 'Over £500 million',
            },
            years: [
              { year: 2025, deadline: '2025-09-30', status: 'missing', statement: null },
              {
                year: 2024,
                deadline: '2024-09-30',
                status: 'submitted',
                statement: {
                  id: exampleId,
                  year: 2024,
                  periodStart: '2023-04-01',
                  periodEnd: '2024-03-31',
                  status: 'submitted',
                  revision: 2,
                  submittedAt: '2024-08-01T10:00:00.000Z',
                  check: { meetsLegalMinimum: true, areasCovered: 5, rating: 'adequate' },
                  isGroup: true,
                  deadline: '2024-09-30',
                  late: false,
                },
              },
            ],
          },
        },
      },
    },
    404: problem('No organisation has this id'),
  },
});

const statisticsRoute = createRoute({
  method: 'get',
  path: '/api/v1/statistics',
  tags,
  summary:
    'The register in figures: statements per year, the share meeting the legal minimum, areas covered by sector',
  responses: {
    200: {
      description: 'Figures per reporting year',
      headers: cached,
      content: {
        'application/json': {
          schema: registerStatisticsSchema,
          example: {
            years: [
              {
                year: 2025,
                statements: 12840,
                checked: 12790,
                meetsLegalMinimum: 8123,
                doesNotMeetLegalMinimum: 4102,
                undetermined: 565,
                shareMeetingLegalMinimum: 0.635,
                averageAreasCovered: 4.4,
                ratings: {
                  strong: 2310,
                  adequate: 4505,
                  weak: 1808,
                  non_compliant: 4102,
                  not_determined: 65,
                },
                sectors: [
                  {
                    sector: 'Food and beverages, agriculture and fishing',
                    statements: 1190,
                    checked: 1187,
                    averageAreasCovered: 4.8,
                    shareMeetingLegalMinimum: 0.71,
                  },
                ],
              },
            ],
          },
        },
      },
    },
  },
});

/** Any four-digit year: a year with no statements (1999, 2099) is an empty file, not an error. */
const yearParam = z.coerce.number().int().min(1000).max(9999);

/** The download routes, described for the OpenAPI document (served below by one Hono route). */
function describeDownloads(app: ReturnType<typeof apiRouter>) {
  for (const [format, mediaType, what] of [
    [
      'csv',
      'text/csv',
      'RFC 4180, UTF-8, CRLF line ends, a header line; column names are the government registry’s where they mean the same (StatementYear, StatementId, OrganisationName, CompanyNumber, …), then the register’s own (check summary and rule ids)',
    ],
    [
      'jsonl',
      'application/x-ndjson',
      'one PublicStatement (the shape of GET /api/v1/statements/{id} `statement`) per line',
    ],
  ] as const) {
    app.openAPIRegistry.registerPath({
      method: 'get',
      path: `/api/v1/downloads/statements-{year}.${format}`,
      tags: ['Open data'],
      summary: `Every submitted statement of a reporting year, with its check summary (${format.toUpperCase()})`,
      description: `${what}. Streamed; kept up to date as statements change; may be up to an hour old (cached). Where the year has been published as a static file (the deployed register publishes every year daily), the answer is a 302 redirect to that file. A year with no statements (before the Act, or not yet reported) answers an empty file: the CSV header line only, or no lines.`,
      request: {
        params: z.object({ year: yearParam.meta({ param: { name: 'year', in: 'path' }, example: 2025 }) }),
      },
      responses: {
        200: {
          description: `The ${format.toUpperCase()} file`,
          headers: cached,
          content: {
            [mediaType]: {
              schema: z.string(),
              example:
                format === 'csv'
                  ? 'StatementYear,StatementId,OrganisationName,CompanyNumber,GroupSubmission,…\r\n2025,01JDQ8Z4V6W4Y0B3C9E7K2M5N8,Acme Retail Group plc,01234567,Yes,…\r\n'
                  : '{"id":"01JDQ8Z4V6W4Y0B3C9E7K2M5N8","organisationName":"Acme Retail Group plc",…}\n',
            },
          },
        },
        302: { description: 'The year’s published file is at the Location address' },
        404: problem('Not a download this register offers'),
      },
    });
  }
}

export function publicApi(deps: AppDeps) {
  const app = apiRouter();
  describeDownloads(app);

  app.openapi(searchRoute, async (c) => {
    const { cursor, limit, ...filters } = c.req.valid('query');
    const page = await searchView(deps, filters, { limit, cursor });
    cachePublicly(c, CACHE_SECONDS.search, { personal: false });
    return c.json(page, 200);
  });

  app.openapi(statementRoute, async (c) => {
    const view = await statementView(deps, c.req.valid('param').id);
    cachePublicly(c, CACHE_SECONDS.statement, { personal: false });
    return c.json(view, 200);
  });

  app.openapi(revisionRoute, async (c) => {
    const { id, n } = c.req.valid('param');
    const view = await statementView(deps, id, n);
    cachePublicly(c, CACHE_SECONDS.statement, { personal: false });
    return c.json(view, 200);
  });

  app.openapi(organisationRoute, async (c) => {
    const view = await organisationView(deps, c.req.valid('param').id);
    cachePublicly(c, CACHE_SECONDS.organisation, { personal: false });
    return c.json(view, 200);
  });

  app.openapi(statisticsRoute, async (c) => {
    const statistics = await getStatistics(deps.store);
    cachePublicly(c, CACHE_SECONDS.statistics, { personal: false });
    return c.json(statistics, 200);
  });

  // /api/v1/downloads/statements-2025.csv and .jsonl (Hono has no parameter inside a path segment).
  app.get('/api/v1/downloads/:file', async (c) => {
    const match = /^statements-(\d{4})\.(csv|jsonl)$/.exec(c.req.param('file'));
    const parsed = yearParam.safeParse(match?.[1]);
    if (!match || !parsed.success) throw notFound('The download');
    const format = match[2] as 'csv' | 'jsonl';
    // In AWS the daily job publishes each year as a static file (a Lambda answer is capped at
    // 6 MB): send people there. Locally nothing is published and the lines are streamed here.
    const published = await getOpenDataPublication(deps.store, parsed.data, format);
    if (published) {
      cachePublicly(c, CACHE_SECONDS.publishedDownloadRedirect, { personal: false });
      return c.redirect(published.url, 302);
    }
    cachePublicly(c, CACHE_SECONDS.download, { personal: false });
    c.header('content-type', OPEN_DATA_CONTENT_TYPES[format]);
    c.header('content-disposition', `attachment; filename="statements-${parsed.data}.${format}"`);
    return c.body(openDataStream(format, listOpenDataLines(deps.store, parsed.data, format)));
  });

  return app;
}
