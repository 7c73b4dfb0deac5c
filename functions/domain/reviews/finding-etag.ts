import { conflict } from '../errors.ts';

/**
 * A finding's version as officers and businesses send it back (If-Match): the revision whose
 * check it belongs to and how many times it has been reviewed, `"<revision>.<reviews>"`.
 */
export function findingEtag(revision: number, reviewVersion: number | undefined): string {
  return `${revision}.${reviewVersion ?? 0}`;
}

/**
 * The review version the caller read, or 409 when their If-Match names another revision or
 * another review of the finding than the current one.
 */
export function expectedReviewVersion(
  ifMatch: string,
  current: { revision: number; reviewVersion: number | undefined },
): number {
  const now = findingEtag(current.revision, current.reviewVersion);
  if (ifMatch !== now) {
    throw conflict(
      `The finding has changed since you read it (it is now at version "${now}"); read it again and decide again.`,
    );
  }
  return current.reviewVersion ?? 0;
}
