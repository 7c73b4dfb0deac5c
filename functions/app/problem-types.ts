/**
 * The register's problem types (RFC 9457 `type`): one page each at `/problems/<name>` that says
 * what the answer means and what to do about it. The type URI is absolute when the site's address
 * is configured (PUBLIC_BASE_URL), never taken from the request's Host; otherwise it is the
 * relative reference `/problems/<name>`, resolved against the address the answer came from.
 */
export interface ProblemType {
  name: string;
  status: number;
  title: string;
  /** What it means and what to do, in plain English, for the page at /problems/<name>. */
  explanation: string;
}

export const PROBLEM_TYPES: readonly ProblemType[] = [
  {
    name: 'bad-request',
    status: 400,
    title: 'Bad request',
    explanation:
      'The request could not be read: for example its body is not valid JSON, or a query parameter is malformed. Correct the request and send it again.',
  },
  {
    name: 'not-signed-in',
    status: 401,
    title: 'Not signed in',
    explanation:
      'The request carried no credentials, or the bearer token is not valid or has expired (an ID token must carry `exp` and be at most a day old), or the page session has ended (signed out, idle, or too old). Send `Authorization: Bearer <token>` with a current ID token; the API takes the token only as a bearer, and the session cookie only as a cookie.',
  },
  {
    name: 'forbidden',
    status: 403,
    title: 'Forbidden',
    explanation:
      'You are signed in but may not do this: for example you do not act for the organisation, the action is for compliance officers only, or enrolment needs an email address the sign-in service has confirmed (`email_verified`).',
  },
  {
    name: 'not-found',
    status: 404,
    title: 'Not found',
    explanation: 'There is nothing at this address, or the id is not known to the register.',
  },
  {
    name: 'conflict',
    status: 409,
    title: 'Conflict',
    explanation:
      'The request conflicts with what the register holds: the `If-Match` revision is stale (fetch the statement again), the organisation already exists, or an `Idempotency-Key` was reused with a different body.',
  },
  {
    name: 'too-large',
    status: 413,
    title: 'Request too large',
    explanation: 'The body is larger than the register accepts: 1 MB for JSON, 10 MB for an uploaded file.',
  },
  {
    name: 'unsupported-media-type',
    status: 415,
    title: 'Unsupported media type',
    explanation: 'The body is of a type this address does not accept. Check its `Content-Type`.',
  },
  {
    name: 'invalid',
    status: 422,
    title: 'Invalid request',
    explanation:
      'Some fields are not valid. `errors` lists each one with its `path`, a JSON pointer (RFC 6901) into the request body: `/areas/training/reason` is one field, and the empty pointer `""` is the whole document (for example when the body is empty).',
  },
  {
    name: 'precondition-required',
    status: 428,
    title: 'Precondition required',
    explanation:
      'This change needs the `If-Match` header with the revision you last read, so that two people cannot overwrite each other’s work.',
  },
  {
    name: 'throttled',
    status: 429,
    title: 'Too many requests',
    explanation:
      'Too many requests came from you in a short time. Wait a while (see `Retry-After` where given) and try again.',
  },
  {
    name: 'headers-too-large',
    status: 431,
    title: 'Request headers too large',
    explanation:
      'The request line and headers together are larger than 16 KB. Send fewer or shorter headers (for example, clear this site’s cookies) or a shorter address.',
  },
  {
    name: 'internal-error',
    status: 500,
    title: 'Internal server error',
    explanation: 'Something went wrong in the register. It has been logged; try again later.',
  },
  {
    name: 'bad-gateway',
    status: 502,
    title: 'Bad gateway',
    explanation: 'The register did not answer in time. Try again in a moment.',
  },
  {
    name: 'unavailable',
    status: 503,
    title: 'Service unavailable',
    explanation:
      'The register cannot serve requests just now (for example it cannot reach its data). Try again later.',
  },
];

/** Any other client error (one the register does not answer on purpose). */
const OTHER: ProblemType = {
  name: 'error',
  status: 400,
  title: 'Error',
  explanation: 'The request could not be completed. The `detail` says why.',
};

const byStatus = new Map(PROBLEM_TYPES.map((type) => [type.status, type]));
const byName = new Map([...PROBLEM_TYPES, OTHER].map((type) => [type.name, type]));

/** The problem type of an HTTP status; statuses without their own page share the generic error's. */
export function problemTypeOf(status: number): ProblemType {
  return byStatus.get(status) ?? (status >= 500 ? (byStatus.get(500) ?? OTHER) : OTHER);
}

export const problemTypeNamed = (name: string) => byName.get(name);

/** `/problems/<name>` under the configured site address, or relative when there is none. */
export function problemTypeUri(status: number, siteAddress?: string): string {
  return `${(siteAddress ?? '').replace(/\/+$/, '')}/problems/${problemTypeOf(status).name}`;
}
