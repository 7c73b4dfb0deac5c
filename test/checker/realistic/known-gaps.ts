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
   * Fixed by sig5 (session 10, from sentences of its own, not these statements): the sign-offs of
   * marlowe, elmhurst and caradon (compound roles, the organisation after the role, honorifics;
   * name and role on lines of their own) and hollinsdale's and caradon's approval dates (the
   * text's date counts when the form gives none); in blind set 1, calder's footer approval and
   * rating (an approval in one part of a '·'-joined line).
   */
  {
    file: 'kenmoor-council.html',
    rule: 'uk-area-training',
    reason:
      "pass, but no training is available yet: 'We are developing … which we plan to launch in spring 2026', 'We will also provide', 'we intend to make … mandatory' are all promises (warn).",
  },
];
