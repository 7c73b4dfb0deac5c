import { createHash, randomBytes } from 'node:crypto';
import type { SessionRecord } from '../../schemas/session.ts';
import type { User } from '../../schemas/user.ts';
import { deleteSessions } from '../store/sessions/delete-sessions.ts';
import { getSession } from '../store/sessions/get-session.ts';
import { listSessionsOfUser } from '../store/sessions/list-sessions-of-user.ts';
import { putSession } from '../store/sessions/put-session.ts';
import { touchSession } from '../store/sessions/touch-session.ts';
import type { Store } from '../store/store.ts';
import type { SessionSettings } from './session-settings.ts';

export interface SessionDeps {
  store: Store;
  clock: () => Date;
}

/** 32 random bytes, base64url: what the cookie holds. Only its hash is stored. */
export const newSessionId = () => randomBytes(32).toString('base64url');

export const sessionHash = (sessionId: string) => createHash('sha256').update(sessionId).digest('base64url');

/** Anything else in the cookie (a JWT, junk) is not looked up at all. */
export const looksLikeSessionId = (value: string) => /^[A-Za-z0-9_-]{43}$/.test(value);

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** The idle deadline moves on at most this often, so a busy session costs one write per few minutes. */
const touchEverySeconds = (settings: SessionSettings) => Math.max(1, Math.min(300, settings.idleSeconds / 6));

function idleDeadline(record: SessionRecord, settings: SessionSettings): Date {
  const idle = Date.parse(record.lastSeenAt) + settings.idleSeconds * 1000;
  return new Date(Math.min(idle, Date.parse(record.absoluteExpiresAt)));
}

/**
 * Starts a session for a person who has just signed in (their ID token verified); returns the id
 * for the cookie. The identity provider's groups are the register's word on who is an officer:
 * the person's other sessions holding another answer were made before a role change, so they are
 * ended here (a demoted officer's old session loses its rights; a promoted one signs in again).
 * `replacing` is the session this browser had (ended, so a sign-in never keeps an old id).
 */
export async function startSession(
  deps: SessionDeps,
  settings: SessionSettings,
  user: User,
  replacing?: string,
): Promise<string> {
  const now = deps.clock();
  const id = newSessionId();
  const hash = sessionHash(id);
  const at = now.toISOString();
  const absoluteExpiresAt = new Date(now.getTime() + settings.absoluteSeconds * 1000).toISOString();
  const record: SessionRecord = {
    userId: user.id,
    email: user.email,
    emailVerified: user.emailVerified === true,
    isOfficer: user.isOfficer,
    createdAt: at,
    lastSeenAt: at,
    absoluteExpiresAt,
  };
  await putSession(deps.store, {
    sessionHash: hash,
    record,
    expiresAt: seconds(idleDeadline(record, settings)),
  });
  const others = await listSessionsOfUser(deps.store, user.id);
  const stale = others
    .filter((entry) => entry.isOfficer !== user.isOfficer)
    .map((entry) => entry.sessionHash);
  if (replacing !== undefined && looksLikeSessionId(replacing)) await endSession(deps, replacing);
  await deleteSessions(deps.store, user.id, stale);
  return id;
}

/**
 * The person a session id stands for, or undefined when there is no such session or it has
 * ended (idle or absolute expiry, by the app's clock: TTL deletion is lazy). One GetItem; a write
 * only when the idle deadline is due to move on.
 */
export async function resumeSession(
  deps: SessionDeps,
  settings: SessionSettings,
  sessionId: string,
): Promise<User | undefined> {
  if (!looksLikeSessionId(sessionId)) return undefined;
  const hash = sessionHash(sessionId);
  const record = await getSession(deps.store, hash);
  if (!record) return undefined;
  const now = deps.clock();
  if (now.getTime() >= idleDeadline(record, settings).getTime()) {
    if (!settings.readOnly) await deleteSessions(deps.store, record.userId, [hash]);
    return undefined;
  }
  if (
    !settings.readOnly &&
    now.getTime() - Date.parse(record.lastSeenAt) >= touchEverySeconds(settings) * 1000
  ) {
    const touched = { ...record, lastSeenAt: now.toISOString() };
    await touchSession(deps.store, {
      sessionHash: hash,
      lastSeenAt: touched.lastSeenAt,
      expiresAt: seconds(idleDeadline(touched, settings)),
    });
  }
  return {
    id: record.userId,
    email: record.email,
    isOfficer: record.isOfficer,
    emailVerified: record.emailVerified,
  };
}

/** Sign-out: the session is deleted, so a copy of the cookie is worth nothing from then on. */
export async function endSession(deps: SessionDeps, sessionId: string): Promise<void> {
  if (!looksLikeSessionId(sessionId)) return;
  const hash = sessionHash(sessionId);
  const record = await getSession(deps.store, hash);
  if (record) await deleteSessions(deps.store, record.userId, [hash]);
}

/**
 * Ends every session of a user (all their devices); answers how many. For operators, after a
 * change the register cannot see (a person removed from the officers group in Cognito).
 */
export async function endSessionsOf(deps: Pick<SessionDeps, 'store'>, userId: string): Promise<number> {
  const entries = await listSessionsOfUser(deps.store, userId);
  await deleteSessions(
    deps.store,
    userId,
    entries.map((entry) => entry.sessionHash),
  );
  return entries.length;
}
