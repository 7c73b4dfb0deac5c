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
  /*
   * The blind set (blind3): every disagreement on the eight statements written after the fixes,
   * recorded without changing the checker or the expectations. Checker verdict vs rules.md.
   * Agreeing since main's set-2/3 fixes (made without these statements): university's signature
   * and rating (HTML <br> lines), ferrybridge's due diligence. Fixed by blind3 (a run-in heading
   * split off as a sentence, and "we recognise that …", are not actions): medway's risk, training
   * and rating. Fixed by blindfix: university's training (an acknowledgement is not an action, and
   * "education agents" is not training).
   */
  {
    file: 'calder-build.docx.md',
    rule: 'uk-approval',
    reason:
      "fail, but the footer line '· Approved by the Board of Directors on 4 September 2025 · Signed: …' states board approval; an approval inside a '·'-separated footer is not found.",
  },
  {
    file: 'calder-build.docx.md',
    rule: 'rating',
    reason: 'non_compliant follows from the missed footer approval; rules.md gives adequate offline.',
  },
  {
    file: 'quillstack-software.txt',
    rule: 'uk-area-effectiveness',
    reason:
      "pass (unclear) on '98% of staff completed it', a training figure under the question heading 'Do our staff know what to look for?'; the effectiveness section only promises to consider indicators.",
  },
  {
    file: 'quillstack-software.txt',
    rule: 'uk-kpis-measurable',
    reason: 'pass on the same training completion figure, which is not an effectiveness indicator.',
  },
  {
    file: 'hartley-marsh.txt',
    rule: 'uk-area-effectiveness',
    reason:
      "unknown (unclear): paragraph 6 ('We measure our progress by the share of high-risk contractors approved … 89% … target of 100%') in a statement without headings is not found.",
  },
  {
    file: 'hartley-marsh.txt',
    rule: 'uk-kpis-measurable',
    reason: 'unknown (unclear) for the same missed paragraph 6, which has figures and targets.',
  },
  {
    file: 'medway-haulage-promises.txt',
    rule: 'uk-area-effectiveness',
    reason:
      "pass on the audit's finding (fees charged and repaid: a due-diligence result, not an indicator) and a promise to review progress; no indicator is given.",
  },
  {
    file: 'medway-haulage-promises.txt',
    rule: 'uk-actions-not-promises',
    reason:
      'pass with 43% future intentions: descriptions and acknowledgements count as not promises; rules.md asks that most content sentences report actions taken (judgement).',
  },
  /*
   * Blind set 2 (blind4, session 9): every disagreement on the ten statements written without
   * reading the checker, recorded without changing the checker or the expectations.
   * Checker verdict vs rules.md.
   */
  {
    file: 'hollinsdale-foods.pdf.md',
    rule: 'uk-approval-date',
    reason:
      "warn 'the form gives no approval date', but the text dates the approval (14 October 2025, after the declared period end); rules.md asks that the date be stated, and a form sent with only the period is not a statement without a date.",
  },
  {
    file: 'marlowe-hotels.html',
    rule: 'uk-signature',
    reason:
      "fail 'signatory is not named', but the sign-off is 'Priya Raman / Chief Operating Officer and Director / Marlowe Hotels Group Limited': a compound role ('… and Director') and a company-name line after the role both hide the named director.",
  },
  {
    file: 'marlowe-hotels.html',
    rule: 'rating',
    reason: 'non_compliant follows from the missed signature; rules.md gives adequate offline.',
  },
  {
    file: 'kenmoor-council.html',
    rule: 'uk-area-training',
    reason:
      "pass, but no training is available yet: 'We are developing … which we plan to launch in spring 2026', 'We will also provide', 'we intend to make … mandatory' are all promises (warn).",
  },
  {
    file: 'elmhurst-care.txt',
    rule: 'uk-signature',
    reason:
      "fail 'signatory is not named', but the sign-off is 'Daniel Price / Director / Elmhurst Care Group Limited': the company's name on its own line after the role hides the named director.",
  },
  {
    file: 'elmhurst-care.txt',
    rule: 'rating',
    reason:
      'non_compliant follows from the missed signature; rules.md gives weak (risk denied, three areas missing).',
  },
  {
    file: 'caradon-engineering-group.pdf.md',
    rule: 'uk-signature',
    reason:
      "fail 'signatory is not named', but the sign-off names 'Dr Helen Marsh, Group Chief Executive and Executive Director, Caradon Holdings plc': a compound role ('… and Executive Director') is not read as a director.",
  },
  {
    file: 'caradon-engineering-group.pdf.md',
    rule: 'uk-approval-date',
    reason:
      "warn 'the form gives no approval date', but the text dates the board's approval (15 April 2025); rules.md asks that the date be stated.",
  },
  {
    file: 'caradon-engineering-group.pdf.md',
    rule: 'rating',
    reason: 'non_compliant follows from the missed signature; rules.md gives adequate offline.',
  },

  /*
   * Blind set 3 (blind5, session 10): every disagreement on the ten statements written while sets 1
   * and 2 were being fixed for, recorded without changing the checker or the expectations.
   */
  {
    file: 'greenacre-foodstores.pdf.md',
    rule: 'uk-approval-date',
    reason:
      "warn 'the form gives no approval date', but the statement itself dates the board's approval, after the period end; rules.md asks only that the date be stated.",
  },
  {
    file: 'kingsmere-contracting.docx.md',
    rule: 'uk-approval-date',
    reason:
      "warn 'the form gives no approval date', but the statement itself dates the board's approval, after the period end; rules.md asks only that the date be stated.",
  },
  {
    file: 'voltaris-joint-statement.html',
    rule: 'uk-approval-date',
    reason:
      "warn 'the form gives no approval date', but the statement itself dates the board's approval, after the period end; rules.md asks only that the date be stated.",
  },
  {
    file: 'brightsun-solar-installs.txt',
    rule: 'uk-approval-date',
    reason:
      "warn 'the form gives no approval date', but the statement itself dates the board's approval, after the period end; rules.md asks only that the date be stated.",
  },
  {
    file: 'staffbridge-payroll.docx.md',
    rule: 'uk-remediation',
    reason:
      "warn 'not what happens when a case is found', but under its risk heading it stopped paying into the shared accounts, contacted the workers directly and reported 4 cases to the GLAA.",
  },
  {
    file: 'staffbridge-payroll.docx.md',
    rule: 'uk-approval-date',
    reason:
      "warn 'the form gives no approval date', but the statement itself dates the board's approval, after the period end; rules.md asks only that the date be stated.",
  },
  {
    file: 'loopthread-textiles.html',
    rule: 'uk-approval-date',
    reason:
      "warn 'the form gives no approval date', but the statement itself dates the board's approval, after the period end; rules.md asks only that the date be stated.",
  },
  {
    file: 'castlegate-insurance.txt',
    rule: 'uk-area-effectiveness',
    reason:
      "pass (unclear) on a due diligence sentence ('on-site reviews of 22 of our highest-spend vehicle repairers'); an activity count is not an effectiveness measure, and nothing else addresses (e).",
  },
  {
    file: 'tidewell-biosciences.pdf.md',
    rule: 'uk-approval-date',
    reason:
      "warn 'the form gives no approval date', but the statement itself dates the board's approval, after the period end; rules.md asks only that the date be stated.",
  },
  {
    file: 'st-aldhelm-hospice.txt',
    rule: 'uk-approval-date',
    reason:
      "warn 'the form gives no approval date', but the statement itself dates the board's approval, after the period end; rules.md asks only that the date be stated.",
  },
];
