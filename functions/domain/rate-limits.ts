import type { Store } from '../store/store.ts';
import { type AttemptWindow, attemptWindow, returnAttempt, takeAttempt } from '../store/throttle/attempts.ts';
import { throttled } from './errors.ts';

import { DEFAULT_RATE_LIMITS, type RateLimits, type RateRule } from './rate-limit-defaults.ts';

export {
  DEFAULT_RATE_LIMITS,
  RATE_RULES,
  type RateLimit,
  type RateLimits,
  type RateRule,
  rateLimitsAllowing,
} from './rate-limit-defaults.ts';

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
