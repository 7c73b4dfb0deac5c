import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isAcknowledgement,
  isBareHeading,
  isDenial,
  isPromise,
  namesWhereRiskLies,
} from '../../functions/checker/rules/wording.ts';
import { type CheckSource, runCheck } from '../../functions/checker/run-check.ts';
import { isTrainingSentence, mitigationTags } from '../../functions/checker/tagger/lexicon.ts';
import { defaultTagger } from '../../functions/checker/tagger/model.ts';
import type { CheckDocument } from '../../schemas/check-request.ts';
import { type CheckResult, checkResultSchema, type RuleId } from '../../schemas/check-result.ts';
import { imageOnlyPdf, scannedPdf, textPdf } from './fixtures.ts';

/**
 * Statement-level verdicts with the committed tagger (not a stub) on realistic statements written
 * for these tests: they do not use the rules' own keywords ("modern slavery risks", "KPIs" in
 * every sentence), as a real statement would not.
 */
const dir = path.join(import.meta.dirname, 'statements');
const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');
const HARBOUR = read('harbour-foods.txt');
const NORTHWIND = read('northwind-bulleted.txt');
const PROMISES = read('promises-only.txt');

const AREAS: RuleId[] = [
  'uk-area-structure',
  'uk-area-policies',
  'uk-area-due-diligence',
  'uk-area-risk',
  'uk-area-effectiveness',
  'uk-area-training',
];

async function check(source: CheckSource, document: CheckDocument = {}): Promise<CheckResult> {
  const { result } = await runCheck(document, source, {
    tagger: defaultTagger(),
    now: new Date('2025-08-01'),
  });
  return checkResultSchema.parse(result);
}
const text = (t: string) => ({ kind: 'text', text: t }) as const;
const finding = (result: CheckResult, rule: RuleId) => result.findings.find((f) => f.rule === rule)!;

/** The statement as a PDF: each line a paragraph, the KPI table's rows as lines. */
async function harbourPdf(statement = HARBOUR): Promise<Uint8Array> {
  const lines = statement
    .split('\n')
    .filter((l) => l.trim() && !/^\|[-| ]+\|$/.test(l))
    .map((l) => (l.startsWith('|') ? l.replace(/^\|\s*|\s*\|$/g, '').replace(/\s*\|\s*/g, ': ') : l));
  return textPdf([lines.slice(0, 12), lines.slice(12, 24), lines.slice(24)]);
}

const capitalHeadings = (statement: string) =>
  statement.replace(/^(Due diligence|Training|Our commitments)$/gm, (h) => h.toUpperCase());

const SOURCES: [string, () => Promise<CheckSource>][] = [
  ['headed text', async () => text(HARBOUR)],
  [
    'HTML',
    async () => ({
      kind: 'document',
      bytes: new TextEncoder().encode(read('harbour-foods.html')),
      hint: 'html',
    }),
  ],
  ['PDF', async () => ({ kind: 'document', bytes: await harbourPdf(), hint: 'pdf' })],
  [
    'PDF with its headings in capitals',
    async () => ({ kind: 'document', bytes: await harbourPdf(capitalHeadings(HARBOUR)), hint: 'pdf' }),
  ],
  ['numbered, bulleted text with a tab-separated KPI table', async () => text(NORTHWIND)],
  ['text with its headings in capitals', async () => text(capitalHeadings(HARBOUR))],
];

describe('a well-written statement', () => {
  it.each(SOURCES)(
    'as %s passes every area, names its risks and measures its progress',
    async (_name, source) => {
      const result = await check(await source());
      for (const rule of AREAS) {
        const f = finding(result, rule);
        expect(f.status, `${rule}: ${f.message}`).toBe('pass');
        expect(f.evidenceStatus).toBe('actions');
        expect(f.confidence).toBeGreaterThan(0.5);
      }
      for (const rule of [
        'uk-risks-identified',
        'uk-kpis-measurable',
        'uk-approval',
        'uk-signature',
      ] as const)
        expect(finding(result, rule).status, finding(result, rule).message).toBe('pass');
      expect(result.summary.areasCovered).toBe(6);
      expect(['adequate', 'strong']).toContain(result.summary.rating);
    },
  );

  it('gets its risk verdict from a headed risk section without the words "modern slavery risks"', async () => {
    expect(HARBOUR).not.toMatch(/modern slavery risks?/i);
    const result = await check(text(HARBOUR));
    const risk = finding(result, 'uk-area-risk');
    expect(risk.message).toContain('Where we see the greatest exposure');
    const quoted = finding(result, 'uk-risks-identified')
      .evidence.map((e) => e.text)
      .join(' ');
    expect(quoted).toMatch(/Vietnam|Morocc|migrants|agency workers/);
  });

  it('counts a KPI table for effectiveness and measurable indicators', async () => {
    const result = await check(text(NORTHWIND));
    const kpis = finding(result, 'uk-kpis-measurable');
    expect(kpis.status).toBe('pass');
    const rows = kpis.evidence.map((e) => result.sentences[e.sentence! - 1]!);
    expect(rows.some((s) => s.unit === 'table_row' && /Measure: /.test(s.text))).toBe(true);
  });

  it('shows the form’s risks as corroborating evidence, with the field they come from', async () => {
    const document: CheckDocument = {
      summary: {
        risks: [
          {
            description: 'Recruitment fees paid by agency workers',
            location: 'Within your own operations',
            countries: ['RO', 'BG'],
            affectedGroups: ['Migrants'],
          },
        ],
      },
      areas: { riskAssessment: { covered: true } },
    };
    const result = await check(text(HARBOUR), document);
    const risk = finding(result, 'uk-area-risk');
    expect(risk.status).toBe('pass');
    expect(risk.evidence.find((e) => e.field === 'summary.risks.0')?.text).toContain('Romania');
  });
});

describe('a statement of promises', () => {
  it('gets warnings, not passes, for the areas it only promises, and says so', async () => {
    const result = await check(text(PROMISES));
    for (const rule of [
      'uk-area-policies',
      'uk-area-due-diligence',
      'uk-area-training',
      'uk-area-effectiveness',
    ] as const) {
      const f = finding(result, rule);
      expect(f.status, `${rule}: ${f.message}`).toBe('warn');
      expect(f.evidenceStatus).toBe('promises');
      expect(f.advice?.howToSatisfy).toMatch(/what was done during the year/);
    }
    expect(finding(result, 'uk-area-structure').status).toBe('pass');
    expect(finding(result, 'uk-steps-or-none').status).toBe('warn');
    expect(finding(result, 'uk-actions-not-promises').status).toBe('fail');
  });

  it("does not count the sign-off closing the last section as that area's evidence", async () => {
    const result = await check(
      text(
        [
          'Northwind Logistics Ltd Modern Slavery Statement 2025',
          '',
          'About us',
          'Northwind Logistics Ltd provides warehousing and freight services in the UK and employs 900 people. Our suppliers include fuel, vehicle maintenance, agency labour and packaging firms.',
          '',
          'Risks',
          'We intend to carry out a risk assessment of our agency labour providers.',
          '',
          'Effectiveness',
          'We will develop KPIs to measure our progress.',
          '',
          'This statement was approved by the board of directors on 1 September 2025 and is signed by Mary Jones, Director.',
        ].join('\n'),
      ),
    );
    const effectiveness = finding(result, 'uk-area-effectiveness');
    expect(effectiveness.status, effectiveness.message).toBe('warn');
    expect(effectiveness.evidenceStatus).toBe('promises');
    expect(effectiveness.evidence.map((e) => e.text).join(' ')).not.toMatch(/approved by the board/);
    // A plan to assess a group of workers is not a risk found.
    const risks = finding(result, 'uk-risks-identified');
    expect(risks.status, risks.message).toBe('warn');
    expect(risks.message).toMatch(/plans to assess/);
  });

  it.each([
    'Signed: Jane Smith, Managing Director',
    'Signature: Jane Smith, Managing Director',
    'Signed – Jane Smith, Managing Director, 10 June 2025',
    'Yours sincerely, Jane Smith, Managing Director',
  ])('never quotes the sign-off line "%s" as evidence of the section it closes', async (signOff) => {
    const result = await check(
      text(
        [
          'Acme Widgets Ltd Modern Slavery Statement 2025',
          '',
          'Effectiveness',
          'We measure the share of suppliers who have signed our code (92% this year, up from 80%) and the number of audits completed (14 against a target of 12).',
          '',
          'This statement was approved by the board of directors on 10 June 2025.',
          signOff,
        ].join('\n'),
      ),
    );
    const effectiveness = finding(result, 'uk-area-effectiveness');
    expect(effectiveness.evidence.map((e) => e.text)).not.toContain(signOff);
  });

  it('marks an area whose only evidence denies there is anything to find', async () => {
    const denial = HARBOUR.replace(
      /Where we see the greatest exposure\n[^\n]+/,
      'Where we see the greatest exposure\nWe have not identified any instances of forced labour and consider the risk in our business to be low.',
    );
    const result = await check(text(denial));
    expect(finding(result, 'uk-risks-identified').status).toBe('fail');
    expect(finding(result, 'uk-area-risk').evidenceStatus).not.toBe('promises');
  });
});

describe('a boilerplate statement', () => {
  it('does not pass risk on general remarks and a denial, and is weak', async () => {
    const result = await check(text(read('boilerplate.txt')));
    const risk = finding(result, 'uk-area-risk');
    expect(risk.status).toBe('warn');
    expect(risk.evidenceStatus).toBe('denial');
    expect(finding(result, 'uk-risks-identified').status).toBe('fail');
    expect(result.summary.rating).toBe('weak');
  });
});

describe('the law needs the statement itself', () => {
  const unsigned = HARBOUR.replace(/\nApproval\n[\s\S]*$/, '\n');
  const form: CheckDocument = {
    approvedBy: 'board',
    approvalDate: '2025-07-18',
    signatory: { firstName: 'Margaret', lastName: 'Osei', jobTitle: 'Chief Executive', role: 'director' },
    organisation: { entityType: 'company' },
  };

  it('never passes approval or signature on the form’s answers alone', async () => {
    const result = await check(text(unsigned), form);
    for (const rule of ['uk-approval', 'uk-signature'] as const) {
      const f = finding(result, rule);
      expect(f.status, f.message).toBe('fail');
      expect(f.certainty).toBe('confident');
      expect(f.evidence.some((e) => e.field)).toBe(true);
    }
    expect(result.summary.meetsLegalMinimum).toBe(false);
  });

  it('passes them when the statement says it, and shows the form’s answer beside the quote', async () => {
    const result = await check(text(HARBOUR), form);
    const approval = finding(result, 'uk-approval');
    expect(approval.status).toBe('pass');
    expect(approval.evidence.map((e) => e.field ?? 'sentence')).toEqual(['sentence', 'approvedBy']);
  });
});

describe('messages that help the writer', () => {
  it('says what was looked for, in which section, and what would satisfy it', async () => {
    const result = await check(text(PROMISES));
    const kpis = finding(result, 'uk-kpis-measurable');
    expect(kpis.status).toBe('fail');
    expect(kpis.advice?.searchedIn).toContain('“Measuring progress”');
    expect(kpis.advice?.lookedFor).toMatch(/figures/);
    expect(kpis.message).toContain(kpis.advice!.howToSatisfy);
    const training = finding(result, 'uk-area-training');
    expect(training.advice?.searchedIn).toContain('“Training”');
  });

  it.each([
    ['a bare text', text(PROMISES.replace(/This statement was approved[\s\S]*$/, ''))],
    ['a bare PDF', { kind: 'document', bytes: new Uint8Array(0), hint: 'pdf' } as CheckSource],
  ])('never mentions a form field when the check ran on %s', async (_name, source) => {
    const result = await check(source);
    for (const f of result.findings) {
      expect(f.message, f.rule).not.toMatch(/\bform\b|\bfields?\b|\bwas not given\b|\bURL\b|contact email/i);
      expect(JSON.stringify(f.advice ?? {}), f.rule).not.toMatch(/\bform\b/i);
      expect(f.evidence.every((e) => !e.field)).toBe(true);
    }
    expect(
      result.findings
        .filter((f) => f.status === 'fail' || f.certainty === 'unclear')
        .every((f) => f.confidence !== undefined),
    ).toBe(true);
  });

  it('gives every failing, warning or unclear text finding its advice', async () => {
    const result = await check(text(PROMISES.replace(/This statement was approved[\s\S]*$/, '')));
    const textRules: RuleId[] = [
      'uk-steps-or-none',
      'uk-approval',
      'uk-signature',
      ...AREAS,
      'uk-risks-identified',
      'uk-kpis-measurable',
      'uk-remediation',
      'uk-actions-not-promises',
    ];
    const needing = result.findings.filter(
      (f) =>
        textRules.includes(f.rule) &&
        (f.status === 'fail' || f.status === 'warn' || f.certainty === 'unclear'),
    );
    expect(needing.map((f) => f.rule)).toEqual(expect.arrayContaining(['uk-approval', 'uk-signature']));
    for (const f of needing) {
      expect(f.advice, f.rule).toBeDefined();
      for (const part of [f.advice!.lookedFor, f.advice!.searchedIn, f.advice!.howToSatisfy])
        expect(part.length).toBeGreaterThan(10);
      expect(f.message).toContain('Looked for');
    }
  });

  it('numbers evidence sentences from 1 everywhere', async () => {
    const result = await check(text(HARBOUR));
    const numbers = result.findings.flatMap((f) => f.evidence.flatMap((e) => (e.sentence ? [e] : [])));
    expect(numbers.length).toBeGreaterThan(10);
    for (const e of numbers)
      expect(result.sentences[e.sentence! - 1]!.text.startsWith(e.text!.slice(0, 40))).toBe(true);
  });
});

describe('input the checker cannot read well', () => {
  const FRENCH =
    'Déclaration relative à l’esclavage moderne 2025\n\nNotre entreprise\nHarbour Foods Group plc fabrique des plats cuisinés pour les supermarchés du Royaume-Uni et emploie 6 300 personnes sur neuf sites. Nous achetons des ingrédients auprès de 840 fournisseurs dans 31 pays, dont l’Espagne, le Maroc, l’Inde et le Vietnam.\n\nRisques\nLes cueilleurs saisonniers, souvent migrants, sont exposés au travail forcé et à des frais de recrutement. Les équipages des navires de pêche au Vietnam sont isolés en mer pendant des mois.\n\nFormation\nTous les acheteurs ont suivi une formation de deux heures sur les indicateurs du travail forcé.\n\nCette déclaration a été approuvée par le conseil d’administration le 18 juillet 2025.\n\nMargaret Osei\nDirectrice générale';

  it.each([
    ['text', async () => text(FRENCH)],
    [
      'a PDF',
      async () => ({ kind: 'document', bytes: await textPdf([FRENCH.split('\n')]), hint: 'pdf' }) as const,
    ],
  ])(
    'says a statement in another language, as %s, is read in English only, leaves its areas unclear and its rating not determined',
    async (_name, source) => {
      const result = await check(await source());
      for (const rule of [...AREAS, 'uk-approval', 'uk-signature', 'uk-risks-identified'] as const) {
        const f = finding(result, rule);
        expect(f.status, rule).toBe('unknown');
        expect(f.certainty).toBe('unclear');
        expect(f.message).toMatch(/not appear to be in English.*provide an English version/);
      }
      expect(result.summary.rating).toBe('not_determined');
      expect(result.summary.meetsLegalMinimum).toBeNull();
    },
  );

  it.each([
    ['drawn shapes only', () => imageOnlyPdf()],
    ['a full-page image on every page', () => scannedPdf(3)],
  ])(
    'reports a scanned PDF (%s, no text layer) as unreadable: text rules unclear, rating not determined, machine-readable fails',
    async (_name, pdf) => {
      const result = await check({ kind: 'document', bytes: await pdf(), hint: 'pdf' });
      const readable = finding(result, 'uk-machine-readable');
      expect([readable.status, readable.certainty]).toEqual(['fail', 'confident']);
      expect(readable.message).toMatch(/no text layer/);
      const text: RuleId[] = [
        ...AREAS,
        'uk-steps-or-none',
        'uk-approval',
        'uk-signature',
        'uk-risks-identified',
      ];
      for (const rule of text) {
        const f = finding(result, rule);
        expect([f.status, f.certainty], rule).toEqual(['unknown', 'unclear']);
        expect(f.message, rule).toMatch(/no text layer .*upload a PDF with a text layer/);
      }
      expect(result.summary).toEqual({ meetsLegalMinimum: null, areasCovered: 0, rating: 'not_determined' });
    },
  );

  it('leaves a document of only a few readable words unclear and not rated, saying how many words came out', async () => {
    // A page that builds its text with a script: what the reader gets is the shell.
    const html =
      '<!doctype html><html><head><title>Modern slavery statement</title></head><body><div id="app">Loading the statement…</div><noscript>Please enable JavaScript to view this page.</noscript></body></html>';
    const bytes = new TextEncoder().encode(html);
    const result = await check({ kind: 'document', bytes, hint: 'html' });
    for (const rule of AREAS) {
      const f = finding(result, rule);
      expect([f.status, f.certainty], rule).toEqual(['unknown', 'unclear']);
      expect(f.message).toMatch(/^Only \d+ words could be read from the document/);
    }
    expect(result.summary.rating).toBe('not_determined');
  });

  it('still rates a short statement given as text: the register read all there was', async () => {
    const result = await check(
      text('We are a small firm. We have taken no steps against slavery this year.'),
    );
    expect(result.summary.rating).not.toBe('not_determined');
    expect(finding(result, 'uk-area-risk').certainty).toBe('confident');
  });

  it('reads one enormous paragraph in a PDF and still finds its areas', async () => {
    const bytes = await textPdf([[HARBOUR.replace(/\n+/g, ' ')]]);
    const result = await check({ kind: 'document', bytes, hint: 'pdf' });
    expect(result.findings).toHaveLength(26);
    expect(result.sentences.length).toBeGreaterThan(30);
    for (const rule of ['uk-area-risk', 'uk-area-due-diligence', 'uk-area-training'] as const)
      expect(finding(result, rule).status, finding(result, rule).message).toBe('pass');
  });

  it.each([
    ['one enormous paragraph', HARBOUR.replace(/\n+/g, ' ')],
    [
      'no headings',
      HARBOUR.split('\n')
        .filter((l) => l.split(' ').length > 6 || !l.trim())
        .join('\n'),
    ],
    [
      'only a table',
      HARBOUR.split('\n')
        .filter((l) => l.startsWith('|'))
        .join('\n'),
    ],
    ['nothing but spaces', '   \n\n \t '],
  ])('answers a finding for every rule on %s, never a crash', async (_name, t) => {
    const result = await check(text(t));
    expect(result.findings).toHaveLength(26);
    for (const f of result.findings) {
      expect(f.confidence).toBeGreaterThanOrEqual(0);
      expect(f.certainty).toBeDefined();
    }
  });

  it('still finds the areas of a statement without headings, from its sentences', async () => {
    const flat = HARBOUR.split('\n')
      .filter((l) => l.split(' ').length > 6 || l.startsWith('|') || !l.trim())
      .join('\n');
    const result = await check(text(flat));
    for (const rule of ['uk-area-risk', 'uk-area-due-diligence', 'uk-area-training'] as const)
      expect(finding(result, rule).status, finding(result, rule).message).toBe('pass');
  });
});

describe('a policy named by its subject', () => {
  const intro =
    'Hollins Bakery Ltd bakes bread for supermarkets from two sites in Yorkshire and employs 640 people.';
  it.each([
    ['We have an Anti-Slavery and Human Trafficking Policy that applies to every employee.', 'pass'],
    ['Our Modern Slavery Policy sets out what we expect of the farms that supply our flour.', 'pass'],
    ['All suppliers must sign our Supplier Code of Conduct before their first order.', 'pass'],
    ['We have a policy on parking at our sites.', 'fail'],
    ['Our delivery drivers follow a route plan set each morning.', 'fail'],
  ] as const)('"%s" → uk-area-policies %s', async (sentence, status) => {
    const result = await check(text(`${intro}\n\n${sentence}`));
    const f = finding(result, 'uk-area-policies');
    expect(
      status === 'pass' ? f.status : f.status === 'fail' || f.status === 'unknown' ? 'fail' : f.status,
    ).toBe(status);
  });
});

describe('a section headed for its area', () => {
  const intro =
    'Tolland Marine Ltd repairs fishing vessels at two yards in Cornwall and employs 180 people.\n\nDue diligence';
  it.each([
    [
      'Every contractor was screened against sanctions and forced labour lists before starting work in 2024. Welders from outside the UK are hired only through one licensed agency.',
      'pass',
    ],
    [
      'We will screen our contractors next year. Welders from outside the UK are hired only through one licensed agency.',
      'warn',
    ],
  ] as const)('"%s" → uk-area-due-diligence %s', async (section, status) => {
    const result = await check(text(`${intro}\n${section}`));
    expect(finding(result, 'uk-area-due-diligence').status).toBe(status);
  });
});

describe('figures under another area heading', () => {
  const intro =
    'Pellow Upholstery Ltd makes sofas at a factory in Lancashire and buys foam and fabric from 60 suppliers.\n\nSupplier audits';
  it('an activity count there is not a measurable indicator of effectiveness', async () => {
    const result = await check(text(`${intro}\nIn 2025 our team made 52 site visits, 30% of them at night.`));
    expect(finding(result, 'uk-kpis-measurable').status).not.toBe('pass');
    expect(finding(result, 'uk-area-effectiveness').status).not.toBe('pass');
  });
});

/*
 * Causes found on the second realistic set (test/checker/realistic, session 8), each tested on
 * new wording and made-up companies, with a negative case beside each positive one.
 */
const INTRO =
  'Quarrel Bay Seafoods Ltd processes fish and shellfish at two plants in Aberdeenshire and employs 520 people.';
const notPass = (status: string) => (status === 'pass' ? 'pass' : 'not pass');

describe('a table whose first column names the area of each row', () => {
  const table = (label: string) =>
    `${INTRO}\n\n| Area | What we did | Result |\n|---|---|---|\n| ${label} | Scored all 80 suppliers by country and species; trawler crews from Ghana and the Philippines came out highest | 12 suppliers rated high risk |`;
  it.each([
    ['Risk assessment', 'pass'],
    ['Where the risks lie', 'pass'],
  ] as const)('a row labelled "%s" counts for uk-area-risk', async (label, status) => {
    expect(finding(await check(text(table(label))), 'uk-area-risk').status).toBe(status);
  });

  it('a result "signed by 212 of our suppliers" is not read as the statement’s sign-off', async () => {
    const result = await check(
      text(
        `${INTRO}\n\n| Area | What we did | Result |\n|---|---|---|\n| Policy | Adopted a Supplier Code of Conduct that bans recruitment fees | Signed by 64 of our 70 suppliers |`,
      ),
    );
    expect(finding(result, 'uk-area-policies').status).toBe('pass');
  });
});

describe('promises introduced by a lead-in or a heading', () => {
  it.each([
    [
      'Over the coming year we plan to:\n- audit our three cleaning contractors;\n- interview agency staff privately about fees.',
      'warn',
    ],
    [
      'Looking ahead\nAudits of our three cleaning contractors, with private interviews of agency staff about fees.\nA review of how our agencies recruit abroad.',
      'warn',
    ],
    [
      'This year we:\n- audited our three cleaning contractors;\n- interviewed 40 agency staff privately about fees.',
      'pass',
    ],
  ] as const)('"%s" → uk-area-due-diligence %s', async (section, status) => {
    const result = await check(text(`${INTRO}\n\n${section}`));
    expect(finding(result, 'uk-area-due-diligence').status).toBe(status);
  });

  it('a check reported as done counts for due diligence only when it is of suppliers or workers', async () => {
    const result = await check(
      text(
        `${INTRO}\n\nThis year we:\n- audited our annual accounts with an external firm;\n- reviewed our office lease.`,
      ),
    );
    expect(notPass(finding(result, 'uk-area-due-diligence').status)).toBe('not pass');
  });

  it('counts the listed promises as promises for uk-actions-not-promises', async () => {
    const result = await check(
      text(
        `${INTRO}\n\nIn the next financial year we intend to:\n- carry out a risk assessment of our fishing vessels;\n- train our plant managers on the signs of forced labour;\n- introduce a supplier code of conduct for our boat owners.`,
      ),
    );
    expect(finding(result, 'uk-actions-not-promises').status).not.toBe('pass');
  });
});

describe('a risk assessment that finds nothing', () => {
  it.each([
    [
      'We scored all 120 suppliers by country and product. The assessment did not identify any risk of modern slavery in our supply chains.',
      'warn',
    ],
    [
      'We scored all 120 suppliers by country and product; trawler crews from Ghana came out highest. We did not find any cases at our own plants.',
      'pass',
    ],
  ] as const)('"%s" → uk-area-risk %s', async (section, status) => {
    const result = await check(text(`${INTRO}\n\nRisk assessment\n${section}`));
    expect(finding(result, 'uk-area-risk').status).toBe(status);
  });
});

describe('headings in plain English', () => {
  it.each([
    [
      'What we expect of our suppliers',
      'Every boat owner must accept our rules on pay, hours and identity documents, which ban recruitment fees.',
      'uk-area-policies',
    ],
    [
      'Where workers could be exploited',
      'Deckhands from Ghana and the Philippines on the boats that land our fish, and agency staff at our plants.',
      'uk-area-risk',
    ],
    [
      'Are our actions working?',
      'Unannounced visits rose from 10% to 35% of our supplier visits, and open findings fell from 14 to 5.',
      'uk-area-effectiveness',
    ],
  ] as const)('"%s" heads its area', async (heading, sentence, rule) => {
    expect(finding(await check(text(`${INTRO}\n\n${heading}\n${sentence}`)), rule).status).toBe('pass');
  });

  it('a heading about something else does not make its sentences an area', async () => {
    const result = await check(
      text(
        `${INTRO}\n\nOur history\nThe company was founded in 1962 by the Rennie family and moved to Peterhead in 1990.`,
      ),
    );
    expect(notPass(finding(result, 'uk-area-effectiveness').status)).toBe('not pass');
    expect(notPass(finding(result, 'uk-area-risk').status)).toBe('not pass');
  });
});

describe('training and remediation wording', () => {
  it.each([
    ['Our 30 supervisors attended a workshop on forced labour run by a local charity.', 'pass'],
    [
      'Due diligence\nEvery factory is audited before its first order. When our auditors found unauthorised subcontracting to a workshop employing refugees in Izmir, we worked with the factory to register the workers rather than withdrawing.',
      'not pass',
    ],
    // Education as a trade or an institution is not training; educating people is.
    [
      'Risk and due diligence\nWe reviewed our suppliers in 2025. We also identified a risk that overseas students may be exploited by unscrupulous education agents or by the employers of students working part-time.',
      'not pass',
    ],
    ['Our 12 buyers completed an education programme on forced labour in 2025.', 'pass'],
  ] as const)('"%s" → uk-area-training %s', async (sentence, status) => {
    expect(notPass(finding(await check(text(`${INTRO}\n\n${sentence}`)), 'uk-area-training').status)).toBe(
      status,
    );
  });

  it.each([
    'When we found that an agency had charged four packers for their transport, it refunded them in full.',
    'Where the auditors found passports held by a boat owner, the documents were returned the same week.',
  ])('a case handled ("%s") with a grievance line passes uk-remediation', async (sentence) => {
    const result = await check(
      text(
        `${INTRO}\n\nWorkers can report concerns on our confidential hotline in six languages. ${sentence}`,
      ),
    );
    expect(finding(result, 'uk-remediation').status).toBe('pass');
  });
});

describe('the entity type in the statement’s title, on a bare document', () => {
  const statement = (name: string) =>
    `${name}\nModern Slavery Statement 2025\n\n${INTRO.replace('Quarrel Bay Seafoods Ltd', name)}\n\nThis statement was approved by the members of ${name} on 3 June 2025.\n\nSigned\nMorag Rennie\nDesignated Member`;
  it('an LLP approved by its members and signed by a designated member passes both', async () => {
    const result = await check(text(statement('Rennie Fisheries LLP')));
    expect(finding(result, 'uk-approval').status).toBe('pass');
    expect(finding(result, 'uk-signature').status).toBe('pass');
  });

  it('a company is still held to its board and a director', async () => {
    const result = await check(text(statement('Rennie Fisheries Limited')));
    expect(finding(result, 'uk-approval').status).toBe('fail');
    expect(finding(result, 'uk-signature').status).toBe('fail');
  });
});

describe('a KPI table whose rows name other areas', () => {
  it('keeps its rows as effectiveness evidence under the KPI heading', async () => {
    const result = await check(
      text(
        `${INTRO}\n\nKey performance indicators\n| Indicator | 2024 | 2025 |\n|---|---|---|\n| Supplier audits | 12 | 30 |\n| Training | 40% | 95% |`,
      ),
    );
    expect(finding(result, 'uk-area-effectiveness').status).toBe('pass');
    expect(finding(result, 'uk-kpis-measurable').status).toBe('pass');
  });
});

describe('a limited partnership’s statement', () => {
  it('asks for no approval and no approval date, only a general partner’s signature', async () => {
    const result = await check(
      text(
        `Fenmoor Orchards LP\n\n${INTRO.replace('Quarrel Bay Seafoods Ltd', 'Fenmoor Orchards LP')}\n\nSigned for Fenmoor Orchards LP by its general partner, Fenmoor GP Limited, acting by its director Alan Mossop.`,
      ),
    );
    expect(finding(result, 'uk-approval').status).toBe('not_applicable');
    expect(finding(result, 'uk-approval-date').status).toBe('not_applicable');
  });

  it('a heading of plans and progress does not turn reported results into promises', async () => {
    const result = await check(
      text(
        `${INTRO}\n\nProgress against our plans\nEvery boat owner now signs our supplier code of conduct, and all of our agencies hold a licence.`,
      ),
    );
    expect(finding(result, 'uk-area-policies').status).toBe('pass');
  });
});

describe('areas named in a long paragraph without their own headings (set 3)', () => {
  it.each([
    [
      'Every boat owner must accept our Responsible Fishing Code, which forbids forced labour and the holding of crew passports.',
      'uk-area-policies',
      'pass',
    ],
    ['Our software source code is stored on servers in Dundee.', 'uk-area-policies', 'not pass'],
    [
      'The greatest risks we see are on trawlers fishing off West Africa, where crews from Ghana and Senegal are known to be exploited.',
      'uk-area-risk',
      'pass',
    ],
    ['Our supplier code forbids forced labour and child labour.', 'uk-area-risk', 'not pass'],
    [
      'Our 25 shift leaders attended a half-day session on forced labour run by the Police.',
      'uk-area-training',
      'pass',
    ],
    ['We held a session with our bank about financing the new cold store.', 'uk-area-training', 'not pass'],
  ] as const)('"%s" → %s %s', async (sentence, rule, status) => {
    expect(notPass(finding(await check(text(`${INTRO}\n\n${sentence}`)), rule).status)).toBe(status);
  });
});

describe('the register’s near-copy lookup', () => {
  it.each([
    ['a statement long enough to compare', HARBOUR, 1, 'pass'],
    ['a statement too short to compare (it fails on length alone)', PROMISES, 0, 'fail'],
  ] as const)('is consulted for %s', async (_case, statement, lookups, status) => {
    let calls = 0;
    const { result } = await runCheck({}, text(statement), {
      tagger: defaultTagger(),
      now: new Date('2025-08-01'),
      findSimilar: async () => {
        calls++;
        return [];
      },
    });
    expect(calls).toBe(lookups);
    expect(finding(result, 'uk-not-boilerplate').status).toBe(status);
  });
});

describe('sentences that are not actions taken', () => {
  const intro =
    'Ashby Print Ltd prints packaging at two plants in Leicestershire, employs 260 people and buys board and inks from 45 suppliers.\n\n';
  const runIn =
    'Our business. Ashby Print Ltd prints cartons and labels for food brands at two plants in Leicestershire and employs 260 people, with agency operatives at peak times.\n\nOur suppliers. We buy board, inks and adhesives from 45 suppliers in the UK, Germany and Poland.\n\n';
  it.each([
    // A run-in heading ("Training. We will …") split off its paragraph is not a training sentence.
    [
      `${runIn}Training. We will introduce awareness training for our shift supervisors and buyers, and we hope to extend it to agency operatives in future.`,
      'uk-area-training',
      'not pass',
    ],
    [
      `${runIn}Training. All 30 shift supervisors and buyers attended a half-day course on the signs of forced labour in March 2025.`,
      'uk-area-training',
      'pass',
    ],
    // An acknowledgement beside promises is not a step taken (both passed before).
    [
      `${intro}Risk\nWe recognise that packaging and timber supply chains can be exposed to forced labour. We will assess our mills next year.`,
      'uk-area-risk',
      'warn',
    ],
    [
      `${intro}Training\nWe recognise that our buyers need to understand modern slavery. Next year we intend to develop a module for them and we will consider adding it to induction.`,
      'uk-area-training',
      'warn',
    ],
    [
      `${intro}Risk\nWe recognise that paper and board supply chains can be exposed to forced labour. In 2025 we assessed our 12 mills and found two in China that rely on agency workers.`,
      'uk-area-risk',
      'pass',
    ],
    [
      `${intro}Risk\nWe recognise that paper and board supply chains in China can be exposed to forced labour, and we visited our 12 mills there in 2025. We will assess our ink suppliers next year.`,
      'uk-area-risk',
      'pass',
    ],
  ] as const)('"%s" → %s %s', async (statement, rule, status) => {
    const f = finding(await check(text(statement)), rule);
    if (status === 'not pass') expect(f.status, f.message).not.toBe('pass');
    else expect(f.status, f.message).toBe(status);
  });

  it.each([
    ['Training.', true],
    ['Our supply chain.', true],
    ['Agency workers:', true],
    ['We care.', false],
    ['Signed.', false],
    ['Ashby Print Ltd.', false],
    ['All staff were trained.', false],
  ] as const)('"%s" is a bare run-in heading: %s', (sentence, bare) => {
    expect(isBareHeading(sentence)).toBe(bare);
  });

  it.each([
    ['We recognise that the logistics sector can be exposed to modern slavery.', true],
    ['The Trust acknowledges that agency staff may be at risk.', true],
    ['We recognised the risk and audited all 14 agencies.', false],
    ['We understand our suppliers better after 30 visits.', false],
    ['We are aware of the heightened risk in groundworks and dry lining.', true],
    ['We are aware of two cases reported through our helpline.', false],
    // An acknowledgement that goes on to report a step taken is an action.
    ['We recognise that haulage is exposed, and in 2025 we audited all 14 agencies.', false],
    ['We acknowledge that agency drivers are at risk and have therefore introduced payslip checks.', false],
  ] as const)('"%s" is an acknowledgement: %s', (sentence, acknowledgement) => {
    expect(isAcknowledgement(sentence)).toBe(acknowledgement);
  });
});

/*
 * Issue 12 (promise5): a promise is not an action whatever date it names, and a figure belongs to
 * its own area unless it is presented as a measure of effectiveness.
 */
describe('dated plans and ongoing promises', () => {
  it.each([
    // A date ahead is a plan, whatever year it names.
    ['In 2027 we intend to audit every packaging mill.', true],
    ['During 2027/28 we will visit our growers in Kenya.', true],
    ['By June 2027 we aim to have trained every depot manager.', true],
    ['Next year we plan a review of our laundry contractors.', true],
    ['Over the coming year our buyers will meet each carton supplier.', true],
    ['By the end of 2026 every agency will be on our approved list.', true],
    ['In 2024 we will begin visiting our farms.', true],
    ['All depot managers will be trained on forced labour.', true],
    // Work under way is not yet in place.
    ['We are drafting a supplier code for our timber merchants.', true],
    ['We are building long-term relationships with our growers.', false],
    // Decision: "we will continue to …" reports nothing done in the year, so it is a promise …
    ['We will continue to audit our haulage subcontractors.', true],
    // … unless the practice itself is stated in its own clause.
    ['We audit our laundry contractors every year and will continue to do so.', false],
    ['We continue to audit our haulage subcontractors every year.', false],
    // A past or present-dated action stays an action.
    ['In 2024 we audited six of our laundry contractors.', false],
    ['Since 2022 we have required every agency to show its licence.', false],
    ['In 2025 we met every carton supplier, and we will meet them again next year.', false],
    // A target's date dates the target, not the sentence.
    [
      'We measure progress by the share of agencies audited (11 of 14), with a target of all 14 by 2026.',
      false,
    ],
  ] as const)('"%s" is a promise: %s', (sentence, promise) => {
    expect(isPromise(sentence)).toBe(promise);
  });

  const intro =
    'Corrin Dairies Ltd bottles milk at three creameries in Somerset, employs 610 people and buys from 240 farms and 35 packaging and haulage suppliers.\n\n';
  it.each([
    [
      'uk-area-policies',
      'Our policies',
      'During 2026/27 we will adopt a supplier code that bans recruitment fees. By March 2027 we aim to add it to every haulage contract.',
      'warn',
    ],
    [
      'uk-area-policies',
      'Our policies',
      'In 2024 we adopted a supplier code that bans recruitment fees, and since 2025 we have written it into every haulage contract.',
      'pass',
    ],
    [
      'uk-area-due-diligence',
      'Due diligence',
      'In 2026 we intend to audit our three haulage contractors. Next year we plan to interview agency drivers privately about fees.',
      'warn',
    ],
    [
      'uk-area-due-diligence',
      'Due diligence',
      'In 2025 we audited our three haulage contractors. We interviewed 30 of their agency drivers privately about fees.',
      'pass',
    ],
    [
      'uk-area-training',
      'Training',
      'We are developing a course on forced labour for our creamery supervisors, which we plan to launch in 2027. We will also brief our milk buyers.',
      'warn',
    ],
    [
      'uk-area-training',
      'Training',
      'In 2025 all 48 creamery supervisors attended a course on forced labour, and our milk buyers were briefed on the signs of exploitation.',
      'pass',
    ],
  ] as const)('%s under "%s": "%s" → %s', async (rule, heading, section, status) => {
    const f = finding(await check(text(`${intro}${heading}\n${section}`)), rule);
    expect(f.status, f.message).toBe(status);
    if (status === 'warn') expect(f.evidenceStatus).toBe('promises');
  });

  it('an acknowledgement does not count toward an area’s minimum of sentences', async () => {
    const statement = `${intro}Due diligence\nWe recognise that our agencies may not always check how their drivers were recruited. In 2025 we audited one of our four labour agencies.`;
    const f = finding(await check(text(statement)), 'uk-area-due-diligence');
    expect(f.status, f.message).toBe('warn');
    expect(f.message).toMatch(/only 1 sentence/);
  });

  it('a fee named after training is not training given', async () => {
    const statement = `${intro}Due diligence\nIn 2025 we checked the contracts of 60 agency drivers and found four repaying "training bonds" to their agency, which it has now cancelled.\n\nTraining\nNext year we intend to offer a course on forced labour to our depot managers.`;
    const f = finding(await check(text(statement)), 'uk-area-training');
    expect(f.status, f.message).toBe('warn');
    expect(f.evidenceStatus).toBe('promises');
  });

  it.each([
    ['Four drivers were repaying training bonds to their agency.', false],
    ['The agency charged each worker a "training fee" of £300.', false],
    ['All 48 supervisors completed training on forced labour.', true],
    ['We ran training for our buyers on recruitment fees.', true],
  ] as const)('"%s" is a training sentence: %s', (sentence, training) => {
    expect(isTrainingSentence(sentence) || mitigationTags(sentence).includes('training')).toBe(training);
  });
});

describe('figures that belong to another area, and progress measured without a heading', () => {
  const intro =
    'Corrin Dairies Ltd bottles milk at three creameries in Somerset, employs 610 people and buys from 240 farms and 35 packaging and haulage suppliers.';
  const effectiveness = async (statement: string) => {
    const result = await check(text(statement));
    return [finding(result, 'uk-area-effectiveness'), finding(result, 'uk-kpis-measurable')] as const;
  };
  it.each([
    // A training completion rate, unheaded and not presented as a measure, is training.
    `${intro} Every new starter completes our e-learning on forced labour when they join. In 2025, 97% of our staff completed it.`,
    // An audit's finding is due diligence, not an indicator.
    `${intro} In 2025 we audited the agency that supplies our drivers. The audit found that three drivers had paid a £200 fee, which the agency refunded in full.`,
  ])('is not effectiveness: "%s"', async (statement) => {
    const [area, kpis] = await effectiveness(statement);
    expect(area.status, area.message).not.toBe('pass');
    expect(kpis.status, kpis.message).not.toBe('pass');
  });

  it.each([
    `${intro} We judge our progress by the share of labour agencies audited each year (11 of 14 in 2025, against 6 of 14 the year before), with a target of all 14 by the end of 2026.`,
    `${intro} We measure how well our training works by the share of supervisors who pass its test: 92% in 2025, compared with 75% in 2024.`,
  ])('is effectiveness without a heading: "%s"', async (statement) => {
    const [area, kpis] = await effectiveness(statement);
    expect(area.status, area.message).toBe('pass');
    expect(kpis.status, kpis.message).toBe('pass');
  });
});

describe('uk-actions-not-promises with the committed tagger: acknowledgements are not actions', () => {
  const intro =
    'Tolland Freight Ltd runs 180 lorries from depots in Essex and Kent, employs 450 people and hires agency drivers through four labour agencies.\n\n';
  it.each([
    // Awareness and plans beside one action: not most sentences report actions.
    [
      'We recognise that haulage can be exposed to forced labour. We are aware that agency drivers may be charged fees. We acknowledge that our subcontractors may use informal labour. In 2025 we audited one of our four labour agencies and interviewed 20 of its drivers. We will train our depot managers on forced labour. We plan to audit the other three agencies.',
      'warn',
    ],
    // Actions first, with a plan: pass.
    [
      'In 2025 we audited all four labour agencies and interviewed 60 agency drivers about fees. We trained our 12 depot managers on the signs of forced labour. Our supplier code, adopted in 2024, bans recruitment fees, and we wrote it into every agency contract. We will extend the audits to our haulage subcontractors.',
      'pass',
    ],
  ] as const)('"%s" → %s', async (body, status) => {
    const f = finding(await check(text(`${intro}${body}`)), 'uk-actions-not-promises');
    expect(f.status, f.message).toBe(status);
  });
});

/*
 * Issue 12 (fix7): a sentence whose own subject first states an intention is a promise, whatever
 * past verbs follow in its relative clauses or examples; "not yet" reports nothing done.
 */
describe('plans that hold past verbs, and things not yet done', () => {
  it.each([
    // The intention leads; the past verb sits in a relative clause or an example.
    [
      'We expect to appoint an auditor in 2026, and we will start with the bakeries where agency staff have been reported underpaid.',
      true,
    ],
    [
      'Over the next year we will draw up measures, such as the share of growers who have signed our code.',
      true,
    ],
    [
      'We intend to set indicators once the review is finished, for example the number of audits completed.',
      true,
    ],
    ['We also intend to look at how our van drivers are engaged.', true],
    ['Once approved, our buyers will give the code to every mill that has supplied us.', true],
    // Not done yet is nothing done.
    ['Not yet.', true],
    ['We have not yet carried out a review of our laundry contractors.', true],
    ['The company is yet to adopt a supplier code.', true],
    // An option being weighed is not in place.
    ['We are also considering an external hotline for agency staff.', true],
    ['We are exploring membership of a textile industry initiative.', true],
    // A later clause with its own subject that reports a step is an action.
    ['We plan to extend the audits, and in 2025 we audited four of our nine mills.', false],
    ['We will widen the checks next year, but we screened every new haulier in 2025.', false],
    ['In 2025 we audited four mills and we will audit the rest next year.', false],
    // A denial stays a denial, not a plan.
    ['We have not yet found any cases of forced labour at our mills.', false],
  ] as const)('"%s" is a promise: %s', (sentence, promise) => {
    expect(isPromise(sentence)).toBe(promise);
  });

  const intro =
    'Ashcombe Linens Ltd launders hotel linen at two plants in Devon, employs 380 people and buys detergents, linen and transport from 60 suppliers in the UK, Portugal and Pakistan.\n\n';
  it.each([
    [
      'uk-area-policies',
      'Our policies',
      'Not yet. We are preparing a supplier code and we intend to ask the directors to approve it, after which we will send it to every supplier that has worked with us this year.',
    ],
    [
      'uk-area-risk',
      'Risk',
      'We have not yet assessed our risks. We expect to do so in 2026, and we will look first at the Pakistani weaving mills, where forced overtime has been reported.',
    ],
    [
      'uk-area-effectiveness',
      'Measuring progress',
      'We have not yet chosen indicators. Next year we will pick a few, such as the share of suppliers who have returned our questionnaire.',
    ],
  ] as const)('%s under "%s" is only promised: "%s"', async (rule, heading, section) => {
    const f = finding(await check(text(`${intro}${heading}\n${section}`)), rule);
    expect(f.status, f.message).toBe('warn');
    expect(f.evidenceStatus).toBe('promises');
  });

  it('an example of an indicator it will set is no measurable indicator', async () => {
    const statement = `${intro}Measuring progress\nWe have not yet chosen indicators. Next year we will pick a few, such as the percentage of suppliers who have returned our questionnaire.`;
    expect(finding(await check(text(statement)), 'uk-kpis-measurable').status).not.toBe('pass');
  });
});

/*
 * Issue 12 (fix7): area (d) asks where the risks are and how they are assessed. A remark that
 * slavery can occur anywhere names no place, and a process without a place is general terms.
 */
describe('general remarks about risk, and processes that name no place', () => {
  it.each([
    ['Forced labour can be found in any sector, including construction.', false],
    ['Slavery can happen anywhere, even on farms.', false],
    ['We know that exploitation can occur in every industry, hospitality among them.', false],
    ['The greatest risk lies with migrant workers at our packing sites.', true],
    ['Of all our supply chains, the riskiest are the cotton farms in Turkey.', true],
  ] as const)('"%s" names where the risk lies: %s', (sentence, names) => {
    expect(namesWhereRiskLies(sentence)).toBe(names);
  });

  it.each([
    ['We believe our recruitment checks keep the risk of exploitation low.', true],
    ['Our buyers visit the farms where the risk is highest.', false],
  ] as const)('"%s" minimises the risk: %s', (sentence, denial) => {
    expect(isDenial(sentence)).toBe(denial);
  });

  const intro =
    'Strathbeg Homes is a housing association with 2,400 homes in Fife; it employs 310 staff and buys repairs, cleaning and grounds maintenance from 150 contractors.\n\n';
  const general =
    'We know that modern slavery can occur in any organisation and in any supply chain, including in construction. Risk is considered in every procurement exercise and is recorded on our risk register, which is reviewed by the board each quarter.';
  it('does not credit area (d) or name risks on a general remark and a process', async () => {
    const result = await check(text(`${intro}Risk\n${general}`));
    const area = finding(result, 'uk-area-risk');
    expect(area.status, area.message).toBe('warn');
    expect(finding(result, 'uk-risks-identified').status).not.toBe('pass');
  });

  it('credits them once a place in its own supply chains is named', async () => {
    const specific = `${general} The highest risk we found is among agency workers employed by our roofing subcontractors.`;
    const result = await check(text(`${intro}Risk\n${specific}`));
    expect(finding(result, 'uk-area-risk').status).toBe('pass');
    expect(finding(result, 'uk-risks-identified').status).toBe('pass');
  });
});

describe('a table of the year’s figures under a heading that presents them as measures', () => {
  const statement = (heading: string) =>
    [
      'Harlow Bakeries Ltd bakes bread at three sites in Essex, employs 640 people and buys flour, packaging and transport from 85 suppliers.',
      '',
      'Due diligence',
      'In 2025 we audited our four labour agencies and visited 12 flour mills.',
      '',
      heading,
      '| Measure | 2024 | 2025 |',
      '| Agency workers interviewed in private | 40 | 95 |',
      '| Suppliers who signed our code | 61% | 88% |',
    ].join('\n');
  it.each(['Our year in numbers', 'Key figures', 'Our 2025 scorecard', 'Progress in numbers'])(
    'counts as effectiveness under "%s"',
    async (heading) => {
      const result = await check(text(statement(heading)));
      const area = finding(result, 'uk-area-effectiveness');
      expect(area.status, area.message).toBe('pass');
      expect(finding(result, 'uk-kpis-measurable').status).toBe('pass');
    },
  );
});
