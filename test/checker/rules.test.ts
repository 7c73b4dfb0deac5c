import { describe, expect, it } from 'vitest';
import { summarise } from '../../functions/checker/check.ts';
import { RULE_IDS, type RuleId } from '../../schemas/check-result.ts';
import { checkScenario, findingOf, GOOD_TEXT, GOOD_WEBSITE, type Scenario } from './support.ts';

const without = (text: string, ...patterns: RegExp[]) =>
  text
    .split('\n')
    .filter((line) => !patterns.some((p) => p.test(line)))
    .join('\n');

const replace = (text: string, from: string | RegExp, to: string) => text.replace(from, to);

const promises = [
  'We will introduce a supplier code of conduct next year.',
  'We plan to audit suppliers in 2026.',
  'We will train buyers next year.',
  'We aim to measure progress with new KPIs.',
  'We will review our risks next year.',
  'We intend to set up a whistleblowing line.',
].join(' ');

/** Every rule of the catalogue: the good statement passes it; the change named here makes it fail. */
const FAILING: Record<RuleId, { scenario: Scenario; status?: 'fail' | 'warn' }> = {
  'uk-in-scope': { scenario: { document: { turnover: 'Not provided' } }, status: undefined },
  'uk-statement-for-year': {
    scenario: { history: [{ statementId: 'S2022', year: 2022, statementUrl: null, text: null }] },
  },
  'uk-steps-or-none': {
    scenario: {
      text: 'Acme Retail Ltd is committed to high standards. We believe in doing the right thing.',
    },
  },
  'uk-approval': {
    scenario: {
      text: replace(
        GOOD_TEXT,
        'approved by the Board of Directors of Acme Retail Ltd',
        'approved by the Executive Committee',
      ),
    },
  },
  'uk-signature': { scenario: { text: without(GOOD_TEXT, /^Signed$/, /^Ann Smith$/, /^Director$/) } },
  'uk-published': {
    scenario: {
      website: {
        ...GOOD_WEBSITE,
        statement: {
          url: 'https://acme.example/modern-slavery-statement',
          outcome: 'failed',
          detail: 'The address answered HTTP 404.',
        },
      },
    },
  },
  'uk-homepage-link': {
    scenario: {
      website: {
        ...GOOD_WEBSITE,
        homepage: { url: 'https://acme.example/', outcome: 'ok', detail: 'no link found' },
      },
    },
  },
  'uk-period': { scenario: { document: { periodStart: '2024-10-01', periodEnd: '2025-03-31' } } },
  'uk-on-time': { scenario: { document: { submittedAt: '2025-11-02T09:00:00.000Z' } } },
  'uk-approval-date': { scenario: { document: { approvalDate: '2025-02-01' } } },
  'uk-group-members-named': {
    scenario: { document: { groupMembers: [{ name: 'Acme Retail Ltd' }, { name: 'Zenith Foods Limited' }] } },
  },
  'uk-area-structure': {
    scenario: { text: without(GOOD_TEXT, /subsidiar|headquarters|We sell|We operate|We buy|tier 2/) },
  },
  'uk-area-policies': { scenario: { text: without(GOOD_TEXT, /code of conduct|polic/i) } },
  'uk-area-due-diligence': { scenario: { text: without(GOOD_TEXT, /questionnaire|audit|due diligence/i) } },
  'uk-area-risk': { scenario: { text: without(GOOD_TEXT, /risk/i) } },
  'uk-area-effectiveness': { scenario: { text: without(GOOD_TEXT, /measure|KPI|progress|effectiveness/i) } },
  'uk-area-training': { scenario: { text: without(GOOD_TEXT, /train/i) } },
  'uk-declared-matches-text': {
    scenario: {
      text: without(GOOD_TEXT, /train/i),
      document: { areas: { ...checkScenarioAreas(), training: { covered: true } } },
    },
    status: 'warn',
  },
  'uk-risks-identified': {
    scenario: {
      text: replace(
        without(GOOD_TEXT, /Agency workers/),
        /The highest risk of forced labour[^\n]*/,
        'We have not identified any risk of modern slavery in our business.',
      ),
    },
  },
  'uk-previous-online': {
    scenario: {
      website: {
        ...GOOD_WEBSITE,
        previous: [
          {
            url: 'https://acme.example/msa-2024.pdf',
            outcome: 'failed',
            detail: 'The address answered HTTP 404.',
          },
        ],
      },
    },
  },
  'uk-kpis-measurable': {
    scenario: {
      text: replace(
        GOOD_TEXT,
        /We measure progress against KPIs[^\n]*/,
        'We keep the effectiveness of our approach under review and monitor progress.',
      ),
    },
  },
  'uk-remediation': { scenario: { text: without(GOOD_TEXT, /whistleblowing|remed/i) } },
  'uk-not-copied': {
    scenario: {
      // Last year's text, as the register holds it (the checked sentences), with only the dates changed.
      history: [
        {
          statementId: 'S2024',
          year: 2024,
          statementUrl: null,
          text: goodSentences().replace(/2025/g, '2024'),
        },
      ],
    },
  },
  'uk-not-boilerplate': {
    scenario: {
      similar: [
        { statementId: 'OTHER', organisationId: 'ORG2', organisationName: 'Beta plc', similarity: 0.93 },
      ],
    },
  },
  'uk-actions-not-promises': {
    scenario: {
      text: `${promises}\nThis statement was approved by the Board of Directors on 10 July 2025.\nSigned\nAnn Smith\nDirector`,
    },
  },
  'uk-machine-readable': {
    scenario: {
      textGiven: false,
      extraction: {
        kind: 'pdf',
        sentences: [],
        pages: 3,
        problem: { reason: 'no_text_layer', message: 'The PDF has 3 page(s) but no text layer.' },
      },
    },
  },
};

function goodSentences() {
  return checkScenario()
    .sentences.map((s) => s.text)
    .join(' ');
}

function checkScenarioAreas() {
  return {
    structure: { covered: true },
    policies: { covered: true },
    riskAssessment: { covered: true },
    dueDiligence: { covered: true },
    training: { covered: true },
    kpis: { covered: true },
  };
}

describe('the rule catalogue', () => {
  const good = checkScenario();

  it('produces one finding for every rule id, in the catalogue order', () => {
    expect(good.findings.map((f) => f.rule)).toEqual([...RULE_IDS]);
  });

  it.each(RULE_IDS)('%s passes on a statement that meets it', (rule) => {
    const finding = findingOf(good, rule);
    expect(finding.status, finding.message).toBe('pass');
    expect(finding.message.length).toBeGreaterThan(10);
  });

  it.each(RULE_IDS)('%s does not pass on a statement that misses it', (rule) => {
    const { scenario, status } = FAILING[rule];
    const finding = findingOf(checkScenario(scenario), rule);
    if (rule === 'uk-in-scope') expect(finding.status).toBe('unknown');
    else expect(finding.status, finding.message).toBe(status ?? 'fail');
  });

  it('quotes the sentences behind a text finding, numbered from 1 (sentence 1 is the first)', () => {
    const approval = findingOf(good, 'uk-approval');
    const quoted = approval.evidence.find((e) => e.sentence !== undefined)!;
    expect(good.sentences[quoted.sentence! - 1]!.text).toBe(quoted.text);
    expect(quoted.text).toMatch(/approved by the Board/);
    const numbers = good.findings.flatMap((f) =>
      f.evidence.flatMap((e) => (e.sentence === undefined ? [] : [e.sentence])),
    );
    expect(numbers.length).toBeGreaterThan(5);
    for (const n of numbers) {
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(good.sentences.length);
    }
  });
});

describe('legal rules in detail', () => {
  it.each([
    ['llp', 'members', 'This statement was approved by the members of Acme LLP on 10 July 2025.', 'pass'],
    ['llp', 'members', 'This statement was approved by the Board of Directors on 10 July 2025.', 'fail'],
    ['company', 'board', 'This statement was signed on behalf of the board on 10 July 2025.', 'fail'],
    ['company', 'board', 'This statement was approved by our Board on 10 July 2025.', 'pass'],
    ['company', 'board', 'Approved by the Board of Hollins Bakery Ltd on 2 October 2025.', 'pass'],
    ['company', 'board', 'Approved by the board of directors at its meeting of 9 June 2025.', 'pass'],
    ['company', 'board', 'The Board approved this statement on 4 August 2025.', 'pass'],
    ['company', 'board', 'Approved by the Executive Committee on 2 October 2025.', 'fail'],
    ['company', 'board', 'Our supplier code was approved by the board in 2023.', 'fail'],
    ['llp', 'members', 'This statement has been approved by the members of the LLP.', 'pass'],
    ['partnership', undefined, 'This statement was approved by the executive committee.', 'not_applicable'],
  ] as const)(
    'uk-approval for a %s approved by %s: "%s" → %s',
    (entityType, approvedBy, sentence, status) => {
      const text = GOOD_TEXT.replace(/This statement was approved by the Board[^\n]*/, sentence);
      const result = checkScenario({ text, document: { approvedBy, organisation: { entityType } } });
      expect(findingOf(result, 'uk-approval').status).toBe(status);
    },
  );

  it('uk-approval fails when the form says a body other than the board approved it', () => {
    expect(findingOf(checkScenario({ document: { approvedBy: 'other' } }), 'uk-approval').status).toBe(
      'fail',
    );
  });

  it.each([
    ['llp', 'designated_member', 'Ann Smith\nDesignated Member', 'pass'],
    ['llp', 'director', 'Ann Smith\nDirector', 'fail'],
    ['limited_partnership', 'general_partner', 'Ann Smith\nGeneral Partner', 'pass'],
    ['company', 'director', 'Director', 'fail'],
  ] as const)('uk-signature for a %s signed by a %s (%j) → %s', (entityType, role, block, status) => {
    const text = GOOD_TEXT.replace('Ann Smith\nDirector', block);
    const result = checkScenario({
      text,
      document: {
        signatory: {
          firstName: 'Ann',
          lastName: role === 'director' && block === 'Director' ? 'Jones' : 'Smith',
          jobTitle: 'x',
          role,
        },
        organisation: { entityType },
      },
    });
    expect(findingOf(result, 'uk-signature').status).toBe(status);
  });

  // A bare check (no form answers): the statement's own sign-off must name the person.
  it.each([
    ['Signed for and on behalf of the Board\nChief Executive', 'fail'],
    ['Signed on behalf of the Board of Directors\nManaging Director', 'fail'],
    ['Signed: Group Chief Executive Officer, Acme Retail Ltd', 'fail'],
    ['Signed for Acme Retail Ltd\nDirector', 'fail'],
    ['Signed: Marek Kowalczyk, Director', 'pass'],
    ['Signed\nRuth Oyelaran\nChief Executive', 'pass'],
    ['Signed: T. Brannigan, Chief Executive', 'pass'],
    ['Signed on behalf of the Board\nDr Sunita Rao\nChair and Director', 'pass'],
    ['Signed by Luis de la Cruz, Group Chief Executive and Director', 'pass'],
    ['Signed\nK. Mensah-Boateng\nChief Executive', 'pass'],
    ['Signed\nDr. Helen Arkwright\nDirector', 'pass'],
  ] as const)('uk-signature on a bare check signed %j → %s', (block, status) => {
    const text = GOOD_TEXT.replace('Signed\nAnn Smith\nDirector', block);
    const result = checkScenario({ text, document: { signatory: undefined } });
    expect(findingOf(result, 'uk-signature').status).toBe(status);
  });

  it.each([
    [{ turnover: 'Under £36 million' }, 'not_applicable'],
    [{ organisation: { entityType: 'public_body' as const } }, 'not_applicable'],
    [{ organisation: { entityType: 'llp' as const } }, 'pass'],
  ])('uk-in-scope with %j → %s', (document, status) => {
    expect(findingOf(checkScenario({ document }), 'uk-in-scope').status).toBe(status);
  });

  it('uk-published passes without a website when a contact email is given', () => {
    const result = checkScenario({
      document: { statementUrl: null, homepageUrl: null, contactEmail: 'msa@acme.example' },
    });
    expect(findingOf(result, 'uk-published').status).toBe('pass');
    expect(findingOf(result, 'uk-homepage-link').status).toBe('not_applicable');
  });

  it.each(['uk-published', 'uk-homepage-link', 'uk-previous-online'] as const)(
    '%s is unknown offline',
    (rule) => {
      expect(findingOf(checkScenario({ website: null }), rule).status).toBe('unknown');
    },
  );

  it.each(['uk-published', 'uk-homepage-link'] as const)(
    '%s is unknown when the site cannot be reached',
    (rule) => {
      const website = {
        statement: { url: 'https://acme.example/msa', outcome: 'unreachable' as const, detail: 'timeout' },
        homepage: { url: 'https://acme.example/', outcome: 'unreachable' as const, detail: 'timeout' },
      };
      expect(findingOf(checkScenario({ website }), rule).status).toBe('unknown');
    },
  );

  it('uk-statement-for-year passes for a first statement and is unknown without the register', () => {
    expect(findingOf(checkScenario({ history: [] }), 'uk-statement-for-year').status).toBe('pass');
    expect(findingOf(checkScenario({ history: null }), 'uk-statement-for-year').status).toBe('unknown');
  });

  it('uk-steps-or-none passes when the statement says plainly that no steps were taken', () => {
    const text =
      'Acme Retail Ltd has taken no steps during the financial year to ensure that slavery and human trafficking is not taking place in its supply chains or its own business.';
    expect(findingOf(checkScenario({ text }), 'uk-steps-or-none').status).toBe('pass');
  });
});

describe('guidance and best practice in detail', () => {
  it('uk-period warns when the text names a different year end', () => {
    const text = GOOD_TEXT.replace(
      'financial year ended 31 March 2025',
      'financial year ended 31 December 2024',
    );
    expect(findingOf(checkScenario({ text }), 'uk-period').status).toBe('warn');
  });

  it('uk-approval-date fails for a date in the future', () => {
    expect(
      findingOf(checkScenario({ document: { approvalDate: '2025-09-01' } }), 'uk-approval-date').status,
    ).toBe('fail');
  });

  it('uk-declared-matches-text warns when an area declared not covered has no reason', () => {
    const areas = { ...checkScenarioAreas(), training: { covered: false } };
    expect(findingOf(checkScenario({ document: { areas } }), 'uk-declared-matches-text').status).toBe('warn');
  });

  it('uk-not-boilerplate fails under 500 words and is unknown when the register is not consulted', () => {
    expect(
      findingOf(checkScenario({ text: GOOD_TEXT.split('\n').slice(0, 30).join('\n') }), 'uk-not-boilerplate')
        .status,
    ).toBe('fail');
    expect(findingOf(checkScenario({ similar: null }), 'uk-not-boilerplate').status).toBe('unknown');
  });

  it('uk-group-members-named is not applicable to a single organisation', () => {
    expect(findingOf(checkScenario({ document: { isGroup: false } }), 'uk-group-members-named').status).toBe(
      'not_applicable',
    );
  });

  it('uk-machine-readable fails for a password-protected PDF, and the text rules are unknown', () => {
    const result = checkScenario({
      textGiven: false,
      extraction: {
        kind: 'pdf',
        sentences: [],
        problem: { reason: 'password', message: 'The PDF is password-protected.' },
      },
    });
    expect(findingOf(result, 'uk-machine-readable')).toMatchObject({
      status: 'fail',
      message: 'The PDF is password-protected.',
    });
    expect(findingOf(result, 'uk-approval').status).toBe('unknown');
    expect(result.summary.meetsLegalMinimum).toBeNull();
  });
});

describe('uk-actions-not-promises: most content sentences report actions taken', () => {
  it.each([
    // Run-in headings split off as sentences ("Training.") are not content: the plans are most of it.
    [
      'Training. We will train our depot managers next year.\nAudits. In 2025 we audited one of our four agencies.\nRisk. We plan to assess the risk in our haulage subcontractors in 2026.',
      'fail',
    ],
    // Promises are not most, but with statements of awareness the actions are not most either.
    [
      'We recognise that haulage carries a risk of forced labour. We are aware that agency drivers are at risk of paying fees. In 2025 we audited one of our four agencies. We will train our depot managers next year.',
      'warn',
    ],
    [
      'In 2025 we audited all four agencies. We trained 12 depot managers. Our code of conduct bans recruitment fees. We recognise that haulage carries a risk of forced labour. We will audit our subcontractors next year.',
      'pass',
    ],
  ] as const)('"%s" → %s', (text, status) => {
    expect(findingOf(checkScenario({ text }), 'uk-actions-not-promises').status).toBe(status);
  });
});

describe('the summary', () => {
  const f = (rule: RuleId, status: 'pass' | 'fail' | 'unknown' | 'warn' | 'not_applicable') => ({
    rule,
    severity:
      rule === 'uk-approval' || rule === 'uk-signature' || rule === 'uk-homepage-link'
        ? ('legal' as const)
        : ('guidance' as const),
    status,
    message: '',
    evidence: [],
  });
  const areas = (passing: number) =>
    (
      [
        'uk-area-structure',
        'uk-area-policies',
        'uk-area-due-diligence',
        'uk-area-risk',
        'uk-area-effectiveness',
        'uk-area-training',
      ] as const
    ).map((rule, i) => f(rule, i < passing ? 'pass' : 'fail'));
  const quality = ['uk-kpis-measurable', 'uk-remediation', 'uk-actions-not-promises'] as const;

  it.each([
    ['a legal failure', [f('uk-approval', 'fail'), ...areas(6)], false, 'non_compliant'],
    ['three areas missing', [f('uk-approval', 'pass'), ...areas(3)], true, 'weak'],
    [
      'no risks identified',
      [f('uk-approval', 'pass'), ...areas(6), f('uk-risks-identified', 'fail')],
      true,
      'weak',
    ],
    [
      'a copy of last year',
      [f('uk-approval', 'pass'), ...areas(6), f('uk-not-copied', 'fail')],
      true,
      'weak',
    ],
    [
      'everything',
      [
        f('uk-approval', 'pass'),
        ...areas(6),
        f('uk-risks-identified', 'pass'),
        ...quality.map((r) => f(r, 'pass')),
      ],
      true,
      'strong',
    ],
    [
      'one area missing',
      [f('uk-approval', 'pass'), ...areas(5), f('uk-risks-identified', 'pass')],
      true,
      'adequate',
    ],
    [
      'an undetermined legal rule',
      [
        f('uk-approval', 'pass'),
        f('uk-homepage-link', 'unknown'),
        ...areas(6),
        f('uk-risks-identified', 'pass'),
        ...quality.map((r) => f(r, 'pass')),
      ],
      null,
      'adequate',
    ],
  ] as const)('with %s: meetsLegalMinimum %s, rating %s', (_name, findings, meets, rating) => {
    const summary = summarise(findings);
    expect(summary.meetsLegalMinimum).toBe(meets);
    expect(summary.rating).toBe(rating);
  });

  it('counts the areas covered', () => {
    expect(summarise(areas(4)).areasCovered).toBe(4);
  });
});
