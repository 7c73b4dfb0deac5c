import { conflict } from '../errors.ts';

/**
 * A finding's version as officers and businesses send it back (If-Match): the revision whose
 * check it belongs to, how many times it has been reviewed, and the rules version of the
 * automated result, `"<revision>.<reviews>@<rules>"` — so a decision made on a page read before
 * a recheck (whose automated verdict the person never saw) is refused, not applied.
 */
export function findingEtag(
  revision: number,
  reviewVersion: number | undefined,
  rulesVersion: string,
): string {
  return `${revision}.${reviewVersion ?? 0}@${rulesVersion}`;
}

/**
 * The review version the caller read, or 409 when their If-Match names another revision or
 * another review of the finding than the current one.
 */
export function expectedReviewVersion(
  ifMatch: string,
  current: { revision: number; reviewVersion: number | undefined; rulesVersion: string },
): number {
  const now = findingEtag(current.revision, current.reviewVersion, current.rulesVersion);
  if (ifMatch !== now) {
    throw conflict(
      `The finding has changed since you read it (it is now at version "${now}"); read it again and decide again.`,
    );
  }
  return current.reviewVersion ?? 0;
}
