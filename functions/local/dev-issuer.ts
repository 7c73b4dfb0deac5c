import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  SignJWT,
} from 'jose';
import * as z from 'zod';
import type { DevTokenIssuer, Verifier } from '../domain/verifier.ts';
import { createJwtVerifier, OFFICERS_GROUP } from '../identity/jwt-verifier.ts';

/**
 * The local development identity provider: an ES256 key pair kept in the data folder
 * (<dataDir>/dev-issuer/key.json), tokens shaped like Cognito ID tokens. Wired only by
 * functions/local/* and tests; the deployed stack (functions/handlers/api.ts) uses Cognito.
 */
export const DEV_ISSUER = 'urn:register:dev-issuer';
export const DEV_AUDIENCE = 'register-local';

const keyFileSchema = z.object({
  privateJwk: z.looseObject({
    kty: z.string(),
    crv: z.string(),
    d: z.string(),
    x: z.string(),
    y: z.string(),
  }),
  publicJwk: z.looseObject({ kty: z.string(), crv: z.string(), x: z.string(), y: z.string() }),
});

export interface DevIssuer extends DevTokenIssuer {
  verifier: Verifier;
}

/** A stable user id per email, so signing in again finds the same organisations. */
export function devUserId(email: string): string {
  return `dev-${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 24)}`;
}

export function dataDirectory(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.REGISTER_DATA_DIR ?? '.data');
}

async function loadOrCreateKeys(dir: string | undefined): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const file = dir ? path.join(dir, 'dev-issuer', 'key.json') : undefined;
  if (file && existsSync(file)) return keyFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const keysOnDisk = { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
  if (file) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(keysOnDisk), { mode: 0o600, flag: 'wx' });
  }
  return keysOnDisk;
}

/** With `dir`, keys persist there (npm start, `register dev-token`); without, they live in memory (tests). */
export async function createDevIssuer(
  options: { dir?: string; lifetimeSeconds?: number } = {},
): Promise<DevIssuer> {
  let keyPair: { privateJwk: JWK; publicJwk: JWK };
  try {
    keyPair = await loadOrCreateKeys(options.dir);
  } catch (error) {
    // Another process created the key file first: read theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    keyPair = await loadOrCreateKeys(options.dir);
  }
  // RFC 7638 thumbprint: the same key gets the same id however its JSON was written.
  const kid = (await calculateJwkThumbprint(keyPair.publicJwk)).slice(0, 16);
  const privateKey = await importJWK(keyPair.privateJwk, 'ES256');
  const lifetimeSeconds = options.lifetimeSeconds ?? 8 * 3600;
  const keys = createLocalJWKSet({ keys: [{ ...keyPair.publicJwk, kid, alg: 'ES256', use: 'sig' }] });
  return {
    lifetimeSeconds,
    verifier: createJwtVerifier({ keys, issuer: DEV_ISSUER, audience: DEV_AUDIENCE, algorithms: ['ES256'] }),
    async sign({ email, officer, emailVerified }) {
      const normalised = email.trim().toLowerCase();
      return new SignJWT({
        email: normalised,
        // Locally anyone may sign in as any address: it counts as confirmed unless a test says not.
        email_verified: emailVerified ?? true,
        token_use: 'id',
        'cognito:groups': officer ? [OFFICERS_GROUP] : [],
      })
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
        .setSubject(devUserId(normalised))
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${lifetimeSeconds}s`)
        .sign(privateKey);
    },
  };
}
