import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { idSchema, timestampSchema } from '../../../schemas/common.ts';
import {
  addedOwnOrganisationSchema,
  organisationSchema,
  ownOrganisationSchema,
} from '../../../schemas/organisation.ts';
import {
  addOwnOrganisation,
  pendingOrganisations,
  verifyOrganisation,
} from '../../domain/submissions/organisations.ts';
import {
  apiRouter,
  bearerSecurity,
  jsonBodyLimit,
  problemResponses,
  registerBearerAuth,
} from '../api-kit.ts';
import { currentUser, requireOfficer, requireUser } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { siteAddressOf } from '../edge.ts';

const addOwnRoute = createRoute({
  method: 'post',
  path: '/api/v1/me/organisations',
  summary:
    'Add your own organisation: usable for drafts at once; its statements are published once it is verified',
  description:
    'The organisation is added pending verification, you may act for it, and an enrolment code is posted to its ' +
    'registered address. Entering that code (POST /api/v1/enrolments), or an officer’s verification, lets its ' +
    'statements be submitted; until then submitting answers 409. An organisation with the same company number ' +
    'already on the register answers 409 with how to enrol for it instead. Only for a confirmed email address: ' +
    'an ID token without `email_verified: true` answers 403.',
  tags: ['Submitters'],
  security: bearerSecurity,
  middleware: [requireUser, jsonBodyLimit] as const,
  request: { body: { required: true, content: { 'application/json': { schema: ownOrganisationSchema } } } },
  responses: {
    201: {
      description: 'Added, pending verification',
      content: { 'application/json': { schema: addedOwnOrganisationSchema } },
    },
    ...problemResponses,
  },
});

const pendingItemSchema = z.object({
  organisationId: idSchema,
  name: z.string(),
  companyNumber: z.string().nullable(),
  addedBy: z.string(),
  createdAt: timestampSchema,
});

const pendingRoute = createRoute({
  method: 'get',
  path: '/api/v1/pending-organisations',
  summary: 'Organisations businesses added that wait for verification (officers), oldest first',
  tags: ['Compliance officers'],
  security: bearerSecurity,
  middleware: [requireUser, requireOfficer] as const,
  responses: {
    200: {
      description: 'The organisations to verify',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(pendingItemSchema) }).meta({ id: 'PendingOrganisations' }),
        },
      },
    },
    ...problemResponses,
  },
});

const verifyRoute = createRoute({
  method: 'post',
  path: '/api/v1/organisations/{orgId}/verify',
  summary: 'Verify an organisation a business added (officers): its statements may be published from then on',
  tags: ['Compliance officers'],
  security: bearerSecurity,
  middleware: [requireUser, requireOfficer, jsonBodyLimit] as const,
  request: { params: z.object({ orgId: z.string().min(1).max(64) }) },
  responses: {
    200: {
      description: 'Verified',
      content: { 'application/json': { schema: organisationSchema.meta({ id: 'Organisation' }) } },
    },
    ...problemResponses,
  },
});

/** A business adds its own organisation; officers verify the ones waiting. */
export function ownOrganisationsApi(deps: AppDeps) {
  const app = apiRouter();
  registerBearerAuth(app);

  app.openapi(addOwnRoute, async (c) => {
    const user = currentUser(c);
    return c.json(await addOwnOrganisation(deps, user, c.req.valid('json'), siteAddressOf(c)), 201);
  });

  app.openapi(pendingRoute, async (c) => {
    c.header('cache-control', 'private, no-store');
    return c.json({ items: await pendingOrganisations(deps.store) }, 200);
  });

  app.openapi(verifyRoute, async (c) => {
    const { orgId } = c.req.valid('param');
    return c.json(await verifyOrganisation(deps, currentUser(c), orgId), 200);
  });

  return app;
}
