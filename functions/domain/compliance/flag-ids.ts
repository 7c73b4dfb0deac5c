/**
 * Deterministic ids for the flags the register raises itself: raising the same flag twice
 * (a sweep run twice, a stream record delivered twice) writes the same item, so a conditional
 * put keeps exactly one.
 */
export const flagIds = {
  missing: (organisationId: string, year: number) => `missing-${organisationId}-${year}`,
  late: (organisationId: string, year: number) => `late-${organisationId}-${year}`,
  legalMinimum: (statementId: string, revision: number) => `legal_minimum-${statementId}-r${revision}`,
  weak: (statementId: string, revision: number) => `weak-${statementId}-r${revision}`,
  notDetermined: (statementId: string, revision: number) => `not_determined-${statementId}-r${revision}`,
  /** One per reviewed finding and rules version that disagrees with it. */
  reviewDisagreement: (statementId: string, revision: number, rule: string, rulesVersion: string) =>
    `review_disagreement-${statementId}-r${revision}-${rule}-${rulesVersion.replace(/[^A-Za-z0-9_-]/g, '_')}`,
} as const;

/** Ids for outbox notices: one reminder and one overdue notice per organisation and year. */
export const noticeIds = {
  reminder: (organisationId: string, year: number) => `reminder-${organisationId}-${year}`,
  overdue: (organisationId: string, year: number) => `overdue-${organisationId}-${year}`,
} as const;
