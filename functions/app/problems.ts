import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as z from 'zod';
import type { Problem } from '../../schemas/problem.ts';
import { DomainError, type FieldError } from '../domain/errors.ts';

const byKind: Record<DomainError['kind'], { status: ContentfulStatusCode; title: string }> = {
  bad_request: { status: 400, title: 'Bad request' },
  unauthenticated: { status: 401, title: 'Not signed in' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  too_large: { status: 413, title: 'Request too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  invalid: { status: 422, title: 'Invalid request' },
  throttled: { status: 429, title: 'Too many requests' },
  unavailable: { status: 503, title: 'Service unavailable' },
};

const titleByStatus: Partial<Record<number, string>> = {
  ...Object.fromEntries(Object.values(byKind).map(({ status, title }) => [status, title])),
  // Answered by the local front (functions/local/front.ts) when the app does not answer.
  502: 'Bad gateway',
};

export function problemTypeFor(status: number): string {
  return `https://register.example/problems/${status}`;
}

export function problemBody(status: number, detail?: string, errors?: FieldError[]): Problem {
  return {
    type: problemTypeFor(status),
    title: titleByStatus[status] ?? (status >= 500 ? 'Internal server error' : 'Error'),
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
  return c.body(JSON.stringify(problemBody(status, detail, errors)), status, {
    'content-type': 'application/problem+json',
  });
}

/** zod issue paths → JSON pointers ("/areas/training/reason"). */
export function fieldErrorsFromZod(issues: readonly z.core.$ZodIssue[], prefix = ''): FieldError[] {
  return issues.map((issue) => ({
    path: `${prefix}/${issue.path.map((part) => String(part).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`,
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
    const { status } = byKind[error.kind];
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
