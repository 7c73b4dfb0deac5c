/**
 * Typed errors the domain raises. They carry no HTTP knowledge; the app's problem mapper
 * (functions/app/problems.ts) turns each kind into an RFC 9457 answer.
 */
export interface FieldError {
  /** JSON path of the bad field, e.g. "/signatory/firstName". */
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind:
      | 'bad_request'
      | 'unauthenticated'
      | 'forbidden'
      | 'not_found'
      | 'conflict'
      | 'too_large'
      | 'unsupported_media_type'
      | 'invalid'
      | 'throttled'
      | 'unavailable',
    message: string,
    readonly fieldErrors: FieldError[] = [],
    /** For `throttled`: when the caller may try again, in seconds (the answer's Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badRequest = (message: string) => new DomainError('bad_request', message);
export const unauthenticated = (message = 'Sign in to do this.') =>
  new DomainError('unauthenticated', message);
export const forbidden = (message = 'You are not allowed to do this.') =>
  new DomainError('forbidden', message);
export const notFound = (what: string) => new DomainError('not_found', `${what} was not found.`);
export const conflict = (message: string) => new DomainError('conflict', message);
export const tooLarge = (message: string) => new DomainError('too_large', message);
export const unsupportedMediaType = (message: string) => new DomainError('unsupported_media_type', message);
export const invalid = (errors: FieldError[], message = 'Some fields are not valid.') =>
  new DomainError('invalid', message, errors);
export const throttled = (message = 'Too many attempts; try again later.', retryAfterSeconds?: number) =>
  new DomainError('throttled', message, [], retryAfterSeconds);
