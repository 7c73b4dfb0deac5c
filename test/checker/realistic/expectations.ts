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
   * written in session 9 by an engineer who had not read the checker, while the first eight were fixed.
   */
  set?: 'blind-2';
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
];
