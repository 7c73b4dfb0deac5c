import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { checkDocumentSchema } from '../../../schemas/check-request.ts';
import { checkResultSchema } from '../../../schemas/check-result.ts';
import { apiRouter, problem, problemResponses } from '../api-kit.ts';

/**
 * The contract of `POST /api/v1/check`, apart from the checker that serves it: the api function
 * documents it in its OpenAPI document while the check function (functions/handlers/check.ts)
 * answers it. Its body limit is the serving app's (functions/app/routes/check-api.ts): a
 * `middleware` key here would be copied into the document, where it is not allowed.
 */
export const checkRoute = createRoute({
  method: 'post',
  path: '/api/v1/check',
  summary: 'Check a statement without storing it',
  description:
    'Body: JSON `{statementText, ...submission fields, organisation?}` (or `statementUrl` to fetch it), a multipart form with `file` (PDF, Word .docx, HTML or text) and optional `document` (the submission fields as JSON), or a raw `application/pdf`, `.docx` (`application/vnd.openxmlformats-officedocument.wordprocessingml.document`), `text/html` or `text/plain` body. Answers the check result; nothing is stored. `?offline=true` skips the website checks (their findings are `unknown`).',
  tags: ['Public'],
  request: {
    query: z.object({ offline: z.enum(['true', 'false']).optional() }),
    body: {
      required: true,
      content: {
        'application/json': { schema: checkDocumentSchema.meta({ id: 'CheckRequest' }) },
        'multipart/form-data': {
          schema: z.object({
            file: z.any().optional(),
            document: z.string().optional(),
            statementText: z.string().optional(),
          }),
        },
        'application/pdf': { schema: z.any() },
        'text/html': { schema: z.string() },
        'text/plain': { schema: z.string() },
      },
    },
  },
  responses: {
    200: {
      description: 'The check result',
      content: { 'application/json': { schema: checkResultSchema.meta({ id: 'CheckResult' }) } },
    },
    400: problemResponses[400],
    413: problemResponses[413],
    415: problemResponses[415],
    422: problemResponses[422],
    429: problem('Too many checks from this address; try again later'),
  },
});

/** The check route in the OpenAPI document only, for an app that does not serve it. */
export function checkRouteDocs() {
  const app = apiRouter();
  app.openAPIRegistry.registerPath(checkRoute);
  return app;
}
