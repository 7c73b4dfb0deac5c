import { checkStatement } from '../../functions/checker/check.ts';
import { type Extraction, extractFromText } from '../../functions/checker/extract/document.ts';
import type { SimilarStatement, WebsiteFindings } from '../../functions/checker/rules/context.ts';
import type { Tagger } from '../../functions/checker/tagger/model.ts';
import type { CheckDocument, EarlierStatement } from '../../schemas/check-request.ts';
import type { CheckResult, Finding, RuleId, SentenceTag } from '../../schemas/check-result.ts';

/**
 * A tagger stub for rule tests: tags come from keywords, so a rule test depends on the rule, not
 * on the trained model. (The model has its own tests and `npm run eval`.)
 */
const KEYWORDS: [RegExp, SentenceTag][] = [
  [/approved by|approval/i, 'approval'],
  [/^signed|director$|chief executive$/i, 'signature'],
  [/subsidiar|headquarter|group of companies|employees/i, 'structure'],
  [/we (make|sell|operate|provide)|stores|products/i, 'operations'],
  [/suppliers? (in|from|of)|supply chain (includes|covers)|we buy/i, 'supply_chains'],
  [/risk/i, 'risk'],
  [/polic(y|ies)|code of conduct/i, 'policies'],
  [/audit|questionnaire|due diligence|screen/i, 'due_diligence'],
  [/train/i, 'training'],
  [/whistleblow|grievance|remed/i, 'remediation'],
  [/kpi|measure|effectiveness|progress/i, 'effectiveness'],
];

export const keywordTagger: Tagger = {
  scores: () => [],
  aimsLabels: () => [],
  tag: (sentences) =>
    sentences.map((s) => [...new Set(KEYWORDS.filter(([re]) => re.test(s.text)).map(([, tag]) => tag))]),
};

const filler = [
  'Our approach is led by the ethics team, who report on it to the board every quarter.',
  'We publish this statement on our website and in our annual report so that customers and colleagues can read it.',
  'Colleagues in every store and depot know how to raise a concern about how workers are treated.',
  'We work with industry groups such as Stronger Together to share what we learn with other retailers.',
];

/** A complete statement of a company that meets every rule (with the keyword tagger). */
export const GOOD_TEXT = [
  'Acme Retail Ltd: modern slavery statement 2025',
  '',
  'This statement is made under section 54 of the Modern Slavery Act 2015 for the financial year ended 31 March 2025. It covers Acme Retail Ltd and Acme Logistics Ltd.',
  '',
  'Our structure',
  'Acme Retail Ltd is the parent of a group of companies with 4,200 employees and its headquarters in Leeds. Its subsidiaries are Acme Logistics Ltd and Acme Online Ltd.',
  '',
  'Our business',
  'We sell clothing and homeware products through 120 stores and online. We operate two distribution centres in the United Kingdom.',
  '',
  'Our supply chains',
  'We buy from 350 suppliers in 14 countries, most of them garment factories in Bangladesh, India and Turkey. Suppliers in our tier 2 supply chain spin and dye cotton.',
  '',
  'Policies',
  'Our supplier code of conduct prohibits forced labour, recruitment fees charged to workers and the retention of identity documents. Our human rights policy was updated in 2024.',
  '',
  'Risks',
  'The highest risk of forced labour is among migrant workers in garment factories in Bangladesh and in cotton farming in Turkey. Agency workers at our warehouses are also at risk of exploitation by labour providers.',
  '',
  'Due diligence',
  'Every new supplier completes a questionnaire and is screened before it is approved. During the year we carried out 96 unannounced audits of tier 1 factories, and we completed due diligence on all labour providers.',
  '',
  'Training',
  'In 2024 we trained 1,150 buyers, store managers and warehouse supervisors on the signs of modern slavery.',
  '',
  'Remediation',
  'Workers can report concerns through a confidential whistleblowing hotline in 12 languages. When a case is found we remediate it with the supplier, repay recruitment fees and refer victims to support services.',
  '',
  'Effectiveness',
  'We measure progress against KPIs: 98% of tier 1 suppliers audited within two years, and 100% of buyers trained. We measure effectiveness every quarter and report progress to the board.',
  '',
  ...Array.from({ length: 7 }, () => filler.join(' ')).map(
    (p, i) => `${p.replace('every quarter', `in quarter ${i + 1}`)}\n`,
  ),
  'This statement was approved by the Board of Directors of Acme Retail Ltd on 10 July 2025.',
  '',
  'Signed',
  'Ann Smith',
  'Director',
].join('\n');

export const GOOD_DOCUMENT: CheckDocument = {
  jurisdiction: 'UK',
  isGroup: true,
  groupMembers: [{ name: 'Acme Retail Ltd' }, { name: 'Acme Logistics Ltd', companyNumber: '01234567' }],
  statementUrl: 'https://acme.example/modern-slavery-statement',
  homepageUrl: 'https://acme.example/',
  contactEmail: null,
  periodStart: '2024-04-01',
  periodEnd: '2025-03-31',
  approvedBy: 'board',
  approvalDate: '2025-07-10',
  signatory: { firstName: 'Ann', lastName: 'Smith', jobTitle: 'Director', role: 'director' },
  areas: {
    structure: { covered: true },
    policies: { covered: true },
    riskAssessment: { covered: true },
    dueDiligence: { covered: true },
    training: { covered: true },
    kpis: { covered: true },
  },
  turnover: '£100 million to £500 million',
  submittedAt: '2025-07-20T10:00:00.000Z',
  organisation: { name: 'Acme Retail Ltd', entityType: 'company', companyNumber: '07654321' },
};

export const GOOD_WEBSITE: WebsiteFindings = {
  statement: {
    url: GOOD_DOCUMENT.statementUrl!,
    outcome: 'ok',
    finalUrl: GOOD_DOCUMENT.statementUrl!,
    kind: 'html',
    detail: 'answered HTML',
  },
  homepage: {
    url: GOOD_DOCUMENT.homepageUrl!,
    outcome: 'ok',
    detail: 'linked',
    link: { href: GOOD_DOCUMENT.statementUrl!, text: 'Modern slavery statement', where: 'footer' },
  },
  previous: [
    { url: 'https://acme.example/msa-2024.pdf', outcome: 'ok', kind: 'pdf', detail: 'answered PDF' },
  ],
};

export const GOOD_HISTORY: EarlierStatement[] = [
  {
    statementId: 'S2024',
    year: 2024,
    periodEnd: '2024-03-31',
    statementUrl: 'https://acme.example/msa-2024.pdf',
    text: 'Our 2024 statement was short. We had a policy and began supplier questionnaires. We plan to audit factories next year.',
  },
];

export interface Scenario {
  text?: string;
  document?: Partial<CheckDocument>;
  extraction?: Extraction;
  textGiven?: boolean;
  history?: EarlierStatement[] | undefined | null;
  website?: WebsiteFindings | null;
  similar?: SimilarStatement[] | null;
  now?: Date;
}

export const NOW = new Date('2025-08-01T12:00:00Z');

/** Runs the pure check on the good statement with the scenario's changes (null removes an input). */
export function checkScenario(scenario: Scenario = {}): CheckResult {
  const text = scenario.text ?? GOOD_TEXT;
  return checkStatement(
    {
      document: { ...GOOD_DOCUMENT, ...scenario.document },
      organisation: { ...GOOD_DOCUMENT.organisation, ...scenario.document?.organisation },
      extraction: scenario.extraction ?? extractFromText(text),
      textGiven: scenario.textGiven ?? true,
      history: scenario.history === null ? undefined : (scenario.history ?? GOOD_HISTORY),
      website: scenario.website === null ? undefined : (scenario.website ?? GOOD_WEBSITE),
      similar: scenario.similar === null ? undefined : (scenario.similar ?? []),
      now: scenario.now ?? NOW,
    },
    keywordTagger,
  );
}

export function findingOf(result: CheckResult, rule: RuleId): Finding {
  const finding = result.findings.find((f) => f.rule === rule);
  if (!finding) throw new Error(`no finding for ${rule}`);
  return finding;
}
