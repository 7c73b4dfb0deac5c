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
  /*
   * Blind set 2 (blind4, session 9): every disagreement on the ten statements written without
   * reading the checker, recorded without changing the checker or the expectations.
   * Checker verdict vs rules.md.
   * Fixed by sig5 (session 10, from sentences of its own, not these statements): the sign-offs of
   * marlowe, elmhurst and caradon (compound roles, the organisation after the role, honorifics;
   * name and role on lines of their own) and hollinsdale's and caradon's approval dates (the
   * text's date counts when the form gives none); in blind set 1, calder's footer approval and
   * rating (an approval in one part of a '·'-joined line). Fixed by promise5 (session 10): kenmoor's
   * training ("training bonds" charged to workers are not training; the section's plans are promises).
   */
  /*
   * Blind set 3 (blind5, session 10): every disagreement on the ten statements written while sets 1
   * and 2 were being fixed for, recorded without changing the checker or the expectations.
   */
  {
    file: 'staffbridge-payroll.docx.md',
    rule: 'uk-remediation',
    reason:
      "warn 'not what happens when a case is found', but under its risk heading it stopped paying into the shared accounts, contacted the workers directly and reported 4 cases to the GLAA.",
  },
];
