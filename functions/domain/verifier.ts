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
  sign(input: { email: string; officer: boolean }): Promise<string>;
  /** Lifetime of the tokens it signs, in seconds (the session cookie lasts as long). */
  readonly lifetimeSeconds: number;
}
