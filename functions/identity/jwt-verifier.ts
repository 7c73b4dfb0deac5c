import { createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import * as z from 'zod';
import { type User, userSchema } from '../../schemas/user.ts';
import { unauthenticated } from '../domain/errors.ts';
import type { Verifier } from '../domain/verifier.ts';

/** The group whose members are compliance officers (a Cognito user pool group). */
export const OFFICERS_GROUP = 'officers';

const claimsSchema = z.object({
  sub: z.string().min(1),
  email: z.email(),
  token_use: z.literal('id'),
  'cognito:groups': z.array(z.string()).optional(),
  // Cognito writes a boolean; some flows have written the string "true".
  email_verified: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
});

/** The oldest ID token accepted, whatever its `exp` says (Cognito's longest ID-token lifetime is a day). */
export const MAX_TOKEN_AGE = '24h';

export interface JwtVerifierOptions {
  /** The key set: remote (Cognito's JWKS) or local (the development issuer). */
  keys: JWTVerifyGetKey;
  issuer: string;
  /** The app client id: an ID token's `aud`. */
  audience: string;
  algorithms?: string[];
}

/**
 * Verifies ID tokens (signature, issuer, audience, `exp` and `iat` required, at most a day old)
 * the way Cognito issues them: `sub`, `email`, `email_verified`, `token_use: "id"`, and
 * `cognito:groups` for officers.
 */
export function createJwtVerifier(options: JwtVerifierOptions): Verifier {
  return {
    async verify(token: string): Promise<User> {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, options.keys, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: options.algorithms ?? ['RS256', 'ES256'],
          clockTolerance: 5,
          // A token without an expiry would be good for ever: refused, and none older than a day.
          requiredClaims: ['exp', 'iat'],
          maxTokenAge: MAX_TOKEN_AGE,
        }));
      } catch (error) {
        if (error instanceof errors.JOSEError || error instanceof TypeError) {
          throw unauthenticated('The token is not valid or has expired. Sign in again.');
        }
        throw error;
      }
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) throw unauthenticated('The token does not carry the expected claims.');
      return userSchema.parse({
        id: claims.data.sub,
        email: claims.data.email,
        isOfficer: (claims.data['cognito:groups'] ?? []).includes(OFFICERS_GROUP),
        emailVerified: claims.data.email_verified === true || claims.data.email_verified === 'true',
      });
    },
  };
}

/** Cognito user pool ID tokens, checked against the pool's published JWKS. */
export function createCognitoVerifier(options: { issuer: string; clientId: string }): Verifier {
  const keys = createRemoteJWKSet(new URL(`${options.issuer.replace(/\/$/, '')}/.well-known/jwks.json`));
  return createJwtVerifier({
    keys,
    issuer: options.issuer,
    audience: options.clientId,
    algorithms: ['RS256'],
  });
}
