import type { Finding, RuleId } from '../../schemas/check-result.ts';
import type { CheckSummary, Rating } from '../../schemas/statement-summary.ts';

/*
 * The rating alone, without the rules: the api recomputes it when an officer's review applies
 * (domain/reviews/apply-reviews.ts), and must not carry the rules' wording and patterns for that.
 */

export const AREA_RULES: RuleId[] = [
  'uk-area-structure',
  'uk-area-policies',
  'uk-area-due-diligence',
  'uk-area-risk',
  'uk-area-effectiveness',
  'uk-area-training',
];

const isUnclear = (f: Finding | undefined) => f?.certainty === 'unclear';

/**
 * The summary (README, "The rating"). Only confident findings count: an unclear finding counts
 * neither against the statement (an unclear "not addressed" is not a missing area; an unclear
 * legal rule does not make it non-compliant) nor for it (strong needs confident passes).
 * - meetsLegalMinimum: false when an applicable legal rule fails confidently; true when every
 *   applicable legal rule passes (or warns) confidently; null otherwise.
 * - areasCovered: how many of the six area rules pass.
 * - rating: non_compliant when the legal minimum is not met (a confident legal failure, which for
 *   an unreadable statement can only be a fact of the submission: late, not published, no
 *   homepage link); not_determined when none of the six area rules is confident (the statement
 *   could not be read: a scan, too little text, another language; or the checker can tell
 *   nothing of any area); weak when three or more areas are confidently missing (fail, warn, or
 *   a confident unknown), risks are confidently not identified, or it is a copy; strong when the legal minimum is met, all six areas pass
 *   confidently, risks are identified confidently, and at least two of the three quality rules
 *   (measurable KPIs, remediation, actions not promises) pass confidently; adequate otherwise.
 */
export function summarise(findings: readonly Finding[]): CheckSummary {
  const get = (rule: RuleId) => findings.find((f) => f.rule === rule);
  const confident = (rule: RuleId) => {
    const f = get(rule);
    return f && !isUnclear(f) ? f.status : undefined;
  };
  // Only a confident not_applicable takes a legal rule out; an unclear one leaves it undetermined.
  const legal = findings.filter(
    (f) => f.severity === 'legal' && !(f.status === 'not_applicable' && !isUnclear(f)),
  );
  const meetsLegalMinimum = legal.some((f) => f.status === 'fail' && !isUnclear(f))
    ? false
    : legal.every((f) => (f.status === 'pass' || f.status === 'warn') && !isUnclear(f))
      ? true
      : null;
  const areasCovered = AREA_RULES.filter((rule) => get(rule)?.status === 'pass').length;
  const missing = AREA_RULES.filter((rule) => {
    const status = confident(rule);
    return status !== undefined && status !== 'pass' && status !== 'not_applicable';
  }).length;
  const confidentPasses = AREA_RULES.filter((rule) => confident(rule) === 'pass').length;
  const copied =
    confident('uk-not-copied') === 'fail' ||
    (confident('uk-not-boilerplate') === 'fail' &&
      get('uk-not-boilerplate')?.message.startsWith('A near-copy'));
  const quality = (['uk-kpis-measurable', 'uk-remediation', 'uk-actions-not-promises'] as const).filter(
    (r) => confident(r) === 'pass',
  ).length;
  let rating: Rating;
  if (meetsLegalMinimum === false) rating = 'non_compliant';
  else if (!AREA_RULES.some((rule) => confident(rule) !== undefined)) rating = 'not_determined';
  else if (missing >= 3 || confident('uk-risks-identified') === 'fail' || copied) rating = 'weak';
  else if (
    meetsLegalMinimum === true &&
    confidentPasses === 6 &&
    confident('uk-risks-identified') === 'pass' &&
    quality >= 2
  )
    rating = 'strong';
  else rating = 'adequate';
  return { meetsLegalMinimum, areasCovered, rating };
}
