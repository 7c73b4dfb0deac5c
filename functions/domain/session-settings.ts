/**
 * How long a web session lasts (README "Operations"). Without activity for `idleSeconds` it ends;
 * whatever the activity, it ends `absoluteSeconds` after sign-in. Kept apart from the session
 * code so configuration can read the defaults without the store.
 */
export interface SessionSettings {
  idleSeconds: number;
  absoluteSeconds: number;
  /**
   * `Secure` cookie named with the `__Host-` prefix. Off only for the local server on plain http,
   * where a browser other than Chromium would drop a Secure cookie.
   */
  secureCookie: boolean;
  /**
   * Only read sessions: no idle refresh, no clean-up of an ended one (the check function, whose
   * IAM allows GetItem on SESSION# items alone). Its pages still know who is signed in.
   */
  readOnly?: boolean;
}

/** OWASP's range for a low-risk service: 30 minutes idle, one working day (8 hours) at most. */
export const DEFAULT_SESSION_SETTINGS: SessionSettings = {
  idleSeconds: 30 * 60,
  absoluteSeconds: 8 * 3600,
  secureCookie: true,
};
