import type { CheckDocument } from '../../../schemas/check-request.ts';
import type { RuleId } from '../../../schemas/check-result.ts';
import type { Rating } from '../../../schemas/statement-summary.ts';

/**
 * What a careful reader of section 54 and rules.md expects of each realistic statement in
 * `statements/`, written before the checker was run on them (see the commit history: this
 * file was committed on its own, before the test and before any fix). Do not edit an
 * expectation to match the checker; list a disagreement in `known-gaps.ts` instead.
 *
 * Verdicts:
 * - `pass`: the statement addresses it with actions taken;
 * - `warn`: addressed only by promises ("we will") or by a denial ("we have not identified");
 * - `absent`: not addressed — the checker may say `fail`, or `unknown` when it is unsure (unclear);
 * - `unread`: the checker cannot read the text (another language, no text layer): `unknown`;
 * - `not_applicable`: the law does not ask it of this entity (approval for a partnership).
 * An array means the law and guidance leave room for either verdict.
 */
export type Verdict = 'pass' | 'warn' | 'fail' | 'absent' | 'unread' | 'not_applicable';
export type Expected = Verdict | Verdict[];

export type Format = 'text' | 'html' | 'pdf' | 'docx';

export interface RealisticCase {
  /** File under statements/; `.pdf.md` and `.docx.md` are turned into real PDF / Word files. */
  file: string;
  format: Format;
  /** How it is written, for the reader of a failure. */
  form: string;
  /** Form answers sent with the text (an organisation's submission); none = a bare /check. */
  document?: CheckDocument;
  /** Written after the checker was fixed for the others, and never used to fix it: an honest measure. */
  blind?: true;
  /**
   * Which blind set: none = the first blind eight (session 8, since fixed for), `blind-2` = the ten
   * written in session 9 by an engineer who had not read the checker, while the first eight were fixed;
   * `blind-3` = ten written in session 10 the same way, while sets 1 and 2 were being fixed for;
   * `blind-4` = ten written in session 11 the same way, after the checker had been fixed for sets 1–3.
   */
  set?: 'blind-2' | 'blind-3' | 'blind-4';
  areas: Record<AreaKey, Expected>;
  rules: Partial<Record<RuleId, Expected>>;
  rating: Rating;
}

export type AreaKey = 'structure' | 'policies' | 'dueDiligence' | 'risk' | 'effectiveness' | 'training';
export const AREA_RULE: Record<AreaKey, RuleId> = {
  structure: 'uk-area-structure',
  policies: 'uk-area-policies',
  dueDiligence: 'uk-area-due-diligence',
  risk: 'uk-area-risk',
  effectiveness: 'uk-area-effectiveness',
  training: 'uk-area-training',
};

const ALL_PASS: Record<AreaKey, Expected> = {
  structure: 'pass',
  policies: 'pass',
  dueDiligence: 'pass',
  risk: 'pass',
  effectiveness: 'pass',
  training: 'pass',
};
/** A well-evidenced statement, approved by the board and signed by a named director. */
const GOOD_RULES: Partial<Record<RuleId, Expected>> = {
  'uk-steps-or-none': 'pass',
  'uk-approval': 'pass',
  'uk-signature': 'pass',
  'uk-risks-identified': 'pass',
  'uk-kpis-measurable': 'pass',
};

/*
 * Offline (no website probe) the legal minimum stays undetermined unless a legal rule fails,
 * so a good statement is at most `adequate` here; `non_compliant` when approval or signature
 * fails; `weak` when three or more areas are missing or no risks are identified (rules.md).
 */
export const CASES: RealisticCase[] = [
  {
    file: 'brightwell-headed.txt',
    format: 'text',
    form: 'careful writer, headed sections, KPIs in prose',
    areas: ALL_PASS,
    rules: GOOD_RULES,
    rating: 'adequate',
  },
  {
    file: 'cobalt-numbered.txt',
    format: 'text',
    form: 'numbered headings (1., 2.1), capitals title',
    areas: ALL_PASS,
    rules: GOOD_RULES,
    rating: 'adequate',
  },
  {
    file: 'stoneway-capitals.txt',
    format: 'text',
    form: 'headings in capitals, tab-separated KPI table',
    areas: ALL_PASS,
    rules: GOOD_RULES,
    rating: 'adequate',
  },
  {
    file: 'fenwick-one-paragraph.txt',
    format: 'text',
    form: 'no headings: one long paragraph; nothing on effectiveness',
    areas: { ...ALL_PASS, effectiveness: 'absent' },
    rules: { ...GOOD_RULES, 'uk-kpis-measurable': 'absent' },
    rating: 'adequate',
  },
  {
    file: 'swiftline-bulleted.txt',
    format: 'text',
    form: 'bulleted, markdown KPI table',
    areas: ALL_PASS,
    rules: GOOD_RULES,
    rating: 'adequate',
  },
  {
    file: 'ashdown-group.txt',
    format: 'text',
    form: 'group statement naming its subsidiaries',
    areas: ALL_PASS,
    rules: GOOD_RULES,
    rating: 'adequate',
  },
  {
    file: 'kestrel-promises.txt',
    format: 'text',
    form: 'promises only ("we will", "we plan to"), properly approved and signed',
    areas: {
      structure: 'pass',
      policies: 'warn',
      dueDiligence: 'warn',
      risk: 'warn',
      effectiveness: 'warn',
      training: 'warn',
    },
    rules: {
      // Neither steps taken nor a plain "no steps were taken".
      'uk-steps-or-none': ['warn', 'fail'],
      'uk-approval': 'pass',
      'uk-signature': 'pass',
      'uk-risks-identified': ['warn', 'fail'],
      'uk-kpis-measurable': ['absent', 'warn'],
    },
    rating: 'weak',
  },
  {
    file: 'meridian-boilerplate.txt',
    format: 'text',
    form: 'boilerplate with a risk denial, signed "Director" with no name',
    areas: {
      // One sentence on the business, nothing on structure or supply chains.
      structure: ['pass', 'absent'],
      policies: 'pass',
      dueDiligence: 'absent',
      risk: 'warn',
      effectiveness: ['absent', 'warn'],
      training: 'absent',
    },
    rules: {
      'uk-approval': 'pass',
      'uk-signature': 'fail',
      'uk-risks-identified': 'fail',
      'uk-kpis-measurable': 'absent',
    },
    rating: 'non_compliant',
  },
  {
    file: 'larkspur-mixed.txt',
    format: 'text',
    form: 'strong on four areas, nothing on effectiveness or training, approved by an executive committee',
    areas: { ...ALL_PASS, effectiveness: 'absent', training: 'absent' },
    rules: {
      'uk-steps-or-none': 'pass',
      // Delegated approval does not count (rules.md, uk-approval).
      'uk-approval': 'fail',
      'uk-signature': 'pass',
      'uk-risks-identified': 'pass',
      'uk-kpis-measurable': 'absent',
    },
    rating: 'non_compliant',
  },
  {
    file: 'tregaron-welsh.txt',
    format: 'text',
    form: 'in Welsh',
    areas: {
      structure: 'unread',
      policies: 'unread',
      dueDiligence: 'unread',
      risk: 'unread',
      effectiveness: 'unread',
      training: 'unread',
    },
    rules: { 'uk-approval': 'unread', 'uk-signature': 'unread', 'uk-risks-identified': 'unread' },
    // Not English: the checker cannot read it, so it rates nothing rather than a default.
    rating: 'not_determined',
  },
  {
    file: 'northgate-care.html',
    format: 'html',
    form: 'HTML page with site navigation, h2 sections, a list and a KPI table',
    areas: ALL_PASS,
    rules: GOOD_RULES,
    rating: 'adequate',
  },
  {
    file: 'greystone-bold-paragraphs.html',
    format: 'html',
    form: 'HTML whose headings are bold paragraphs; "signed on behalf of the Board" without a board approval',
    areas: ALL_PASS,
    rules: { ...GOOD_RULES, 'uk-approval': 'fail' },
    rating: 'non_compliant',
  },
  {
    file: 'pennine-bold-headings.pdf.md',
    format: 'pdf',
    form: 'PDF whose headings are bold in the body size',
    areas: ALL_PASS,
    rules: GOOD_RULES,
    rating: 'adequate',
  },
  {
    file: 'halcyon-numbered-table.pdf.md',
    format: 'pdf',
    form: 'PDF with larger numbered headings and a column-aligned KPI table; no training section',
    areas: { ...ALL_PASS, training: 'absent' },
    rules: GOOD_RULES,
    rating: 'adequate',
  },
  {
    file: 'ridgeway-recruitment.docx.md',
    format: 'docx',
    form: 'Word document with heading styles, bullet lists and a KPI table',
    areas: ALL_PASS,
    rules: GOOD_RULES,
    rating: 'adequate',
  },
  {
    file: 'carrow-finch-llp.txt',
    format: 'text',
    form: 'LLP approved by its members, signed by a designated member; effectiveness only promised',
    document: { organisation: { entityType: 'llp' } },
    areas: { ...ALL_PASS, effectiveness: 'warn' },
    rules: { ...GOOD_RULES, 'uk-kpis-measurable': ['absent', 'warn'] },
    rating: 'adequate',
  },

  /*
   * Set 2 (session 8): eight more, unlike the first sixteen and unlike each other, written
   * from rules.md before the checker was run on them.
   */
  {
    file: 'holloway-trust-charity.txt',
    format: 'text',
    form: 'small charity, short plain paragraphs, no headings; trustees approve, the Chair of Trustees signs; nothing on effectiveness',
    document: { organisation: { entityType: 'charity' } },
    // A charitable company's trustees are its directors: the board of trustees is the board.
    areas: { ...ALL_PASS, effectiveness: 'absent' },
    rules: { ...GOOD_RULES, 'uk-kpis-measurable': 'absent' },
    rating: 'adequate',
  },
  {
    file: 'tarnbrook-kpi-table.docx.md',
    format: 'docx',
    form: 'Word document that is mostly one table (area | what we did | result)',
    areas: ALL_PASS,
    rules: { ...GOOD_RULES, 'uk-remediation': 'pass' },
    rating: 'adequate',
  },
  {
    file: 'lindqvist-qa.txt',
    format: 'text',
    form: 'questions and answers: every heading is a question',
    areas: ALL_PASS,
    rules: { ...GOOD_RULES, 'uk-remediation': 'pass' },
    rating: 'adequate',
  },
  {
    file: 'pemberton-foods.html',
    format: 'html',
    form: 'HTML with nested h2/h3 (areas are h3 under generic h2s), ul and ol lists, cookie banner',
    areas: ALL_PASS,
    rules: GOOD_RULES,
    rating: 'adequate',
  },
  {
    file: 'brackenfield-year-one.txt',
    format: 'text',
    form: 'first statement of a limited partnership: one policy adopted, the rest promised; signed by the general partner',
    document: { organisation: { entityType: 'limited_partnership' } },
    areas: {
      structure: 'pass',
      policies: 'pass',
      dueDiligence: 'warn',
      risk: 'warn',
      effectiveness: 'warn',
      training: 'warn',
    },
    rules: {
      // Adopting a policy and naming who is responsible are steps taken in the year.
      'uk-steps-or-none': 'pass',
      // No approving body for a limited partnership (s54(6)(c)).
      'uk-approval': 'not_applicable',
      'uk-signature': 'pass',
      'uk-risks-identified': ['warn', 'fail'],
      'uk-kpis-measurable': ['absent', 'warn'],
      'uk-actions-not-promises': ['fail', 'warn'],
    },
    rating: 'weak',
  },
  {
    file: 'alderton-denial.txt',
    format: 'text',
    form: 'numbered, well evidenced, but the risk assessment "has not identified any risk"',
    areas: { ...ALL_PASS, risk: 'warn' },
    rules: { ...GOOD_RULES, 'uk-risks-identified': 'fail' },
    rating: 'weak',
  },
  {
    file: 'raman-hale-llp-capitals.txt',
    format: 'text',
    form: 'LLP, headings in capitals without numbers, signature block "Designated Member", bare check (no form)',
    areas: ALL_PASS,
    rules: GOOD_RULES,
    rating: 'adequate',
  },
  {
    file: 'wexcombe-group-no-act.txt',
    format: 'text',
    form: 'group statement that never mentions the Act, plain-English headings; one declared member not named',
    document: {
      isGroup: true,
      groupMembers: [
        { name: 'Wexcombe Furniture Limited' },
        { name: 'Hearth & Loom Limited' },
        { name: 'Wexcombe Property Limited' },
      ],
    },
    areas: ALL_PASS,
    rules: { ...GOOD_RULES, 'uk-remediation': 'pass', 'uk-group-members-named': ['fail', 'warn'] },
    rating: 'adequate',
  },
  /*
   * Set 3 (session 8): three more, written after the set-2 fixes and before running the checker
   * on them, to see how far those fixes carry to statements they were not made on.
   */
  {
    file: 'oakfield-pharmacy.pdf.md',
    format: 'pdf',
    form: 'PDF with larger numbered headings, a KPI table, remediation of fees',
    areas: ALL_PASS,
    rules: { ...GOOD_RULES, 'uk-remediation': 'pass' },
    rating: 'adequate',
  },
  {
    file: 'thorne-no-steps.txt',
    format: 'text',
    form: 'says plainly that no steps were taken (s54(4)(b)); approved and signed',
    areas: {
      structure: 'pass',
      // "Taken no steps": not addressed; a checker may also read it as a denial.
      policies: ['absent', 'warn'],
      dueDiligence: ['absent', 'warn'],
      risk: ['absent', 'warn'],
      effectiveness: ['absent', 'warn'],
      training: ['absent', 'warn'],
    },
    rules: {
      'uk-steps-or-none': 'pass',
      'uk-approval': 'pass',
      'uk-signature': 'pass',
      'uk-risks-identified': ['absent', 'warn'],
      'uk-kpis-measurable': 'absent',
    },
    rating: 'weak',
  },
  {
    file: 'calder-two-headings.docx.md',
    format: 'docx',
    form: 'Word document with two headings: every area in one long "Our approach" paragraph',
    areas: ALL_PASS,
    rules: { ...GOOD_RULES, 'uk-remediation': 'pass' },
    rating: 'adequate',
  },
  /*
   * The blind set: eight statements written from rules.md after the checker had been fixed for
   * the cases above, expectations committed before the checker was run on them.
   */
  {
    file: 'harrow-lane-retail.pdf.md',
    format: 'pdf',
    form: 'long retailer PDF: policy list as bullets, risk heat map in words, KPI table with targets',
    blind: true,
    areas: ALL_PASS,
    rules: { ...GOOD_RULES, 'uk-remediation': 'pass', 'uk-actions-not-promises': 'pass' },
    rating: 'adequate',
  },
  {
    file: 'calder-build.docx.md',
    format: 'docx',
    form: 'construction firm using labour agencies; numbered headings; approval and signature only in a footer line',
    blind: true,
    areas: ALL_PASS,
    rules: GOOD_RULES,
    rating: 'adequate',
  },
  {
    file: 'university-of-wessex.html',
    format: 'html',
    form: 'university page with accordion sections; approved by its Council, signed by the Vice-Chancellor; training only promised',
    blind: true,
    document: { organisation: { entityType: 'other_body_corporate' } },
    // Council is the equivalent management body, the Vice-Chancellor (a member of it) the equivalent of a director.
    areas: { ...ALL_PASS, training: 'warn' },
    rules: { ...GOOD_RULES, 'uk-remediation': 'pass' },
    rating: 'adequate',
  },
  {
    file: 'ouse-valley-nhs.txt',
    format: 'text',
    form: 'NHS trust publishing voluntarily; Title Case headings, "•" bullets; signed by the Chief Executive',
    blind: true,
    document: { organisation: { entityType: 'public_body' } },
    areas: ALL_PASS,
    rules: { ...GOOD_RULES, 'uk-remediation': 'pass' },
    rating: 'adequate',
  },
  {
    file: 'ferrybridge-fc.html',
    format: 'html',
    form: 'football club page, headings in h3 under a styled div title; "approved by the Board of Directors" with no date',
    blind: true,
    // Approval is stated (legal rule passes); the missing date is a guidance matter (uk-approval-date).
    areas: ALL_PASS,
    rules: { ...GOOD_RULES, 'uk-approval-date': ['fail', 'warn'] },
    rating: 'adequate',
  },
  {
    file: 'quillstack-software.txt',
    format: 'text',
    form: 'software firm: low risk with reasons and three named residual risks; question headings; effectiveness only promised',
    blind: true,
    areas: { ...ALL_PASS, effectiveness: ['absent', 'warn'] },
    rules: { ...GOOD_RULES, 'uk-kpis-measurable': ['absent', 'warn'] },
    rating: 'adequate',
  },
  {
    file: 'hartley-marsh.txt',
    format: 'text',
    form: 'partnership of surveyors: capitals title, numbered paragraphs without headings, signed by the Managing Partner; no training',
    blind: true,
    document: { organisation: { entityType: 'partnership' } },
    areas: { ...ALL_PASS, training: 'absent' },
    // An ordinary partnership has no approval requirement; a Managing Partner is a partner.
    rules: { ...GOOD_RULES, 'uk-approval': 'not_applicable' },
    rating: 'adequate',
  },
  {
    file: 'medway-haulage-promises.txt',
    format: 'text',
    form: 'haulier: run-in paragraph headings, mostly promises but one concrete agency audit',
    blind: true,
    areas: {
      structure: 'pass',
      policies: 'warn',
      dueDiligence: 'pass',
      risk: 'warn',
      effectiveness: ['absent', 'warn'],
      training: 'warn',
    },
    rules: {
      // The agency audit is a step taken.
      'uk-steps-or-none': 'pass',
      'uk-approval': 'pass',
      'uk-signature': 'pass',
      // No denial, and the audit found fees charged to agency workers, but the risk section names no risk.
      'uk-risks-identified': ['pass', 'warn'],
      'uk-kpis-measurable': ['absent', 'warn'],
      'uk-actions-not-promises': ['fail', 'warn'],
    },
    rating: 'weak',
  },

  /*
   * Blind set 2 (session 9): ten statements written from rules.md without reading the checker, its
   * tests or known-gaps.ts, while the checker was being fixed for the first blind eight. These
   * expectations were committed with the statements, before the checker was run on them.
   */
  {
    file: 'hollinsdale-foods.pdf.md',
    format: 'pdf',
    form: 'food manufacturer with seasonal agency labour; numbered PDF headings, KPI table; the financial year named only in the title',
    blind: true,
    set: 'blind-2',
    document: {
      organisation: { entityType: 'company' },
      periodStart: '2024-07-01',
      periodEnd: '2025-06-30',
    },
    areas: ALL_PASS,
    rules: {
      ...GOOD_RULES,
      'uk-remediation': 'pass',
      // The title's "year ended 30 June 2025" agrees with the declared period; the body says "this year".
      'uk-period': 'pass',
      'uk-approval-date': 'pass',
      'uk-actions-not-promises': 'pass',
    },
    rating: 'adequate',
  },
  {
    file: 'marlowe-hotels.html',
    format: 'html',
    form: "hotel group page with cookie banner, h2 sections and ul lists; dated board approval, then a director's signature block with no date",
    blind: true,
    set: 'blind-2',
    areas: ALL_PASS,
    // s54(6) asks for a signature by a director, not a dated one: the signature passes.
    rules: { ...GOOD_RULES, 'uk-remediation': 'pass', 'uk-approval-date': 'pass' },
    rating: 'adequate',
  },
  {
    file: 'fern-loom-progress.docx.md',
    format: 'docx',
    form: 'fashion brand "Statement of Progress": a commitments table (commitment | what we did | status), Tier 2 mills, KPI table',
    blind: true,
    set: 'blind-2',
    areas: ALL_PASS,
    rules: { ...GOOD_RULES, 'uk-remediation': 'pass', 'uk-approval-date': 'pass' },
    rating: 'adequate',
  },
  {
    file: 'kenmoor-council.html',
    format: 'html',
    form: 'local authority publishing voluntarily; question headings, HTML table of measures; approved by Full Council, signed by the Chief Executive and the Leader; training only promised',
    blind: true,
    set: 'blind-2',
    document: { organisation: { entityType: 'public_body' } },
    // Full Council is the equivalent management body; the Leader sits on it (as the signing director should).
    areas: { ...ALL_PASS, training: 'warn' },
    rules: { ...GOOD_RULES, 'uk-remediation': 'pass', 'uk-approval-date': 'pass' },
    rating: 'adequate',
  },
  {
    file: 'brookvale-homes.txt',
    format: 'text',
    form: 'housing association (registered society): no headings at all, eight paragraphs; signed by the Chair of the Board; nothing on effectiveness',
    blind: true,
    set: 'blind-2',
    document: { organisation: { entityType: 'other_body_corporate' } },
    // The Chair is a member of the approving board: the equivalent of a director.
    areas: { ...ALL_PASS, effectiveness: 'absent' },
    rules: {
      ...GOOD_RULES,
      'uk-kpis-measurable': 'absent',
      'uk-remediation': 'pass',
      'uk-approval-date': 'pass',
    },
    rating: 'adequate',
  },
  {
    file: 'elmhurst-care.txt',
    format: 'text',
    form: 'private equity-owned care home group: numbered headings in capitals, boilerplate, "risk is low", effectiveness and training only promised, undated approval',
    blind: true,
    set: 'blind-2',
    document: { organisation: { entityType: 'company' } },
    areas: {
      structure: 'pass',
      // Whistleblowing, recruitment and code of conduct are the relevant policies the guidance names.
      policies: 'pass',
      // Right to work checks on every new employee are a process in place.
      dueDiligence: 'pass',
      // "We consider the risk to be low" without saying where: a denial, or not addressed.
      risk: ['warn', 'absent'],
      effectiveness: ['absent', 'warn'],
      training: 'warn',
    },
    rules: {
      'uk-steps-or-none': 'pass',
      'uk-approval': 'pass',
      'uk-signature': 'pass',
      'uk-risks-identified': 'fail',
      'uk-kpis-measurable': ['absent', 'warn'],
      'uk-approval-date': ['fail', 'warn'],
      // 398 words.
      'uk-not-boilerplate': 'fail',
    },
    rating: 'weak',
  },
  {
    file: 'caradon-engineering-group.pdf.md',
    format: 'pdf',
    form: 'long engineering group statement (plc) listing the six subsidiaries it covers; numbered headings with bold sub-headings; KPI table with targets',
    blind: true,
    set: 'blind-2',
    document: {
      organisation: { entityType: 'company' },
      isGroup: true,
      groupMembers: [
        { name: 'Caradon Precision Components Limited', companyNumber: '02884511' },
        { name: 'Caradon Fluid Systems Limited', companyNumber: '03390027' },
        { name: 'Tamar Valve Company Limited', companyNumber: '01175534' },
        { name: 'Caradon Aerospace Structures Limited', companyNumber: '05561290' },
        { name: 'Liskeard Electrical Controls Limited', companyNumber: '04412278' },
        { name: 'Caradon Engineering Services Limited', companyNumber: '06672310' },
      ],
    },
    areas: ALL_PASS,
    rules: {
      ...GOOD_RULES,
      'uk-remediation': 'pass',
      'uk-group-members-named': 'pass',
      'uk-approval-date': 'pass',
      'uk-actions-not-promises': 'pass',
    },
    rating: 'adequate',
  },
  {
    file: 'ashworth-greene-llp.txt',
    format: 'text',
    form: 'law firm LLP: short headings and numbered paragraphs (1.1, (a)); approved by "the Members", signed by the Senior Partner and Designated Member',
    blind: true,
    set: 'blind-2',
    document: { organisation: { entityType: 'llp' } },
    areas: ALL_PASS,
    rules: { ...GOOD_RULES, 'uk-remediation': 'pass', 'uk-approval-date': 'pass' },
    rating: 'adequate',
  },
  {
    file: 'northsea-shipping.txt',
    format: 'text',
    form: 'shipping company, one page: "zero tolerance" and commitments, nothing else; approved by the board and signed by a director',
    blind: true,
    set: 'blind-2',
    areas: {
      structure: 'absent',
      // A "zero tolerance approach" names no policy; at most a commitment.
      policies: ['absent', 'warn'],
      dueDiligence: 'absent',
      risk: 'absent',
      effectiveness: 'absent',
      training: 'absent',
    },
    rules: {
      // Neither steps taken nor a plain statement that none were taken (s54(4)).
      'uk-steps-or-none': 'fail',
      'uk-approval': 'pass',
      'uk-signature': 'pass',
      'uk-risks-identified': 'absent',
      'uk-kpis-measurable': 'absent',
      'uk-approval-date': 'pass',
      'uk-not-boilerplate': 'fail',
    },
    rating: 'non_compliant',
  },
  {
    file: 'clearview-cleaning.docx.md',
    format: 'docx',
    form: 'cleaning contractor Word file: supply chain and KPIs as tables, a bulleted "What we did", and a training paragraph that only states numbers',
    blind: true,
    set: 'blind-2',
    // "2,140 new operatives (induction, 12 languages); 410 of 412 supervisors …" under "Training" is training given.
    areas: ALL_PASS,
    rules: { ...GOOD_RULES, 'uk-remediation': 'pass', 'uk-approval-date': 'pass' },
    rating: 'adequate',
  },
  /*
   * Blind set 3 (session 10): ten statements written from rules.md without reading the checker, its
   * tests or known-gaps.ts' reasons, while sets 1 and 2 were being fixed for. These expectations
   * were committed with the statements, before the checker was run on them.
   */
  {
    file: 'greenacre-foodstores.pdf.md',
    format: 'pdf',
    form: 'supermarket plc with own-brand produce, two named subsidiaries; eight numbered large headings, bulleted risks, KPI table with targets, cases remediated; 52-week year',
    blind: true,
    set: 'blind-3',
    document: {
      organisation: { name: 'Greenacre Foodstores plc', entityType: 'company' },
      periodStart: '2024-03-03',
      periodEnd: '2025-03-01',
      isGroup: true,
      groupMembers: [{ name: 'Greenacre Fresh Produce Limited' }, { name: 'Greenacre Logistics Limited' }],
    },
    areas: ALL_PASS,
    rules: {
      ...GOOD_RULES,
      'uk-remediation': 'pass',
      'uk-group-members-named': 'pass',
      'uk-approval-date': 'pass',
      // "52 weeks ended 1 March 2025" agrees with the declared 52-week period.
      'uk-period': 'pass',
      'uk-actions-not-promises': 'pass',
    },
    rating: 'adequate',
  },
  {
    file: 'kingsmere-contracting.docx.md',
    format: 'docx',
    form: 'construction main contractor with labour-only subcontractors; Word headings as questions; approval date only in the text; sign-off "Signed: name, Managing Director, company" on one line',
    blind: true,
    set: 'blind-3',
    // No approvalDate in the form: the date is stated in the statement itself, which is what the guidance asks.
    document: {
      organisation: { name: 'Kingsmere Contracting Limited', entityType: 'company' },
      periodStart: '2024-04-01',
      periodEnd: '2025-03-31',
    },
    areas: ALL_PASS,
    rules: {
      ...GOOD_RULES,
      'uk-remediation': 'pass',
      'uk-approval-date': 'pass',
      'uk-period': 'pass',
    },
    rating: 'adequate',
  },
  {
    file: 'voltaris-joint-statement.html',
    format: 'html',
    form: "UK subsidiary publishing its Australian parent's joint statement (UK and Australian Acts named); an HTML table of reporting areas; cobalt, mica, 3TG beyond Tier 3; both boards approve, a named director of the UK company signs",
    blind: true,
    set: 'blind-3',
    document: {
      organisation: { name: 'Voltaris Electronics UK Limited', entityType: 'company' },
      periodStart: '2024-07-01',
      periodEnd: '2025-06-30',
    },
    // The UK company's own board approved it and one of its directors signed it (s54(6)(a)).
    areas: ALL_PASS,
    rules: { ...GOOD_RULES, 'uk-remediation': 'pass', 'uk-approval-date': 'pass' },
    rating: 'adequate',
  },
  {
    file: 'brightsun-solar-installs.txt',
    format: 'text',
    form: 'solar installer, bullets only: names polysilicon/Xinjiang and cobalt risks, policies adopted, everything else "we will" / "we plan to"; 411 words',
    blind: true,
    set: 'blind-3',
    document: { organisation: { entityType: 'company' }, periodStart: '2024-01-01', periodEnd: '2024-12-31' },
    areas: {
      structure: 'pass',
      // "a Modern Slavery Policy and a Supplier Code of Conduct, which the Board adopted in March 2024".
      policies: 'pass',
      dueDiligence: 'warn',
      // Where the risk lies is stated; how it is assessed and managed is only promised.
      risk: ['pass', 'warn'],
      effectiveness: 'warn',
      training: 'warn',
    },
    rules: {
      // The only step taken is adopting the policy and code.
      'uk-steps-or-none': ['pass', 'warn'],
      'uk-approval': 'pass',
      'uk-signature': 'pass',
      'uk-risks-identified': 'pass',
      'uk-kpis-measurable': ['absent', 'warn'],
      'uk-remediation': ['absent', 'warn'],
      'uk-actions-not-promises': ['fail', 'warn'],
      'uk-not-boilerplate': 'fail',
      'uk-approval-date': 'pass',
    },
    // Three areas (due diligence, effectiveness, training) backed only by promises.
    rating: 'weak',
  },
  {
    file: 'castlegate-insurance.txt',
    format: 'text',
    form: 'general insurer, half a page without headings: claims supply chain and investments; approved by the Board Risk Committee, signed by the CEO and Director',
    blind: true,
    set: 'blind-3',
    document: { organisation: { entityType: 'company' }, periodStart: '2024-01-01', periodEnd: '2024-12-31' },
    areas: {
      structure: 'pass',
      policies: 'pass',
      // Every new claims and facilities supplier screened; on-site reviews of 22 repairers.
      dueDiligence: 'pass',
      risk: 'pass',
      effectiveness: 'absent',
      // "All employees complete annual financial crime training, which includes a module on modern slavery."
      training: 'pass',
    },
    rules: {
      'uk-steps-or-none': 'pass',
      // A committee of the board is not the board (rules.md: delegated approval does not count).
      'uk-approval': 'fail',
      'uk-signature': 'pass',
      'uk-risks-identified': 'pass',
      'uk-kpis-measurable': 'absent',
      // 299 words.
      'uk-not-boilerplate': 'fail',
    },
    rating: 'non_compliant',
  },
  {
    file: 'staffbridge-payroll.docx.md',
    format: 'docx',
    form: 'umbrella employment / recruitment company; Word headings and bullets; its KPI table is all training figures; payroll alerts and cases reported under risk',
    blind: true,
    set: 'blind-3',
    document: {
      organisation: { name: 'StaffBridge Payroll Services Limited', entityType: 'company' },
      periodStart: '2024-04-01',
      periodEnd: '2025-03-31',
    },
    // s54(5)(e) lets the organisation choose the indicators it considers appropriate: training
    // completion figures in a KPI section are effectiveness measured, if narrowly.
    areas: ALL_PASS,
    rules: { ...GOOD_RULES, 'uk-remediation': 'pass', 'uk-approval-date': 'pass' },
    rating: 'adequate',
  },
  {
    file: 'northway-motor-group.txt',
    format: 'text',
    form: 'car dealer group: capitals title, six numbered area headings of which "5. Effectiveness" is empty and "6. Training" says "Not applicable."; approved and signed 12 December 2024, before the year ended',
    blind: true,
    set: 'blind-3',
    document: { organisation: { entityType: 'company' }, periodStart: '2024-01-01', periodEnd: '2024-12-31' },
    areas: { ...ALL_PASS, effectiveness: 'absent', training: 'absent' },
    rules: {
      ...GOOD_RULES,
      'uk-kpis-measurable': 'absent',
      // Approved before the period end (rules.md: on or after the period end).
      'uk-approval-date': ['fail', 'warn'],
      'uk-period': 'pass',
      // 429 words.
      'uk-not-boilerplate': 'fail',
    },
    rating: 'adequate',
  },
  {
    file: 'loopthread-textiles.html',
    format: 'html',
    form: 'textile recycler, HTML paragraphs with no headings: describes the business and lists policies, nothing else; signed "A Director"',
    blind: true,
    set: 'blind-3',
    document: { organisation: { entityType: 'company' }, periodStart: '2024-04-01', periodEnd: '2025-03-31' },
    areas: {
      structure: 'pass',
      policies: 'pass',
      dueDiligence: 'absent',
      risk: 'absent',
      effectiveness: 'absent',
      training: 'absent',
    },
    rules: {
      // "During the year we adopted an Anti-Slavery and Human Trafficking Policy" is a step taken.
      'uk-steps-or-none': 'pass',
      'uk-approval': 'pass',
      // No name: s54(6) needs a director to sign, and the public cannot tell who did.
      'uk-signature': 'fail',
      'uk-risks-identified': 'absent',
      'uk-kpis-measurable': 'absent',
      'uk-not-boilerplate': 'fail',
      'uk-approval-date': 'pass',
    },
    rating: 'non_compliant',
  },
  {
    file: 'tidewell-biosciences.pdf.md',
    format: 'pdf',
    form: 'university spin-out AIM plc, one statement for two financial years (24 months); bold body-size headings, a "progress against our commitments" table, "How we will measure effectiveness" heading over reported figures',
    blind: true,
    set: 'blind-3',
    document: {
      organisation: { name: 'Tidewell Biosciences plc', entityType: 'company' },
      periodStart: '2023-04-01',
      periodEnd: '2025-03-31',
      isGroup: true,
      groupMembers: [{ name: 'Tidewell Diagnostics Limited' }],
    },
    areas: ALL_PASS,
    rules: {
      ...GOOD_RULES,
      'uk-remediation': 'pass',
      'uk-group-members-named': 'pass',
      'uk-approval-date': 'pass',
      // 24 months: outside the 12–18 months the guidance allows.
      'uk-period': ['fail', 'warn'],
    },
    rating: 'adequate',
  },
  {
    file: 'st-aldhelm-hospice.txt',
    format: 'text',
    form: 'hospice charity (company limited by guarantee, £38.6m income) with a trading subsidiary; numbered headings, (a)-(d) risk list; approved by the Board of Trustees, signed by the Chair of Trustees',
    blind: true,
    set: 'blind-3',
    document: {
      organisation: { name: "St Aldhelm's Hospice Care", entityType: 'charity' },
      periodStart: '2024-04-01',
      periodEnd: '2025-03-31',
      isGroup: true,
      groupMembers: [{ name: "St Aldhelm's Hospice Trading Limited" }],
    },
    // The trustees are the charity company's directors (its board); their Chair signs as one of them.
    areas: ALL_PASS,
    rules: {
      ...GOOD_RULES,
      'uk-group-members-named': 'pass',
      'uk-approval-date': 'pass',
      'uk-period': 'pass',
    },
    rating: 'adequate',
  },

  /*
   * Blind set 4 (blind6, session 11): ten statements written from rules.md and the law by an
   * engineer who had not read the checker, committed before the checker was run on them.
   */
  {
    file: 'pelham-coffee-franchise.txt',
    format: 'text',
    form: 'coffee franchisor: franchisees covered by the operations manual; run-in headings ("Who we are. …"), a bulleted KPI list with targets, a broker-fee case repaid',
    blind: true,
    set: 'blind-4',
    document: {
      organisation: { name: 'Pelham Coffee House Limited', entityType: 'company' },
      periodStart: '2024-04-01',
      periodEnd: '2025-03-31',
    },
    areas: ALL_PASS,
    rules: {
      ...GOOD_RULES,
      // Fees repaid, arrears paid with a breach notice, and a Speak Up line open to suppliers' workers.
      'uk-remediation': 'pass',
      'uk-approval-date': 'pass',
      'uk-period': 'pass',
      'uk-actions-not-promises': 'pass',
    },
    rating: 'adequate',
  },
  {
    file: 'glenmorven-care-scotland.html',
    format: 'html',
    form: 'Scottish care charity (company limited by guarantee, OSCR number, £41.7m income); h2 sections; risk only in general terms ("can occur in any supply chain", "keeps the risk low"); Board of Trustees approves, its Chair signs',
    blind: true,
    set: 'blind-4',
    document: {
      organisation: { name: 'Glenmorven Care', entityType: 'charity' },
      periodStart: '2024-04-01',
      periodEnd: '2025-03-31',
    },
    // The trustees of a charitable company are its directors (the statement says so): the board approves, its Chair signs.
    areas: {
      ...ALL_PASS,
      // It says only that risk "can occur in any sector" and is considered in tenders: no part of the
      // business or supply chain is named, so s54(5)(d)'s "parts … where there is a risk" is not met;
      // the risk register and committee review are a process, so a weak reading may credit it.
      risk: ['warn', 'absent'],
    },
    rules: {
      'uk-steps-or-none': 'pass',
      'uk-approval': 'pass',
      'uk-signature': 'pass',
      // No sector, country, group or tier named; "keeps the risk low" (2025 foreword: not looking hard enough).
      'uk-risks-identified': ['fail', 'warn'],
      // Questionnaire returns 35 of 38 (92%), up from 27; 97% of managers trained.
      'uk-kpis-measurable': 'pass',
      'uk-approval-date': 'pass',
      'uk-period': 'pass',
    },
    // No risks identified: weak (rules.md summary).
    rating: 'weak',
  },
  {
    file: 'harbury-vane-llp-second-year.docx.md',
    format: 'docx',
    form: 'architects LLP, second statement that keeps last year\'s text and adds a "Progress since last year" heading over a commitments table (commitment | what we did | status); approved by the members, signed by a designated member in one prose line',
    blind: true,
    set: 'blind-4',
    document: {
      organisation: { name: 'Harbury Vane LLP', entityType: 'llp' },
      periodStart: '2024-05-01',
      periodEnd: '2025-04-30',
    },
    // The progress table reports last year's commitments against what was done, with a status and a
    // percentage: effectiveness measured (s54(5)(e)); risk and due diligence share one heading.
    areas: ALL_PASS,
    rules: {
      ...GOOD_RULES,
      'uk-approval-date': 'pass',
      'uk-period': 'pass',
    },
    rating: 'adequate',
  },
  {
    file: 'fernhill-garden-centres.pdf.md',
    format: 'pdf',
    form: 'garden-centre retailer PDF: headings numbered "1." (large) and "1.1" (bold body size), KPI table with three columns of years and targets; training only for buyers and merchandisers',
    blind: true,
    set: 'blind-4',
    document: {
      organisation: { name: 'Fernhill Garden Centres Limited', entityType: 'company' },
      periodStart: '2024-03-03',
      periodEnd: '2025-03-01',
    },
    // Training given to buyers is training available to (some of) its staff: s54(5)(f) is addressed,
    // however narrowly; store staff training is only planned.
    areas: ALL_PASS,
    rules: {
      ...GOOD_RULES,
      // Passports returned and verified; transport charges refunded; a helpline open to agency workers.
      'uk-remediation': 'pass',
      'uk-approval-date': 'pass',
      // "52 weeks ended 1 March 2025" agrees with the declared 52-week period.
      'uk-period': 'pass',
    },
    rating: 'adequate',
  },
  {
    file: 'corrin-logistics-committee.txt',
    format: 'text',
    form: 'logistics group: capitals title, a long boilerplate preamble (ILO figures, "committed to acting ethically"), then sound sections; approved by "the Audit and Risk Committee of the Board … on behalf of the Board"; signed by the CFO and Director',
    blind: true,
    set: 'blind-4',
    document: {
      organisation: { name: 'Corrin Logistics Group Limited', entityType: 'company' },
      periodStart: '2024-01-01',
      periodEnd: '2024-12-31',
    },
    areas: ALL_PASS,
    rules: {
      ...GOOD_RULES,
      // s54(6)(a) asks for the board's approval; a committee acting "on behalf of the Board" is the
      // delegated wording rules.md says does not count.
      'uk-approval': 'fail',
      // Shared accounts found, agency removed, GLAA informed, workers offered direct employment.
      'uk-remediation': 'pass',
      'uk-period': 'pass',
    },
    rating: 'non_compliant',
  },
  {
    file: 'tillingham-brewery-unsigned.html',
    format: 'html',
    form: 'regional brewer and pub company page (age gate, menu): h2 sections, hop-harvest seasonal workers named as a risk; effectiveness only promised; "approved by the Board of Directors on 18 March 2025" and no signature at all',
    blind: true,
    set: 'blind-4',
    document: {
      organisation: { name: 'Tillingham Brewery Company Limited', entityType: 'company' },
      periodStart: '2023-10-01',
      periodEnd: '2024-09-30',
    },
    areas: {
      ...ALL_PASS,
      // "We have not yet set formal performance indicators. Over the next year we will develop …"
      effectiveness: 'warn',
    },
    rules: {
      'uk-steps-or-none': 'pass',
      'uk-approval': 'pass',
      // s54(6)(a): it must be signed by a director; nobody signs it.
      'uk-signature': 'fail',
      'uk-risks-identified': 'pass',
      'uk-kpis-measurable': ['absent', 'warn'],
      // 18 March 2025 is after the period end and within six months of it.
      'uk-approval-date': 'pass',
      'uk-period': 'pass',
    },
    rating: 'non_compliant',
  },
  {
    file: 'wrenfield-interiors-faq.docx.md',
    format: 'docx',
    form: 'furniture retailer\'s first statement as FAQ (every heading a question): no policy yet, no risk assessment yet, everything "we plan to" / "we intend to"; approved by the board and signed by a director',
    blind: true,
    set: 'blind-4',
    document: {
      organisation: { name: 'Wrenfield Interiors Limited', entityType: 'company' },
      periodStart: '2024-02-01',
      periodEnd: '2025-01-31',
    },
    areas: {
      structure: 'pass',
      // "Not yet. We are drafting a Modern Slavery Policy …": only a promise.
      policies: ['warn', 'absent'],
      dueDiligence: 'warn',
      // Names where it will look (UK upholstery workshops, cotton and curtain making in India and China)
      // but has assessed nothing: promised.
      risk: 'warn',
      effectiveness: 'warn',
      training: 'warn',
    },
    rules: {
      // Neither steps taken nor a plain "no steps were taken" (as kestrel-promises).
      'uk-steps-or-none': ['warn', 'fail'],
      'uk-approval': 'pass',
      'uk-signature': 'pass',
      // Named as where it expects risk to be, not as risks found: either reading is defensible.
      'uk-risks-identified': ['pass', 'warn'],
      'uk-kpis-measurable': ['absent', 'warn'],
      'uk-actions-not-promises': ['fail', 'warn'],
      'uk-approval-date': 'pass',
      'uk-period': 'pass',
    },
    rating: 'weak',
  },
  {
    file: 'kingsholm-leisure-group.html',
    format: 'html',
    form: 'leisure group plc (holiday parks, gyms, lodges): the companies covered in an HTML table (company | number | business); section elements with h2; KPI list; signed by the CEO (a director per the form)',
    blind: true,
    set: 'blind-4',
    document: {
      organisation: { name: 'Kingsholm Leisure Group plc', entityType: 'company' },
      periodStart: '2024-01-01',
      periodEnd: '2024-12-31',
      isGroup: true,
      groupMembers: [
        { name: 'Kingsholm Holiday Parks Limited' },
        { name: 'FitHub Gyms Limited' },
        { name: 'Kingsholm Lodges Limited' },
        { name: 'Parkside Catering Services Limited' },
      ],
      signatory: {
        firstName: 'Rachel',
        lastName: 'Penrose',
        jobTitle: 'Chief Executive Officer',
        role: 'director',
      },
    },
    areas: ALL_PASS,
    rules: {
      ...GOOD_RULES,
      // Every member is named, in the table.
      'uk-group-members-named': 'pass',
      // Over-deductions refunded (£9,850), contract ended, 12 workers employed directly; Speak Up line.
      'uk-remediation': 'pass',
      'uk-approval-date': 'pass',
      'uk-period': 'pass',
    },
    rating: 'adequate',
  },
  {
    file: 'vandermolen-flowers-bv.txt',
    format: 'text',
    form: 'Dutch B.V. carrying on business in the UK through a branch (flower importer); plain headings without numbers; no effectiveness section; approved by the Management Board (directie), signed by the Statutory Director',
    blind: true,
    set: 'blind-4',
    document: {
      organisation: { name: 'Vandermolen Flowers B.V.', entityType: 'other_body_corporate' },
      periodStart: '2024-07-01',
      periodEnd: '2025-06-30',
    },
    // s54(6)(a) and s54(12): a body corporate wherever incorporated; its "board of directors (or
    // equivalent management body)" approves and a director (or equivalent) signs. A Dutch
    // management board and statutory director are exactly that equivalent.
    areas: {
      ...ALL_PASS,
      // Figures appear (96% certified volume, 58 farm visits) but only as due diligence facts, never
      // as measures of whether the steps work.
      effectiveness: 'absent',
    },
    rules: {
      ...GOOD_RULES,
      'uk-kpis-measurable': 'absent',
      // A broker's fees repaid to 85 workers and verified; a grievance committee on its own farm.
      'uk-remediation': 'pass',
      // 14 November 2025: after the period end, before the check date (1 December 2025).
      'uk-approval-date': 'pass',
      'uk-period': 'pass',
    },
    rating: 'adequate',
  },
  {
    file: 'brampton-security-short.pdf.md',
    format: 'pdf',
    form: 'security guarding firm, one page (310 words): business, "zero tolerance", a list of policies, one contract clause added, right-to-work checks; nothing on risk, effectiveness or training; approved by the board, signed by the Managing Director',
    blind: true,
    set: 'blind-4',
    document: {
      organisation: { name: 'Brampton Security Services Ltd', entityType: 'company' },
      periodStart: '2024-04-01',
      periodEnd: '2025-03-31',
    },
    areas: {
      structure: 'pass',
      policies: 'pass',
      // Right-to-work checks on every officer are a process in place (as elmhurst-care), but nothing
      // on suppliers or the subcontracted event companies beyond a clause: thin either way.
      dueDiligence: ['pass', 'absent'],
      risk: 'absent',
      effectiveness: 'absent',
      training: 'absent',
    },
    rules: {
      // "During the year we added an anti-slavery clause to the standard terms" is a step taken.
      'uk-steps-or-none': 'pass',
      'uk-approval': 'pass',
      'uk-signature': 'pass',
      'uk-risks-identified': 'absent',
      'uk-kpis-measurable': 'absent',
      // 310 words.
      'uk-not-boilerplate': 'fail',
      // 30 September 2025: after the period end, within the six months.
      'uk-approval-date': 'pass',
    },
    // Three or more areas missing: weak (rules.md summary).
    rating: 'weak',
  },
];
