import type { RuleId } from '../../../schemas/check-result.ts';

/**
 * Where the checker still disagrees with `expectations.ts` and the general cause is not fixed:
 * the expectation stands, the test asserts that the checker is still wrong here (so it fails,
 * and this entry must go, once the checker is right), and the README counts these as wrong.
 */
export interface KnownGap {
  file: string;
  /** An area rule, a listed rule, or `rating`. */
  rule: RuleId | 'rating';
  reason: string;
}

export const KNOWN_GAPS: KnownGap[] = [
  {
    file: 'swiftline-bulleted.txt',
    rule: 'uk-area-due-diligence',
    reason:
      "verb-first bullets ('Audited all 9 labour agencies...') under 'What we did this year' count as only 1 due-diligence sentence; not yet investigated.",
  },

  {
    file: 'larkspur-mixed.txt',
    rule: 'uk-area-training',
    reason: 'a sentence outside any training section passes training; which one is not yet investigated.',
  },
  {
    file: 'tarnbrook-kpi-table.docx.md',
    rule: 'uk-area-policies',
    reason: 'table rows whose first cell names the area ("Policy") are not read as headed for it',
  },
  {
    file: 'tarnbrook-kpi-table.docx.md',
    rule: 'uk-area-due-diligence',
    reason: 'table rows whose first cell names the area ("Due diligence") are not read as headed for it',
  },
  {
    file: 'tarnbrook-kpi-table.docx.md',
    rule: 'uk-area-risk',
    reason: 'table rows whose first cell names the area ("Risk assessment") are not read as headed for it',
  },
  {
    file: 'tarnbrook-kpi-table.docx.md',
    rule: 'uk-risks-identified',
    reason: 'table rows whose first cell names the area ("Risk assessment") are not read as headed for it',
  },
  {
    file: 'lindqvist-qa.txt',
    rule: 'uk-area-training',
    reason: 'question headings ("What training do our people receive?") are read as sentences, not headings',
  },
  {
    file: 'lindqvist-qa.txt',
    rule: 'uk-remediation',
    reason: 'question headings are read as sentences; "refund" is not read as remediation',
  },
  {
    file: 'pemberton-foods.html',
    rule: 'uk-signature',
    reason: '<br> in the HTML sign-off is not read as a line break: name, role and company run together',
  },
  {
    file: 'pemberton-foods.html',
    rule: 'rating',
    reason: 'follows from uk-signature',
  },
  {
    file: 'brackenfield-year-one.txt',
    rule: 'uk-area-due-diligence',
    reason:
      'list items under a promising lead-in ("we intend to:") and a "Next year" heading are not read as promises',
  },
  {
    file: 'brackenfield-year-one.txt',
    rule: 'uk-area-risk',
    reason: 'a promised risk assessment is not read as the risk area at all',
  },
  {
    file: 'brackenfield-year-one.txt',
    rule: 'uk-area-effectiveness',
    reason: 'a promised set of measures is not read as the effectiveness area at all',
  },
  {
    file: 'brackenfield-year-one.txt',
    rule: 'uk-area-training',
    reason: 'list items under a promising lead-in are not read as promises',
  },
  {
    file: 'brackenfield-year-one.txt',
    rule: 'uk-actions-not-promises',
    reason: 'list items under a promising lead-in are not read as promises',
  },
  {
    file: 'alderton-denial.txt',
    rule: 'uk-area-risk',
    reason:
      'an assessment reported as done, concluding "we have not identified any risk", counts as actions rather than a denial',
  },
  {
    file: 'raman-hale-llp-capitals.txt',
    rule: 'uk-area-due-diligence',
    reason: 'due diligence under "WHAT WE DID" with verbs the lexicon lacks (checked, traced)',
  },
  {
    file: 'raman-hale-llp-capitals.txt',
    rule: 'uk-approval',
    reason: "a bare check does not read the entity type (LLP) from the statement, so members' approval fails",
  },
  {
    file: 'raman-hale-llp-capitals.txt',
    rule: 'uk-signature',
    reason:
      'a bare check does not read the entity type (LLP) from the statement, so a designated member fails',
  },
  {
    file: 'raman-hale-llp-capitals.txt',
    rule: 'rating',
    reason: 'follows from uk-approval and uk-signature',
  },
  {
    file: 'wexcombe-group-no-act.txt',
    rule: 'uk-area-policies',
    reason: 'plain-English headings ("The rules we set") are not read as the policies section',
  },
  {
    file: 'wexcombe-group-no-act.txt',
    rule: 'uk-area-risk',
    reason: 'plain-English headings ("Where people could be exploited") are not read as the risk section',
  },
  {
    file: 'wexcombe-group-no-act.txt',
    rule: 'uk-area-effectiveness',
    reason: 'plain-English headings ("Knowing whether it works") are not read as the effectiveness section',
  },
  {
    file: 'wexcombe-group-no-act.txt',
    rule: 'uk-risks-identified',
    reason: 'follows from uk-area-risk',
  },
  {
    file: 'wexcombe-group-no-act.txt',
    rule: 'uk-kpis-measurable',
    reason: 'follows from uk-area-effectiveness',
  },
  {
    file: 'wexcombe-group-no-act.txt',
    rule: 'uk-remediation',
    reason: 'returning held passports is not read as what happens when a case is found',
  },
  {
    file: 'wexcombe-group-no-act.txt',
    rule: 'rating',
    reason: 'follows from the missing areas',
  },
];
