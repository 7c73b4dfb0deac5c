import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { problemSchema } from '../../schemas/problem.ts';
import { invalid, tooLarge } from '../domain/errors.ts';
import type { AppEnv } from './deps.ts';
import { fieldErrorsFromZod } from './problems.ts';

/** A router for JSON routes whose validation failures become 422 problem+json with JSON paths. */
export function apiRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw invalid(fieldErrorsFromZod(result.error.issues));
    },
  });
}

/** Request bodies larger than this are refused with 413 before they are read. */
export const JSON_BODY_LIMIT = 1024 * 1024;
export const UPLOAD_LIMIT = 10 * 1024 * 1024;

export const jsonBodyLimit: MiddlewareHandler = bodyLimit({
  maxSize: JSON_BODY_LIMIT,
  onError: () => {
    throw tooLarge('The request body must be at most 1 MB.');
  },
});

export const uploadBodyLimit: MiddlewareHandler = bodyLimit({
  maxSize: UPLOAD_LIMIT,
  onError: () => {
    throw tooLarge('The file must be at most 10 MB.');
  },
});

/** A problem+json answer in the OpenAPI document. */
export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

/** The error answers a signed-in JSON route can give, for the OpenAPI document. */
export const problemResponses = {
  400: problem('Malformed request (e.g. the body is not valid JSON)'),
  401: problem('No credentials, or the token is not valid'),
  403: problem('Not allowed (e.g. not enrolled for the organisation)'),
  404: problem('Unknown id'),
  409: problem('Conflict: stale If-Match, duplicate, or a reused Idempotency-Key'),
  413: problem('The body is too large'),
  415: problem('Wrong media type'),
  422: problem('Invalid fields: `errors` names each by its JSON path'),
} as const;

export const bearerSecurity = [{ bearerAuth: [] }];

export function registerBearerAuth(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A Cognito ID token (locally: `npx register dev-token --email you@example.com`).',
  });
}
