import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { findingSchema } from '../../../schemas/check-result.ts';
import { flagSchema } from '../../../schemas/flag.ts';
import {
  findingReviewInputSchema,
  reviewRequestInputSchema,
  reviewRuleParamsSchema,
} from '../../../schemas/review.ts';
import { checkSummarySchema } from '../../../schemas/statement-summary.ts';
import { currentFinding, requestReview, reviewFinding } from '../../domain/reviews/reviews.ts';
import { parseIfMatch } from '../../domain/submissions/statements.ts';
import { apiRouter, bearerSecurity, jsonBodyLimit, problem, problemResponses } from '../api-kit.ts';
import { currentUser, requireOfficer, requireUser } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { idempotent } from '../idempotency.ts';
import { problemResponse } from '../problems.ts';

export const reviewOutcomeSchema = z
  .object({
    finding: findingSchema,
    summary: checkSummarySchema,
    etag: z.string().optional().meta({ description: 'The finding’s new version, for the next If-Match' }),
  })
  .meta({ id: 'FindingReviewOutcome' });

const findingOfStatementSchema = z
  .object({
    statementId: z.string(),
    revision: z.number().int().min(1),
    finding: findingSchema,
    etag: z.string().meta({ description: 'The finding’s version: send it back as If-Match to review it' }),
  })
  .meta({ id: 'FindingOfStatement' });

/** Reviews and review requests change a finding someone read: they carry its version. */
const changeHeaders = z.object({
  'if-match': z.string().optional().meta({
    description:
      'The finding’s etag as last read (`GET …/findings/{rule}`, or `"<revision>.<review.version>"`, `.0` before any review); 409 when it changed since.',
  }),
  'idempotency-key': z.string().optional().meta({
    description: 'Makes a retried POST answer the first answer instead of acting twice (kept a day).',
  }),
});

const changeResponses = {
  ...problemResponses,
  409: problem('The finding changed since it was read (stale If-Match), or a reused Idempotency-Key'),
  428: problem('If-Match is required'),
};

const findingRoute = createRoute({
  method: 'get',
  path: '/api/v1/statements/{id}/findings/{rule}',
  summary: 'One finding of a statement’s latest check, as the public sees it, with its version',
  description:
    'The `ETag` header (and `etag`) is the finding’s version: a review or a review request sends it ' +
    'back as `If-Match` and is refused (409) when someone reviewed the finding, or a new revision ' +
    'arrived, meanwhile.',
  tags: ['Public'],
  request: { params: reviewRuleParamsSchema },
  responses: {
    200: {
      description: 'The finding and its version',
      headers: { ETag: { schema: { type: 'string' as const }, description: 'The finding’s version' } },
      content: { 'application/json': { schema: findingOfStatementSchema } },
    },
    ...problemResponses,
  },
});

const reviewRoute = createRoute({
  method: 'post',
  path: '/api/v1/statements/{id}/findings/{rule}/reviews',
  summary: 'Confirm or overturn an automated finding of a statement’s latest check (officers)',
  description:
    'Always with a reason. An overturn sets the finding’s status; the summary (legal minimum, areas ' +
    'covered, rating) is recomputed from the reviewed findings and is what the public sees, marked ' +
    '“reviewed by the register”. The automated result is kept; the audit trail records both findings, ' +
    'who, when and why. A later review of the same finding replaces this one. After a recheck under ' +
    'new rules the review still applies while the rule’s automated status is unchanged; otherwise it ' +
    'is shown as `outdated`. `If-Match` (the finding’s etag) is required: of two officers reviewing ' +
    'the same finding at once, one wins and the other gets 409. A retry with the same ' +
    '`Idempotency-Key` answers the first answer.',
  tags: ['Compliance officers'],
  security: bearerSecurity,
  middleware: [requireUser, requireOfficer, jsonBodyLimit] as const,
  request: {
    params: reviewRuleParamsSchema,
    headers: changeHeaders,
    body: { required: true, content: { 'application/json': { schema: findingReviewInputSchema } } },
  },
  responses: {
    201: {
      description: 'The finding as the public now sees it, and the recomputed summary',
      headers: { ETag: { schema: { type: 'string' as const }, description: 'The finding’s new version' } },
      content: { 'application/json': { schema: reviewOutcomeSchema } },
    },
    ...changeResponses,
  },
});

const requestRoute = createRoute({
  method: 'post',
  path: '/api/v1/statements/{id}/findings/{rule}/review-requests',
  summary: 'Ask the register to review a finding of your statement’s latest check',
  description:
    'For people enrolled for the statement’s organisation, with a reason. Opens a `review_request` ' +
    'flag in the officers’ queue carrying the statement and the rule; 409 while a request for the ' +
    'same finding is still open. `If-Match` (the finding’s etag) is required: 409 when the register ' +
    'reviewed the finding since it was read.',
  tags: ['Submitters'],
  security: bearerSecurity,
  middleware: [requireUser, jsonBodyLimit] as const,
  request: {
    params: reviewRuleParamsSchema,
    headers: changeHeaders,
    body: { required: true, content: { 'application/json': { schema: reviewRequestInputSchema } } },
  },
  responses: {
    201: { description: 'The new flag', content: { 'application/json': { schema: flagSchema } } },
    ...changeResponses,
  },
});

/** Reviews of automated findings by officers, and businesses' requests for them. */
export function reviewApi(deps: AppDeps) {
  const app = apiRouter();

  app.openapi(findingRoute, async (c) => {
    const { id, rule } = c.req.valid('param');
    const { finding, etag, revision } = await currentFinding(deps.store, id, rule);
    c.header('etag', `"${etag}"`);
    c.header('cache-control', 'no-cache');
    return c.json({ statementId: id, revision, finding, etag }, 200);
  });

  const missingIfMatch = (c: Parameters<typeof problemResponse>[0]) =>
    problemResponse(
      c,
      428 as never,
      'Send If-Match with the finding’s etag (GET /api/v1/statements/{id}/findings/{rule}) to change it.',
    ) as never;

  app.openapi(reviewRoute, async (c) => {
    const { id, rule } = c.req.valid('param');
    const ifMatch = parseIfMatch(c.req.header('if-match'));
    if (ifMatch === undefined) return missingIfMatch(c);
    const body = c.req.valid('json');
    c.header('cache-control', 'private, no-store');
    return idempotent(c, deps, currentUser(c), { id, rule, body, ifMatch }, async (idempotency) => {
      const outcome = await reviewFinding(deps, currentUser(c), id, rule, body, { ifMatch, idempotency });
      c.header('etag', `"${outcome.etag}"`);
      return { status: 201, body: outcome };
    }) as never;
  });

  app.openapi(requestRoute, async (c) => {
    const { id, rule } = c.req.valid('param');
    const ifMatch = parseIfMatch(c.req.header('if-match'));
    if (ifMatch === undefined) return missingIfMatch(c);
    const body = c.req.valid('json');
    c.header('cache-control', 'private, no-store');
    return idempotent(c, deps, currentUser(c), { id, rule, body, ifMatch }, async (idempotency) => ({
      status: 201,
      body: await requestReview(deps, currentUser(c), id, rule, body, { ifMatch, idempotency }),
    })) as never;
  });

  return app;
}
