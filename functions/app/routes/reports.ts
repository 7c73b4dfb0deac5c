import { createRoute } from '@hono/zod-openapi';
import { Hono } from 'hono';
import * as z from 'zod';
import { type NewReport, newReportSchema, REPORT_REASONS } from '../../../schemas/flag.ts';
import { REPORT_REASON_LABELS, reportFlag } from '../../domain/compliance/flags.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { newId } from '../../domain/ids.ts';
import { DEFAULT_RATE_LIMITS, type RateLimits, spend } from '../../domain/rate-limits.ts';
import { raise } from '../../store/flags/raise-flag.ts';
import { getStatement } from '../../store/statements/get-statement.ts';
import type { Store } from '../../store/store.ts';
import { apiRouter, jsonBodyLimit, problem, problemResponses } from '../api-kit.ts';
import { clientAddress } from '../client-address.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { renderPage } from '../page.ts';
import { fieldErrorsFromZod } from '../problems.ts';
import { errorView, renderDomainError } from './account-pages.ts';

const reportRoute = createRoute({
  method: 'post',
  path: '/api/v1/reports',
  summary: 'Report a problem with a statement (anyone): it lands in the compliance officers’ queue',
  description: `Rate-limited per client address (by default ${DEFAULT_RATE_LIMITS.reports.limit} an hour; 429 with Retry-After).`,
  tags: ['Public'],
  middleware: [jsonBodyLimit] as const,
  request: { body: { required: true, content: { 'application/json': { schema: newReportSchema } } } },
  responses: {
    202: {
      description: 'Received',
      content: {
        'application/json': {
          schema: z.object({ received: z.literal(true) }).meta({ id: 'ReportReceived' }),
        },
      },
    },
    404: problemResponses[404],
    413: problemResponses[413],
    422: problemResponses[422],
    429: problem('Too many reports from this address; try again later'),
  },
});

/**
 * A member of the public reports a problem: counted against their address first (so floods cost
 * one write each and stop at the limit), then the statement must be a published one (404
 * otherwise), then a `report` flag carrying the statement id joins the officers' queue.
 */
export async function fileReport(
  deps: { store: Store; clock: () => Date; limits?: RateLimits | undefined },
  report: NewReport,
  client: string,
): Promise<void> {
  const now = deps.clock();
  await spend(deps, 'reports', [`address:${client}`]);
  const statement = await getStatement(deps.store, report.statementId);
  if (statement?.status !== 'submitted') throw notFound('The statement');
  const flag = reportFlag(newId(now), statement, report, now.toISOString());
  await raise(deps.store, { flag });
}

export function reportsApi(deps: AppDeps) {
  const app = apiRouter();
  app.openapi(reportRoute, async (c) => {
    await fileReport(deps, c.req.valid('json'), clientAddress(c));
    return c.json({ received: true as const }, 202);
  });
  return app;
}

const reasonItems = REPORT_REASONS.map((value) => ({ value, text: REPORT_REASON_LABELS[value] }));

/** /statements/{id}/report: the small form the statement page links to. Works without JavaScript. */
export function reportPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  async function publishedStatement(id: string) {
    const statement = /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id) ? await getStatement(deps.store, id) : undefined;
    if (statement?.status !== 'submitted') throw notFound('The statement');
    return statement;
  }

  app.get('/statements/:id/report', async (c) => {
    try {
      const statement = await publishedStatement(c.req.param('id'));
      c.header('cache-control', 'private, no-store');
      return renderPage(c, deps, 'officers/report.njk', {
        title: `Report a problem with ${statement.organisationName}'s statement`,
        statement,
        reasonItems,
        values: {},
      });
    } catch (error) {
      return renderDomainError(c, deps, error);
    }
  });

  app.post('/statements/:id/report', async (c) => {
    try {
      const statement = await publishedStatement(c.req.param('id'));
      const form = await c.req.parseBody();
      const values = {
        reason: typeof form.reason === 'string' ? form.reason : undefined,
        details: typeof form.details === 'string' && form.details.trim() ? form.details : undefined,
      };
      const parsed = newReportSchema.safeParse({ statementId: statement.id, ...values });
      if (!parsed.success) {
        const errors = fieldErrorsFromZod(parsed.error.issues).map((error) =>
          error.path === '/reason' ? { ...error, message: 'Choose what is wrong' } : error,
        );
        return renderPage(
          c,
          deps,
          'officers/report.njk',
          {
            title: `Error: Report a problem with ${statement.organisationName}'s statement`,
            statement,
            reasonItems,
            values,
            ...errorView(errors, (path) => (path === '/reason' ? 'reason' : 'details')),
          },
          422,
        );
      }
      await fileReport(deps, parsed.data, clientAddress(c));
      return renderPage(c, deps, 'officers/report-received.njk', {
        title: 'Thank you for your report',
        statement,
      });
    } catch (error) {
      if (error instanceof DomainError) return renderDomainError(c, deps, error);
      throw error;
    }
  });

  return app;
}
