import type { User } from '../../schemas/user.ts';
import type { Render } from '../../web/render.ts';
import type { Archive } from '../domain/archive.ts';
import type { RateLimits } from '../domain/rate-limits.ts';
import type { SessionSettings } from '../domain/session-settings.ts';
import type { DevTokenIssuer, HostedSignIn, Verifier } from '../domain/verifier.ts';
import type { Letters } from '../mail/letters.ts';
import type { Store } from '../store/store.ts';
import type { ErrorLogger } from './problems.ts';

/** Everything the app needs from outside, passed in so tests and Lambda wire it differently. */
export interface AppDeps {
  store: Store;
  /** The time now; tests pass a fixed clock. */
  clock: () => Date;
  render: Render;
  log: ErrorLogger;
  /** Checks bearer tokens and signed-in ID tokens: Cognito's JWKS in AWS, the development issuer locally. */
  verifier: Verifier;
  /** Keeps the register's copy of uploaded statement files (S3 in AWS, the data folder locally). */
  archive: Archive;
  /** Local development only (functions/local/*, tests): signs tokens for the /sign-in page. */
  devIssuer?: DevTokenIssuer;
  /** Posts letters (an added organisation's enrolment code): locally the dev outbox; none in AWS yet (officers verify). */
  letters?: Letters | undefined;
  /** AWS only: sign-in through Cognito's managed login pages (/sign-in, /auth/callback). */
  hostedSignIn?: HostedSignIn | undefined;
  /** The register's public address (PUBLIC_BASE_URL, e.g. https://register.example.org): the base
   * of problem type URIs and the OpenAPI document's server. Never taken from the request's Host. */
  siteAddress?: string | undefined;
  /** ACCESSIBILITY_CONTACT_EMAIL: the accessibility statement's contact; without it the page says none is set. */
  accessibilityContact?: string | undefined;
  /** AWS only: the secret CloudFront adds to each request; requests without it are refused. */
  originSecret?: string | undefined;
  /** AWS only, while that secret is rotated: the value being rotated to, accepted as well. */
  originSecretNext?: string | undefined;
  /** Abuse limits (functions/config.ts); the defaults of functions/domain/rate-limits.ts without. */
  limits?: RateLimits | undefined;
  /** Session lifetimes and cookie security (functions/config.ts); DEFAULT_SESSION_SETTINGS without. */
  sessions?: SessionSettings | undefined;
}

/** Per-request values set by middleware. */
export interface AppEnv {
  Variables: {
    secureHeadersNonce?: string;
    /** Set by the authentication middleware when the request carries valid credentials. */
    user?: User;
    /** The form token every page POST must carry (derived from the session id; set with `user`). */
    csrfToken?: string;
    /** The site's address as viewers see it, when a trusted edge says so (functions/app/edge.ts). */
    publicOrigin?: string;
    /** AppDeps.siteAddress, for the problem answers (functions/app/problems.ts). */
    siteAddress?: string;
  };
}
