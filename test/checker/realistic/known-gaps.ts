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
   * "education agents" is not training). Fixed by promise5 (session 10): quillstack's and hartley's
   * effectiveness and KPIs (a figure of another area is not an indicator unless presented as a
   * measure; progress measured against a target is one, headed or not), medway's effectiveness and
   * actions-not-promises (run-in headings are not content; acknowledgements are not actions).
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
  /*
   * Blind set 2 (blind4, session 9): every disagreement on the ten statements written without
   * reading the checker, recorded without changing the checker or the expectations.
   * Checker verdict vs rules.md. Fixed by promise5 (session 10): kenmoor's training ("training
   * bonds" charged to workers are not training; the section's plans are promises).
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
];
