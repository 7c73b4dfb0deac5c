import type { CheckResult, SentenceTag } from '../../schemas/check-result.ts';

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

const RATING_LABELS: Record<string, string> = {
  strong: 'Strong',
  adequate: 'Adequate',
  weak: 'Weak',
  non_compliant: 'Does not meet the legal minimum',
};

/** What the templates need to show a check result: findings by severity, sentences with their tags. */
export function checkResultView(result: CheckResult) {
  const section = (severity: string) =>
    result.findings
      .filter((f) => f.severity === severity)
      .map((f) => ({ ...f, statusTag: STATUS_TAGS[f.status] }));
  return {
    summary: result.summary,
    rating: RATING_LABELS[result.summary.rating],
    legalMinimum:
      result.summary.meetsLegalMinimum === null
        ? 'Not determined'
        : result.summary.meetsLegalMinimum
          ? 'Met'
          : 'Not met',
    rulesVersion: result.rulesVersion,
    sections: [
      { title: 'Legal requirements', findings: section('legal') },
      { title: 'Statutory guidance', findings: section('guidance') },
      { title: 'Best practice', findings: section('best_practice') },
    ],
    sentences: result.sentences.map((s, index) => ({
      index,
      text: s.text,
      page: s.page,
      heading: s.heading,
      tags: s.tags.map((tag) => ({ tag, label: TAG_LABELS[tag] })),
    })),
    taggedCount: result.sentences.filter((s) => s.tags.length).length,
  };
}
