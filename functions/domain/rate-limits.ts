import type { Store } from '../store/store.ts';
import { type AttemptWindow, attemptWindow, returnAttempt, takeAttempt } from '../store/throttle/attempts.ts';
import { throttled } from './errors.ts';

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
  /** Searches (API and pages) per address per minute. */
  search: { limit: 60, windowSeconds: 60 },
  /** Checks without storing (API and the /check page) per address per minute. */
  check: { limit: 10, windowSeconds: 60 },
  /** Statement writes (create, replace, submit; API and pages) per user per hour. */
  drafts: { limit: 30, windowSeconds: 3600 },
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

const MESSAGES: Record<RateRule, string> = {
  search: 'Too many searches from your connection.',
  check: 'Too many checks from your connection.',
  drafts: 'Too many statement changes from your account.',
  enrolment: 'Too many wrong enrolment codes.',
  signIn: 'Too many sign-ins from your connection.',
  reports: 'Too many reports from your connection.',
};

export interface RateDeps {
  store: Store;
  clock: () => Date;
  limits?: RateLimits | undefined;
}

export interface SpentSlots {
  windows: AttemptWindow[];
}

/**
 * Counts one hit of `rule` against each of `who` (e.g. ["user:…", "address:…"]) — one conditional
 * write each, in order, stopping at the first that is full — or throws `throttled` with the
 * seconds until that window ends (Retry-After).
 */
export async function spend(deps: RateDeps, rule: RateRule, who: readonly string[]): Promise<SpentSlots> {
  const { limit, windowSeconds } = (deps.limits ?? DEFAULT_RATE_LIMITS)[rule];
  const now = deps.clock();
  const windows: AttemptWindow[] = [];
  for (const one of who) {
    const window = attemptWindow(rule, one, now, windowSeconds);
    if (!(await takeAttempt(deps.store, window, limit))) {
      const retryAfter = Math.max(1, window.windowEnd - Math.floor(now.getTime() / 1000));
      const minutes = Math.ceil(retryAfter / 60);
      throw throttled(
        `${MESSAGES[rule]} Try again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}.`,
        retryAfter,
      );
    }
    windows.push(window);
  }
  return { windows };
}

/** Gives back what `spend` took (a hit that should not count, e.g. a right enrolment code). */
export async function refund(deps: RateDeps, spent: SpentSlots): Promise<void> {
  await Promise.all(spent.windows.map((window) => returnAttempt(deps.store, window)));
}
