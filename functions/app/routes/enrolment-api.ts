import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { auditEventSchema, auditQuerySchema } from '../../../schemas/audit.ts';
import { pageOf } from '../../../schemas/common.ts';
import { enrolmentBodySchema, enrolmentResultSchema, meSchema } from '../../../schemas/membership.ts';
import { createdOrganisationSchema, newOrganisationSchema } from '../../../schemas/organisation.ts';
import {
  addEnrolmentCode,
  addOrganisation,
  organisationsOf,
  redeemCode,
} from '../../domain/submissions/organisations.ts';
import { listAuditEvents } from '../../store/audit/list-audit-events.ts';
import {
  apiRouter,
  bearerSecurity,
  jsonBodyLimit,
  problem,
  problemResponses,
  registerBearerAuth,
} from '../api-kit.ts';
import { currentUser, requireOfficer, requireUser } from '../auth.ts';
import { clientAddress } from '../client-address.ts';
import type { AppDeps } from '../deps.ts';
import { idempotent } from '../idempotency.ts';

const idempotencyHeader = z.object({
  'idempotency-key': z.string().optional().meta({
    description: 'Makes a retried POST answer the first answer instead of acting twice (kept a day).',
  }),
});

const addOrganisationRoute = createRoute({
  method: 'post',
  path: '/api/v1/organisations',
  summary: 'Add an organisation (officers); answers its enrolment code, shown this once',
  tags: ['Compliance officers'],
  security: bearerSecurity,
  middleware: [requireUser, requireOfficer, jsonBodyLimit] as const,
  request: {
    headers: idempotencyHeader,
    body: {
      required: true,
      content: { 'application/json': { schema: newOrganisationSchema.meta({ id: 'NewOrganisation' }) } },
    },
  },
  responses: {
    201: {
      description: 'Added; only the enrolment code’s hash is stored',
      content: { 'application/json': { schema: createdOrganisationSchema } },
    },
    ...problemResponses,
  },
});

const addCodeRoute = createRoute({
  method: 'post',
  path: '/api/v1/organisations/{orgId}/enrolment-codes',
  summary: 'Issue a further enrolment code for an organisation (officers); each code enrols one person',
  tags: ['Compliance officers'],
  security: bearerSecurity,
  middleware: [requireUser, requireOfficer, jsonBodyLimit] as const,
  request: { params: z.object({ orgId: z.string().min(1).max(64) }), headers: idempotencyHeader },
  responses: {
    201: {
      description: 'Issued; shown this once, stored only as a hash',
      content: { 'application/json': { schema: createdOrganisationSchema.omit({ id: true }) } },
    },
    ...problemResponses,
  },
});

const enrolRoute = createRoute({
  method: 'post',
  path: '/api/v1/enrolments',
  summary: 'Redeem an organisation’s enrolment code: you may act for it from then on',
  description:
    'Only for a confirmed email address: an ID token without `email_verified: true` answers 403, saying to confirm the address with the sign-in service first.',
  tags: ['Submitters'],
  security: bearerSecurity,
  middleware: [requireUser, jsonBodyLimit] as const,
  request: {
    headers: idempotencyHeader,
    body: { required: true, content: { 'application/json': { schema: enrolmentBodySchema } } },
  },
  responses: {
    201: { description: 'Enrolled', content: { 'application/json': { schema: enrolmentResultSchema } } },
    ...problemResponses,
    429: problem('Too many wrong codes; wait and try again'),
  },
});

const meRoute = createRoute({
  method: 'get',
  path: '/api/v1/me',
  summary: 'The signed-in user and the organisations they may act for',
  tags: ['Submitters'],
  security: bearerSecurity,
  middleware: [requireUser] as const,
  responses: {
    200: { description: 'You', content: { 'application/json': { schema: meSchema } } },
    401: problemResponses[401],
  },
});

const auditRoute = createRoute({
  method: 'get',
  path: '/api/v1/audit',
  summary: 'Who did what and when (officers): every change to an organisation, membership or statement',
  tags: ['Compliance officers'],
  security: bearerSecurity,
  middleware: [requireUser, requireOfficer] as const,
  request: { query: auditQuerySchema },
  responses: {
    200: {
      description: 'Newest first',
      content: { 'application/json': { schema: pageOf(auditEventSchema).meta({ id: 'AuditPage' }) } },
    },
    ...problemResponses,
  },
});

export function enrolmentApi(deps: AppDeps) {
  const app = apiRouter();
  registerBearerAuth(app);

  app.openapi(addOrganisationRoute, async (c) => {
    const officer = currentUser(c);
    const body = c.req.valid('json');
    return idempotent(c, deps, officer, body, async (idempotency) => ({
      status: 201 as const,
      body: await addOrganisation(deps, officer, body, idempotency),
    })) as never;
  });

  app.openapi(addCodeRoute, async (c) => {
    const officer = currentUser(c);
    const { orgId } = c.req.valid('param');
    return idempotent(c, deps, officer, { orgId }, async (idempotency) => ({
      status: 201 as const,
      body: await addEnrolmentCode(deps, officer, orgId, idempotency),
    })) as never;
  });

  app.openapi(enrolRoute, async (c) => {
    const user = currentUser(c);
    const { code } = c.req.valid('json');
    return idempotent(c, deps, user, { code }, async (idempotency) => ({
      status: 201 as const,
      body: await redeemCode(deps, user, code, idempotency, clientAddress(c)),
    })) as never;
  });

  app.openapi(meRoute, async (c) => {
    const user = currentUser(c);
    c.header('cache-control', 'private, no-store');
    return c.json({ user, organisations: await organisationsOf(deps.store, user) }, 200);
  });

  app.openapi(auditRoute, async (c) => {
    const query = c.req.valid('query');
    c.header('cache-control', 'private, no-store');
    return c.json(await listAuditEvents(deps.store, query), 200);
  });

  return app;
}
