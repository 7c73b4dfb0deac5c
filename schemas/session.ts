import * as z from 'zod';
import { timestampSchema } from './common.ts';

/**
 * A server-side session (the web pages' sign-in): what the register keeps under the hash of the
 * session id the cookie holds. Memberships are not copied here: they are read from their own
 * items on every request that needs them, so an enrolment takes effect at once in every session.
 */
export const sessionRecordSchema = z.object({
  userId: z.string().min(1),
  email: z.email(),
  emailVerified: z.boolean(),
  /** In the officers group when the person signed in (the identity provider's word). */
  isOfficer: z.boolean(),
  createdAt: timestampSchema,
  /** Last time a request refreshed the idle deadline (refreshed at most every few minutes). */
  lastSeenAt: timestampSchema,
  /** The absolute deadline: createdAt + the absolute lifetime, never extended. */
  absoluteExpiresAt: timestampSchema,
});

export type SessionRecord = z.infer<typeof sessionRecordSchema>;

/** The per-user index entry of a session: enough to end the user's sessions without reading each. */
export const userSessionEntrySchema = z.object({
  sessionHash: z.string().min(1),
  isOfficer: z.boolean(),
  createdAt: timestampSchema,
});

export type UserSessionEntry = z.infer<typeof userSessionEntrySchema>;
