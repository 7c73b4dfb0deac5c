import type { Advice, CheckResult, Finding, SentenceTag } from '../../schemas/check-result.ts';
import { RATING_EXPLANATION, RATING_TEXT } from './public-labels.ts';

export const TAG_LABELS: Record<SentenceTag, string> = {
  approval: 'Approval',
  signature: 'Signature',
  reporting_entity: 'Reporting entity',
  structure: 'Structure',
  operations: 'Operations',
  supply_chains: 'Supply chains',
  risk: 'Risk',
  policies: 'Policies',
  due_diligence: 'Due diligence',
  training: 'Training',
  remediation: 'Remediation',
  effectiveness: 'Effectiveness',
  consultation: 'Consultation',
};

const STATUS_TAGS: Record<string, { text: string; colour: string }> = {
  pass: { text: 'Pass', colour: 'govuk-tag--green' },
  fail: { text: 'Fail', colour: 'govuk-tag--red' },
  warn: { text: 'Warning', colour: 'govuk-tag--yellow' },
  not_applicable: { text: 'Not applicable', colour: 'govuk-tag--grey' },
  unknown: { text: 'Not known', colour: 'govuk-tag--grey' },
};
const UNCLEAR_TAG = { text: 'Unclear', colour: 'govuk-tag--purple' };

export const STATUS_LABELS: Record<string, string> = Object.fromEntries(
  Object.entries(STATUS_TAGS).map(([status, tag]) => [status, tag.text]),
);

/**
 * The words for the checker's confidence: high from 0.8, medium from 0.6, low below. The figure
 * is shown beside the word, so the bands are a reading aid, not a second judgement.
 */
export function confidenceBand(confidence: number): 'high' | 'medium' | 'low' {
  if (confidence >= 0.8) return 'high';
  if (confidence >= 0.6) return 'medium';
  return 'low';
}

const ADVICE_LABELS: Record<keyof Advice, string> = {
  lookedFor: 'What the checker looked for',
  searchedIn: 'Where it looked',
  howToSatisfy: 'What would satisfy it',
};

/** Help for the writer, on failing, warning and unknown findings only. */
function adviceOf(finding: Finding): { label: string; text: string }[] {
  if (!finding.advice || !['fail', 'warn', 'unknown'].includes(finding.status)) return [];
  const advice = finding.advice;
  return (Object.keys(ADVICE_LABELS) as (keyof Advice)[])
    .filter((key) => advice[key])
    .map((key) => ({ label: ADVICE_LABELS[key], text: advice[key] }));
}

const longDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

const statusTagOf = (finding: Pick<Finding, 'status' | 'certainty'>) =>
  finding.status === 'unknown' && finding.certainty === 'unclear' ? UNCLEAR_TAG : STATUS_TAGS[finding.status];

/** One finding as the pages show it: who decided it (the checker, how sure; or the register), and help. */
export function findingView(finding: Finding) {
  const review = finding.review;
  const applied = review !== undefined && !review.outdated;
  const confidence = finding.confidence;
  const automatedText =
    confidence === undefined
      ? 'Automated check'
      : `Automated check, ${confidenceBand(confidence)} confidence (${confidence.toFixed(2)})`;
  return {
    ...finding,
    statusTag: statusTagOf(finding),
    /** `automated`, or `reviewed` when the register's review decides the status. */
    origin: applied ? ('reviewed' as const) : ('automated' as const),
    originText: applied ? 'Reviewed by the register' : automatedText,
    automatedText,
    review: review
      ? {
          ...review,
          date: longDate.format(new Date(review.reviewedAt)),
          statusText: STATUS_TAGS[review.status]?.text ?? review.status,
          automatedStatusText: STATUS_TAGS[review.automatedStatus]?.text ?? review.automatedStatus,
          ...(review.automatedNow
            ? { automatedNowText: STATUS_TAGS[review.automatedNow]?.text ?? review.automatedNow }
            : {}),
        }
      : undefined,
    advice: adviceOf(finding),
    /** Whether the organisation is offered "Ask for a review": findings against it or unsure. */
    askable: ['fail', 'warn', 'unknown'].includes(finding.status),
  };
}

export type FindingView = ReturnType<typeof findingView>;

/** What the templates need to show a check result: findings by severity, sentences with their tags. */
export function checkResultView(result: CheckResult) {
  const section = (severity: string) =>
    result.findings.filter((f) => f.severity === severity).map(findingView);
  return {
    summary: result.summary,
    rating: RATING_TEXT[result.summary.rating],
    ratingExplanation: RATING_EXPLANATION[result.summary.rating],
    legalMinimum:
      result.summary.meetsLegalMinimum === null
        ? 'Not determined'
        : result.summary.meetsLegalMinimum
          ? 'Met'
          : 'Not met',
    rulesVersion: result.rulesVersion,
    /** Whether any finding's status is the register's review rather than the checker's. */
    reviewed: result.findings.some((f) => f.review && !f.review.outdated),
    sections: [
      { title: 'Legal requirements', findings: section('legal') },
      { title: 'Statutory guidance', findings: section('guidance') },
      { title: 'Best practice', findings: section('best_practice') },
    ],
    sentences: result.sentences.map((s, index) => ({
      index,
      number: index + 1,
      text: s.text,
      page: s.page,
      heading: s.heading,
      tags: s.tags.map((tag) => ({ tag, label: TAG_LABELS[tag] })),
    })),
    taggedCount: result.sentences.filter((s) => s.tags.length).length,
  };
}
