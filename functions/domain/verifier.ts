import type { User } from '../../schemas/user.ts';

/**
 * Turns a bearer token into the signed-in user, or throws `unauthenticated`. One interface for
 * both identity providers: Cognito's JWKS in AWS, the development issuer's key set locally.
 */
export interface Verifier {
  verify(token: string): Promise<User>;
}

/** Signs tokens for the local development issuer; absent in the deployed stack. */
export interface DevTokenIssuer {
  sign(input: { email: string; officer: boolean; emailVerified?: boolean }): Promise<string>;
  /** Lifetime of the tokens it signs, in seconds (for `register dev-token`; sessions have their own). */
  readonly lifetimeSeconds: number;
}

/**
 * Sign-in through an identity provider's own pages (Cognito managed login in AWS): OAuth 2.0
 * authorisation code with PKCE. The app sends people to `authorizeUrl` and, when they come back
 * with a code, exchanges it for an ID token that the Verifier accepts; the register then starts its
 * own server-side session (functions/domain/sessions.ts).
 */
export interface HostedSignIn {
  authorizeUrl(request: { state: string; codeChallenge: string }): string;
  /** The ID token for a code; throws a DomainError when the provider refuses it. */
  exchangeCode(request: { code: string; codeVerifier: string }): Promise<string>;
  /**
   * Where to send people after the register's own session is ended, so the provider ends its
   * session too (otherwise the next "Sign in" would let them straight back in without asking).
   */
  signOutUrl(): string;
}
