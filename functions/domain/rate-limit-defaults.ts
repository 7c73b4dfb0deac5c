/**
 * The abuse limits and their defaults, apart from the code that spends them: config.ts reads them
 * in every function, and the rotation function must not carry the store with them.
 */
/** The register's abuse limits: each is `limit` hits per fixed window of `windowSeconds`. */
export const RATE_RULES = ['search', 'check', 'drafts', 'enrolment', 'signIn', 'reports'] as const;
export type RateRule = (typeof RATE_RULES)[number];
export interface RateLimit {
  limit: number;
  windowSeconds: number;
}
export type RateLimits = Record<RateRule, RateLimit>;

/** What a real register would choose (README "Operations"); each is configuration (functions/config.ts). */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  /**
   * Searches (API and pages) per address per minute. 120 a minute is the ceiling Companies House
   * puts on its public API (600 per 5 minutes): scripts and people sharing an office address pass,
   * a flood is refused within its first second.
   */
  search: { limit: 120, windowSeconds: 60 },
  /** Checks without storing (API and the /check page) per address per minute: the same ceiling. */
  check: { limit: 120, windowSeconds: 60 },
  /**
   * Statement writes (create, replace, submit; API and pages) per user per hour: each saved page of
   * the statement form is one, so a business writing and revising a statement in an hour stays well
   * under it, and a script creating drafts in a loop is stopped.
   */
  drafts: { limit: 200, windowSeconds: 3600 },
  /** Wrong enrolment codes per user, and per address, per 15 minutes. */
  enrolment: { limit: 5, windowSeconds: 15 * 60 },
  /** Sign-ins per address per minute. */
  signIn: { limit: 10, windowSeconds: 60 },
  /** Public reports per address per hour. */
  reports: { limit: 10, windowSeconds: 3600 },
};

/** Every limit at `limit` per its usual window: for load and browser runs from one address, not for users. */
export const rateLimitsAllowing = (limit: number): RateLimits => {
  const { search, check, drafts, enrolment, signIn, reports } = DEFAULT_RATE_LIMITS;
  return {
    search: { ...search, limit },
    check: { ...check, limit },
    drafts: { ...drafts, limit },
    enrolment: { ...enrolment, limit },
    signIn: { ...signIn, limit },
    reports: { ...reports, limit },
  };
};
