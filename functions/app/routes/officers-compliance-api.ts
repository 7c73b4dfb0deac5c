import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { idSchema } from '../../../schemas/common.ts';
import { complianceSummarySchema, type SweepRun, sweepRunSchema } from '../../../schemas/compliance.ts';
import { importResultSchema } from '../../../schemas/organisation-import.ts';
import {
  acceptBodySchema,
  challengeBodySchema,
  outOfScopeDeclarationBodySchema,
  outOfScopeDeclarationSchema,
} from '../../../schemas/out-of-scope.ts';
import type { User } from '../../../schemas/user.ts';
import { buildSummary } from '../../domain/compliance/counters.ts';
import { parseImportCsv } from '../../domain/compliance/import-csv.ts';
import { importRows } from '../../domain/compliance/import-organisations.ts';
import { declareOutOfScope, reviewOutOfScope } from '../../domain/compliance/out-of-scope.ts';
import { dayOf } from '../../domain/compliance/reporting-years.ts';
import { emptySweepStats } from '../../domain/compliance/sweep-decisions.ts';
import { forbidden, notFound, unsupportedMediaType } from '../../domain/errors.ts';
import { newId } from '../../domain/ids.ts';
import { readCounters } from '../../store/compliance/counters.ts';
import { getDeclaration, listDeclarations } from '../../store/compliance/declarations.ts';
import { getSweepRun, latestSweepRuns, requestSweepRun } from '../../store/compliance/sweep-runs.ts';
import { ORGANISATION_SHARDS } from '../../store/keys.ts';
import { getMembership } from '../../store/memberships/get-membership.ts';
import { apiRouter, bearerSecurity, jsonBodyLimit, problemResponses, uploadBodyLimit } from '../api-kit.ts';
import { currentUser, requireOfficer, requireUser } from '../auth.ts';
import type { AppDeps } from '../deps.ts';

const tags = ['Compliance officers'];

const summaryRoute = createRoute({
  method: 'get',
  path: '/api/v1/compliance/summary',
  summary: 'The figures behind the officers’ dashboard for a reporting year',
  description:
    'Kept up to date change by change (counters maintained by the stream worker), never by scanning.',
  tags,
  security: bearerSecurity,
  middleware: [requireUser, requireOfficer] as const,
  request: { query: z.object({ year: z.coerce.number().int().min(2016).max(2100).optional() }) },
  responses: {
    200: { description: 'The figures', content: { 'application/json': { schema: complianceSummarySchema } } },
    ...problemResponses,
  },
});

const sweepRoute = createRoute({
  method: 'post',
  path: '/api/v1/sweeps',
  summary: 'Run the missing/late sweep now (it also runs daily)',
  description:
    'Answers 202 at once; the worker runs the sweep. Follow `Location` to see when it is done. The ' +
    'body is optional (`{}`). Made with the session cookie instead of a bearer token, a POST without ' +
    'a JSON body must come from the register’s own pages (its Origin is checked), so another site ' +
    'cannot start a sweep through a signed-in officer’s browser.',
  tags,
  security: bearerSecurity,
  middleware: [requireUser, requireOfficer, jsonBodyLimit] as const,
  request: {
    body: {
      required: false,
      content: { 'application/json': { schema: z.object({}).meta({ id: 'SweepRequest' }) } },
    },
  },
  responses: {
    202: {
      description: 'The sweep is requested',
      content: { 'application/json': { schema: sweepRunSchema } },
    },
    ...problemResponses,
  },
});

const sweepStatusRoute = createRoute({
  method: 'get',
  path: '/api/v1/sweeps/{id}',
  summary: 'One sweep run: requested, running, done (with what it raised) or failed',
  tags,
  security: bearerSecurity,
  middleware: [requireUser, requireOfficer] as const,
  request: { params: z.object({ id: idSchema }) },
  responses: {
    200: { description: 'The run', content: { 'application/json': { schema: sweepRunSchema } } },
    ...problemResponses,
  },
});

const importRoute = createRoute({
  method: 'post',
  path: '/api/v1/organisations/import',
  summary: 'Add or update organisations in scope from a CSV (officers)',
  description:
    'Body: `text/csv` with the header `name,companyNumber,entityType,financialYearEnd,turnover`. ' +
    'Idempotent on company number: a known number updates that organisation. Answers the counts, ' +
    'an error per bad line, and the new organisations’ enrolment codes (shown this once: keep them ' +
    'for the letters). Large files are better imported from the officers’ import page, which shows progress.',
  tags,
  security: bearerSecurity,
  middleware: [requireUser, requireOfficer, uploadBodyLimit] as const,
  request: { body: { required: true, content: { 'text/csv': { schema: z.string() } } } },
  responses: {
    200: {
      description: 'What was imported',
      content: { 'application/json': { schema: importResultSchema } },
    },
    ...problemResponses,
  },
});

const orgYearParams = z.object({
  orgId: idSchema,
  year: z.coerce.number().int().min(2016).max(2100),
});

const declareRoute = createRoute({
  method: 'post',
  path: '/api/v1/organisations/{orgId}/out-of-scope',
  summary: 'Declare the organisation out of scope for a reporting year (its enrolled users)',
  description: 'With one of the registry’s reasons; "Other" needs your own words (at most 200 characters).',
  tags: ['Submitters'],
  security: bearerSecurity,
  middleware: [requireUser, jsonBodyLimit] as const,
  request: {
    params: z.object({ orgId: idSchema }),
    body: { required: true, content: { 'application/json': { schema: outOfScopeDeclarationBodySchema } } },
  },
  responses: {
    201: {
      description: 'Declared',
      content: { 'application/json': { schema: outOfScopeDeclarationSchema } },
    },
    ...problemResponses,
  },
});

const getDeclarationRoute = createRoute({
  method: 'get',
  path: '/api/v1/organisations/{orgId}/out-of-scope/{year}',
  summary: 'The organisation’s declaration for a year (its enrolled users and officers)',
  tags: ['Submitters'],
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: { params: orgYearParams },
  responses: {
    200: {
      description: 'The declaration',
      content: { 'application/json': { schema: outOfScopeDeclarationSchema } },
    },
    ...problemResponses,
  },
});

const challengeRoute = createRoute({
  method: 'post',
  path: '/api/v1/organisations/{orgId}/out-of-scope/{year}/challenge',
  summary: 'Challenge a declaration (officers): the sweep expects a statement for that year again',
  tags,
  security: bearerSecurity,
  middleware: [requireUser, requireOfficer, jsonBodyLimit] as const,
  request: {
    params: orgYearParams,
    body: { required: true, content: { 'application/json': { schema: challengeBodySchema } } },
  },
  responses: {
    200: {
      description: 'Challenged',
      content: { 'application/json': { schema: outOfScopeDeclarationSchema } },
    },
    ...problemResponses,
  },
});

const acceptRoute = createRoute({
  method: 'post',
  path: '/api/v1/organisations/{orgId}/out-of-scope/{year}/accept',
  summary: 'Accept a declaration, or withdraw a challenge (officers): no statement expected that year',
  description: 'With a note, kept in the declaration’s history with who and when.',
  tags,
  security: bearerSecurity,
  middleware: [requireUser, requireOfficer, jsonBodyLimit] as const,
  request: {
    params: orgYearParams,
    body: { required: true, content: { 'application/json': { schema: acceptBodySchema } } },
  },
  responses: {
    200: {
      description: 'Accepted',
      content: { 'application/json': { schema: outOfScopeDeclarationSchema } },
    },
    ...problemResponses,
  },
});

const listDeclarationsRoute = createRoute({
  method: 'get',
  path: '/api/v1/out-of-scope',
  summary: 'Organisations that declared themselves out of scope for a year (officers)',
  tags,
  security: bearerSecurity,
  middleware: [requireUser, requireOfficer] as const,
  request: { query: z.object({ year: z.coerce.number().int().min(2016).max(2100) }) },
  responses: {
    200: {
      description: 'Newest first',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(outOfScopeDeclarationSchema) }).meta({ id: 'OutOfScopeList' }),
        },
      },
    },
    ...problemResponses,
  },
});

/** The reporting year the dashboard opens on: the latest whose usual (31 March) deadline has passed. */
export function defaultSummaryYear(now: Date): number {
  const year = now.getUTCFullYear();
  return dayOf(now) > `${year}-09-30` ? year : year - 1;
}

export async function complianceSummary(deps: Pick<AppDeps, 'store' | 'clock'>, year: number) {
  const [counters, runs] = await Promise.all([readCounters(deps.store), latestSweepRuns(deps.store, 1)]);
  return buildSummary(counters, year, dayOf(deps.clock()), runs[0] ?? null);
}

export async function requestSweep(deps: Pick<AppDeps, 'store' | 'clock'>, officer: User): Promise<SweepRun> {
  const now = deps.clock();
  const run: SweepRun = {
    id: newId(now),
    status: 'requested',
    trigger: 'officer',
    requestedBy: officer.email,
    requestedAt: now.toISOString(),
    startedAt: null,
    finishedAt: null,
    asOf: null,
    // Counted up as the shards' pieces finish (see completeSweepTask).
    stats: emptySweepStats(),
    error: null,
  };
  await requestSweepRun(deps.store, run, ORGANISATION_SHARDS, now);
  return { ...run, progress: { partsDone: 0, partsTotal: ORGANISATION_SHARDS } };
}

export function officersComplianceApi(deps: AppDeps) {
  const app = apiRouter();

  app.openapi(summaryRoute, async (c) => {
    const year = c.req.valid('query').year ?? defaultSummaryYear(deps.clock());
    c.header('cache-control', 'private, no-store');
    return c.json(await complianceSummary(deps, year), 200);
  });

  app.openapi(sweepRoute, async (c) => {
    const run = await requestSweep(deps, currentUser(c));
    c.header('location', `/api/v1/sweeps/${run.id}`);
    return c.json(run, 202);
  });

  app.openapi(sweepStatusRoute, async (c) => {
    const run = await getSweepRun(deps.store, c.req.valid('param').id);
    if (!run) throw notFound('The sweep run');
    c.header('cache-control', 'private, no-store');
    return c.json(run, 200);
  });

  app.openapi(importRoute, async (c) => {
    const type = c.req.header('content-type') ?? '';
    if (!/^text\/csv\b/i.test(type)) throw unsupportedMediaType('Send the organisations as text/csv.');
    const parsed = parseImportCsv(await c.req.text());
    const tally = await importRows(deps, currentUser(c), parsed.rows);
    c.header('cache-control', 'private, no-store');
    return c.json(
      {
        created: tally.created,
        updated: tally.updated,
        unchanged: tally.unchanged,
        errors: [...parsed.errors, ...tally.errors].sort((a, b) => a.line - b.line),
        enrolmentCodes: tally.enrolmentCodes,
      },
      200,
    );
  });

  app.openapi(declareRoute, async (c) => {
    const declaration = await declareOutOfScope(
      deps,
      currentUser(c),
      c.req.valid('param').orgId,
      c.req.valid('json'),
    );
    return c.json(declaration, 201);
  });

  app.openapi(getDeclarationRoute, async (c) => {
    const user = currentUser(c);
    const { orgId, year } = c.req.valid('param');
    if (!user.isOfficer && !(await getMembership(deps.store, user.id, orgId))) {
      throw forbidden('Only people enrolled for this organisation, and officers, can see its declarations.');
    }
    const declaration = await getDeclaration(deps.store, orgId, year);
    if (!declaration) throw notFound('The declaration');
    c.header('cache-control', 'private, no-store');
    return c.json(declaration, 200);
  });

  app.openapi(challengeRoute, async (c) => {
    const { orgId, year } = c.req.valid('param');
    return c.json(
      await reviewOutOfScope(deps, currentUser(c), orgId, year, 'challenged', c.req.valid('json').note),
      200,
    );
  });

  app.openapi(acceptRoute, async (c) => {
    const { orgId, year } = c.req.valid('param');
    return c.json(
      await reviewOutOfScope(deps, currentUser(c), orgId, year, 'accepted', c.req.valid('json').note),
      200,
    );
  });

  app.openapi(listDeclarationsRoute, async (c) => {
    c.header('cache-control', 'private, no-store');
    return c.json({ items: await listDeclarations(deps.store, c.req.valid('query').year) }, 200);
  });

  return app;
}
