import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod';
import type { Problem } from '../../schemas/problem.ts';
import { DomainError, type FieldError } from '../domain/errors.ts';
import type { AppEnv } from './deps.ts';
import { problemTypeOf, problemTypeUri } from './problem-types.ts';

/** The HTTP status of each kind of domain error: the one mapping for API and page answers. */
export const statusByKind: Record<DomainError['kind'], ContentfulStatusCode> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  invalid: 422,
  throttled: 429,
  unavailable: 503,
};

/** The problem details of an answer; `siteAddress` (PUBLIC_BASE_URL) makes the type URI absolute. */
export function problemBody(
  status: number,
  detail?: string,
  errors?: FieldError[],
  siteAddress?: string,
): Problem {
  return {
    type: problemTypeUri(status, siteAddress),
    title: problemTypeOf(status).title,
    status,
    ...(detail ? { detail } : {}),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function problemResponse(
  c: Context,
  status: ContentfulStatusCode,
  detail?: string,
  errors?: FieldError[],
) {
  const siteAddress = (c as Context<AppEnv>).get('siteAddress');
  return c.body(JSON.stringify(problemBody(status, detail, errors, siteAddress)), status, {
    'content-type': 'application/problem+json',
  });
}

/**
 * zod issue paths → JSON pointers (RFC 6901): "/areas/training/reason" for one field, and the
 * empty pointer "" (or `prefix` itself) for the whole document.
 */
export function fieldErrorsFromZod(issues: readonly z.core.$ZodIssue[], prefix = ''): FieldError[] {
  return issues.map((issue) => ({
    path: `${prefix}${issue.path.map((part) => `/${String(part).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('')}`,
    message: issue.message,
  }));
}

export type ErrorLogger = (message: string, error: unknown) => void;

/**
 * The one place errors become answers. Typed errors map to their status; anything else is a
 * bare 500, logged with its cause and never echoed to the caller.
 */
export function mapError(error: unknown, c: Context, log: ErrorLogger): Response {
  if (error instanceof DomainError) {
    const status = statusByKind[error.kind];
    if (error.retryAfterSeconds !== undefined) {
      c.header('retry-after', String(error.retryAfterSeconds));
      c.header('cache-control', 'no-store');
    }
    return problemResponse(c, status, error.message, error.fieldErrors);
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const detail = status === 400 ? 'The request body is not valid JSON.' : error.message || undefined;
    return problemResponse(c, status, detail);
  }
  log('unhandled error', error);
  return problemResponse(c, 500);
}
