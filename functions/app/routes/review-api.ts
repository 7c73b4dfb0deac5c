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
import { requestReview, reviewFinding } from '../../domain/reviews/reviews.ts';
import { apiRouter, bearerSecurity, jsonBodyLimit, problemResponses } from '../api-kit.ts';
import { currentUser, requireOfficer, requireUser } from '../auth.ts';
import type { AppDeps } from '../deps.ts';

export const reviewOutcomeSchema = z
  .object({ finding: findingSchema, summary: checkSummarySchema })
  .meta({ id: 'FindingReviewOutcome' });

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
    'is shown as `outdated`.',
  tags: ['Compliance officers'],
  security: bearerSecurity,
  middleware: [requireUser, requireOfficer, jsonBodyLimit] as const,
  request: {
    params: reviewRuleParamsSchema,
    body: { required: true, content: { 'application/json': { schema: findingReviewInputSchema } } },
  },
  responses: {
    201: {
      description: 'The finding as the public now sees it, and the recomputed summary',
      content: { 'application/json': { schema: reviewOutcomeSchema } },
    },
    ...problemResponses,
  },
});

const requestRoute = createRoute({
  method: 'post',
  path: '/api/v1/statements/{id}/findings/{rule}/review-requests',
  summary: 'Ask the register to review a finding of your statement’s latest check',
  description:
    'For people enrolled for the statement’s organisation, with a reason. Opens a `review_request` ' +
    'flag in the officers’ queue carrying the statement and the rule; 409 while a request for the ' +
    'same finding is still open.',
  tags: ['Submitters'],
  security: bearerSecurity,
  middleware: [requireUser, jsonBodyLimit] as const,
  request: {
    params: reviewRuleParamsSchema,
    body: { required: true, content: { 'application/json': { schema: reviewRequestInputSchema } } },
  },
  responses: {
    201: { description: 'The new flag', content: { 'application/json': { schema: flagSchema } } },
    ...problemResponses,
  },
});

/** Reviews of automated findings by officers, and businesses' requests for them. */
export function reviewApi(deps: AppDeps) {
  const app = apiRouter();

  app.openapi(reviewRoute, async (c) => {
    const { id, rule } = c.req.valid('param');
    const outcome = await reviewFinding(deps, currentUser(c), id, rule, c.req.valid('json'));
    c.header('cache-control', 'private, no-store');
    return c.json(outcome, 201);
  });

  app.openapi(requestRoute, async (c) => {
    const { id, rule } = c.req.valid('param');
    const flag = await requestReview(deps, currentUser(c), id, rule, c.req.valid('json'));
    c.header('cache-control', 'private, no-store');
    return c.json(flag, 201);
  });

  return app;
}
