import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import {
  FLAG_STATUSES,
  FLAG_TYPES,
  type Flag,
  type FlagListQuery,
  flagIdSchema,
  flagListQuerySchema,
  flagPageSchema,
  flagSchema,
  flagUpdateSchema,
  type NewManualFlag,
  newFlagNoticeSchema,
  newManualFlagSchema,
} from '../../../schemas/flag.ts';
import type { User } from '../../../schemas/user.ts';
import { planUpdate } from '../../domain/compliance/flag-workflow.ts';
import { manualFlag } from '../../domain/compliance/flags.ts';
import { toCsv } from '../../domain/csv.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import { newId } from '../../domain/ids.ts';
import { getFlag } from '../../store/flags/get-flag.ts';
import { type FlagFilter, type FlagListOptions, listFlags } from '../../store/flags/list-flags.ts';
import { raise } from '../../store/flags/raise-flag.ts';
import { recordFlagNotice } from '../../store/flags/record-notice.ts';
import { updateFlag } from '../../store/flags/update-flag.ts';
import { getOrganisation } from '../../store/organisations/get-organisation.ts';
import { getStatement } from '../../store/statements/get-statement.ts';
import { apiRouter, bearerSecurity, jsonBodyLimit, problemResponses } from '../api-kit.ts';
import { currentUser, requireOfficer, requireUser } from '../auth.ts';
import type { AppDeps } from '../deps.ts';

const tags = ['Compliance officers'];

export function flagFilterOf(
  query: Pick<FlagListQuery, 'type' | 'status' | 'sector' | 'year' | 'assignee' | 'organisationId'>,
): FlagFilter {
  return {
    statuses: query.status ? [query.status] : FLAG_STATUSES,
    types: query.type ? [query.type] : FLAG_TYPES,
    sector: query.sector || undefined,
    year: query.year,
    assignee: query.assignee || undefined,
    organisationId: query.organisationId,
  };
}

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/flags',
  summary: 'The flags queue (officers), filtered by type, status, sector, year, assignee or organisation',
  description:
    'Served by queries on purpose-built keys (one index partition per status and type), merged in ' +
    'creation order; `order=oldest` works the queue first in, first out; `order=uncertain` lists the ' +
    'checker’s least sure flags first (lowest `confidence`, then oldest), except with `organisationId`: ' +
    'one organisation’s few flags are read from its own partition, oldest first, whatever the order.',
  tags,
  security: bearerSecurity,
  middleware: [requireUser, requireOfficer] as const,
  request: { query: flagListQuerySchema },
  responses: {
    200: { description: 'One page of flags', content: { 'application/json': { schema: flagPageSchema } } },
    ...problemResponses,
  },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/api/v1/flags.csv',
  summary: 'The flags queue as CSV (officers), with the same filters; every matching flag',
  tags,
  security: bearerSecurity,
  middleware: [requireUser, requireOfficer] as const,
  request: { query: flagListQuerySchema.omit({ cursor: true, limit: true }) },
  responses: {
    200: { description: 'RFC 4180 CSV, UTF-8', content: { 'text/csv': { schema: z.string() } } },
    ...problemResponses,
  },
});

const idParams = z.object({ id: flagIdSchema.meta({ param: { name: 'id', in: 'path' } }) });

const getRoute = createRoute({
  method: 'get',
  path: '/api/v1/flags/{id}',
  summary: 'One flag with its whole history (officers)',
  tags,
  security: bearerSecurity,
  middleware: [requireUser, requireOfficer] as const,
  request: { params: idParams },
  responses: {
    200: { description: 'The flag', content: { 'application/json': { schema: flagSchema } } },
    ...problemResponses,
  },
});

const createFlagRoute = createRoute({
  method: 'post',
  path: '/api/v1/flags',
  summary: 'Flag an organisation or a statement by hand (officers), with a note',
  tags,
  security: bearerSecurity,
  middleware: [requireUser, requireOfficer, jsonBodyLimit] as const,
  request: { body: { required: true, content: { 'application/json': { schema: newManualFlagSchema } } } },
  responses: {
    201: { description: 'The new `manual` flag', content: { 'application/json': { schema: flagSchema } } },
    ...problemResponses,
  },
});

const updateRoute = createRoute({
  method: 'patch',
  path: '/api/v1/flags/{id}',
  summary:
    'Move a flag (open → contacted → resolved or dismissed; closed flags may be reopened), assign it, or add a note',
  description:
    'Every change needs a note and is kept in the history with who made it and when. Send the ' +
    'flag’s `version` as `If-Match` to be refused (409) when someone else changed it meanwhile.',
  tags,
  security: bearerSecurity,
  middleware: [requireUser, requireOfficer, jsonBodyLimit] as const,
  request: {
    params: idParams,
    headers: z.object({ 'if-match': z.string().optional() }),
    body: { required: true, content: { 'application/json': { schema: flagUpdateSchema } } },
  },
  responses: {
    200: { description: 'The flag as it is now', content: { 'application/json': { schema: flagSchema } } },
    ...problemResponses,
  },
});

const noticeRoute = createRoute({
  method: 'post',
  path: '/api/v1/flags/{id}/notices',
  summary: 'Record a notice sent to the organisation about the flag (a letter, an email, a call)',
  description:
    'Kept on the flag (`notices`, oldest first) with who recorded it and when, and as a history ' +
    'entry, in one write. Overdue notices the register sends itself are recorded by it.',
  tags,
  security: bearerSecurity,
  middleware: [requireUser, requireOfficer, jsonBodyLimit] as const,
  request: {
    params: idParams,
    body: {
      required: true,
      content: { 'application/json': { schema: newFlagNoticeSchema.meta({ id: 'NewFlagNotice' }) } },
    },
  },
  responses: {
    201: { description: 'The flag with the notice', content: { 'application/json': { schema: flagSchema } } },
    ...problemResponses,
  },
});

export const FLAG_CSV_COLUMNS = [
  'id',
  'type',
  'status',
  'organisationId',
  'organisationName',
  'year',
  'statementId',
  'revision',
  'sectors',
  'deadline',
  'receivedAt',
  'reason',
  'details',
  'findings',
  'assignee',
  'createdAt',
  'updatedAt',
  'lastNote',
] as const;

export function flagCsvRow(flag: Flag): (string | number)[] {
  return [
    flag.id,
    flag.type,
    flag.status,
    flag.organisationId,
    flag.organisationName,
    flag.year ?? '',
    flag.statementId ?? '',
    flag.revision ?? '',
    flag.sectors.join('; '),
    flag.deadline ?? '',
    flag.receivedAt ?? '',
    flag.reason ?? '',
    flag.details ?? '',
    (flag.findings ?? []).map((finding) => finding.rule).join('; '),
    flag.assignee ?? '',
    flag.createdAt,
    flag.updatedAt,
    flag.history.at(-1)?.note ?? '',
  ];
}

/** Every flag matching the filter, page by page, as a CSV stream (never the whole queue in memory). */
export function flagsCsvStream(
  deps: Pick<AppDeps, 'store'>,
  filter: FlagFilter,
  order: FlagListOptions['order'],
) {
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(toCsv([[...FLAG_CSV_COLUMNS]])));
      }
      const page = await listFlags(deps.store, filter, { order, limit: 100, cursor });
      if (page.items.length > 0) controller.enqueue(encoder.encode(toCsv(page.items.map(flagCsvRow))));
      cursor = page.nextCursor ?? undefined;
      if (!cursor) controller.close();
    },
  });
}

/** A hand-made flag about an organisation or one of its statements. */
export async function createManualFlag(
  deps: Pick<AppDeps, 'store' | 'clock'>,
  officer: User,
  body: NewManualFlag,
): Promise<Flag> {
  const at = deps.clock().toISOString();
  let subject: Parameters<typeof manualFlag>[1];
  if (body.statementId) {
    const statement = await getStatement(deps.store, body.statementId);
    if (!statement) throw invalid([{ path: '/statementId', message: 'There is no statement with this id' }]);
    if (body.organisationId && body.organisationId !== statement.organisationId) {
      throw invalid([{ path: '/organisationId', message: 'The statement belongs to another organisation' }]);
    }
    subject = {
      organisationId: statement.organisationId,
      organisationName: statement.organisationName,
      year: body.year ?? statement.year,
      statementId: statement.id,
      sectors: statement.sectors,
    };
  } else {
    const organisation = await getOrganisation(deps.store, body.organisationId ?? '');
    if (!organisation)
      throw invalid([{ path: '/organisationId', message: 'There is no organisation with this id' }]);
    subject = {
      organisationId: organisation.id,
      organisationName: organisation.name,
      year: body.year ?? null,
    };
  }
  const flag = manualFlag(newId(deps.clock()), subject, body.note, officer.email, at, body.assignee ?? null);
  await raise(deps.store, { flag });
  return flag;
}

/** An officer's PATCH: checked against the lifecycle and the version they read. */
export async function changeFlag(
  deps: Pick<AppDeps, 'store' | 'clock'>,
  officer: User,
  id: string,
  update: z.infer<typeof flagUpdateSchema>,
  ifMatch?: string,
): Promise<Flag> {
  const flag = await getFlag(deps.store, id, { consistent: true });
  if (!flag) throw notFound('The flag');
  const expected =
    ifMatch === undefined ? flag.version : Number(ifMatch.replace(/^W\//, '').replaceAll('"', ''));
  if (!Number.isInteger(expected))
    throw invalid([{ path: '/if-match', message: 'If-Match must be the flag’s version' }]);
  const plan = planUpdate(flag, update, officer.email, deps.clock().toISOString());
  return updateFlag(deps.store, flag, expected, plan);
}

export function officersFlagsApi(deps: AppDeps) {
  const app = apiRouter();

  app.openapi(listRoute, async (c) => {
    const query = c.req.valid('query');
    c.header('cache-control', 'private, no-store');
    return c.json(
      await listFlags(deps.store, flagFilterOf(query), {
        order: query.order,
        limit: query.limit,
        cursor: query.cursor,
      }),
      200,
    );
  });

  app.openapi(exportRoute, async (c) => {
    const query = c.req.valid('query');
    return new Response(flagsCsvStream(deps, flagFilterOf(query), query.order), {
      status: 200,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="flags.csv"',
        'cache-control': 'private, no-store',
      },
    }) as never;
  });

  app.openapi(getRoute, async (c) => {
    const flag = await getFlag(deps.store, c.req.valid('param').id);
    if (!flag) throw notFound('The flag');
    c.header('cache-control', 'private, no-store');
    c.header('etag', `"${flag.version}"`);
    return c.json(flag, 200);
  });

  app.openapi(createFlagRoute, async (c) => {
    const flag = await createManualFlag(deps, currentUser(c), c.req.valid('json'));
    c.header('location', `/api/v1/flags/${flag.id}`);
    return c.json(flag, 201);
  });

  app.openapi(noticeRoute, async (c) => {
    const id = c.req.valid('param').id;
    const recorded = await recordFlagNotice(deps.store, id, {
      at: deps.clock().toISOString(),
      by: currentUser(c).email,
      ...c.req.valid('json'),
    });
    const flag = recorded ? await getFlag(deps.store, id, { consistent: true }) : undefined;
    if (!flag) throw notFound('The flag');
    c.header('location', `/api/v1/flags/${id}`);
    return c.json(flag, 201);
  });

  app.openapi(updateRoute, async (c) => {
    const flag = await changeFlag(
      deps,
      currentUser(c),
      c.req.valid('param').id,
      c.req.valid('json'),
      c.req.valid('header')['if-match'],
    );
    c.header('etag', `"${flag.version}"`);
    return c.json(flag, 200);
  });

  return app;
}
