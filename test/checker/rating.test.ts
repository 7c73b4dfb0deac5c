import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarise } from '../../functions/checker/check.ts';
import { ratingChangesReport } from '../../functions/checker/rating-changes.ts';
import { type Finding, type FindingStatus, RULE_IDS } from '../../schemas/check-result.ts';
import type { Rating } from '../../schemas/statement-summary.ts';
import { checkScenario } from './support.ts';

/** The rules with their catalogue severities, as a check produces them. */
const CATALOGUE = checkScenario().findings.map((f) => ({ rule: f.rule, severity: f.severity }));
const STATUSES: FindingStatus[] = ['pass', 'fail', 'warn', 'not_applicable', 'unknown'];
/** `not_determined` is no verdict, so it has no place on this scale (tested on its own below). */
const RANK: Record<Exclude<Rating, 'not_determined'>, number> = {
  non_compliant: 0,
  weak: 1,
  adequate: 2,
  strong: 3,
};
const AREA_RULES = [
  'uk-area-structure',
  'uk-area-policies',
  'uk-area-due-diligence',
  'uk-area-risk',
  'uk-area-effectiveness',
  'uk-area-training',
];

const findingsArbitrary = fc.tuple(
  ...CATALOGUE.map(({ rule, severity }) =>
    fc
      .record({
        status: fc.constantFrom(...STATUSES),
        certainty: fc.constantFrom('confident' as const, 'unclear' as const),
        nearCopy: fc.boolean(),
      })
      .map(
        ({ status, certainty, nearCopy }): Finding => ({
          rule,
          severity,
          status,
          certainty,
          confidence: certainty === 'confident' ? 0.9 : 0.5,
          message: rule === 'uk-not-boilerplate' && nearCopy ? 'A near-copy of another statement.' : 'x',
          evidence: [],
        }),
      ),
  ),
);

describe('the rating and unclear findings', () => {
  it('has every rule of the catalogue to draw from', () => {
    expect(CATALOGUE.map((c) => c.rule)).toEqual([...RULE_IDS]);
  });

  it('does not move when an unclear finding changes its status, whatever the others are', () => {
    fc.assert(
      fc.property(
        findingsArbitrary,
        fc.array(fc.constantFrom(...STATUSES), { minLength: 26, maxLength: 26 }),
        (findings, other) => {
          const changed = findings.map((f, i) =>
            f.certainty === 'unclear' ? { ...f, status: other[i]! } : f,
          );
          expect(summarise(changed).rating).toBe(summarise(findings).rating);
          expect(summarise(changed).meetsLegalMinimum).toBe(summarise(findings).meetsLegalMinimum);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is never worse with an unclear finding than with the same finding made confident', () => {
    fc.assert(
      fc.property(findingsArbitrary, fc.nat(25), (findings, k) => {
        const f = findings[k]!;
        fc.pre(f.certainty === 'unclear' && f.status !== 'pass');
        const confident = findings.map((g, i) => (i === k ? { ...g, certainty: 'confident' as const } : g));
        const [doubtful, sure] = [summarise(findings).rating, summarise(confident).rating];
        // Doubt can leave a statement unrated (through an area rule, or a legal rule whose
        // confident failure would have outranked the missing rating), never rated lower.
        if (doubtful === 'not_determined')
          expect(sure === 'not_determined' || sure === 'non_compliant' || AREA_RULES.includes(f.rule)).toBe(
            true,
          );
        else if (sure === 'not_determined')
          throw new Error('a confident finding made the rating not determined');
        else expect(RANK[doubtful]).toBeGreaterThanOrEqual(RANK[sure]);
      }),
      { numRuns: 300 },
    );
  });

  it('calls a statement weak for three confidently missing areas, but not for three unclear ones', () => {
    const good = checkScenario();
    expect(good.summary.rating).toBe('strong');
    const areas = ['uk-area-risk', 'uk-area-training', 'uk-area-effectiveness'];
    const withAreas = (certainty: 'confident' | 'unclear') =>
      good.findings.map((f) =>
        areas.includes(f.rule)
          ? { ...f, status: certainty === 'unclear' ? ('unknown' as const) : ('fail' as const), certainty }
          : f,
      );
    expect(summarise(withAreas('confident')).rating).toBe('weak');
    expect(summarise(withAreas('unclear')).rating).toBe('adequate');
  });

  it('does not call a statement non-compliant on an unclear legal finding', () => {
    const good = checkScenario();
    const unclear = good.findings.map((f) =>
      f.rule === 'uk-signature' ? { ...f, status: 'unknown' as const, certainty: 'unclear' as const } : f,
    );
    expect(summarise(unclear)).toMatchObject({ meetsLegalMinimum: null, rating: 'adequate' });
  });

  const unclearly = (f: Finding, status: FindingStatus): Finding => ({
    ...f,
    status,
    certainty: 'unclear',
    confidence: 0.5,
  });
  const replace = (findings: readonly Finding[], rules: readonly string[], change: (f: Finding) => Finding) =>
    findings.map((f) => (rules.includes(f.rule) ? change(f) : f));
  const good = () => checkScenario().findings;
  const BASES: [Rating, () => Finding[]][] = [
    ['strong', good],
    [
      'adequate',
      () =>
        replace(good(), ['uk-kpis-measurable', 'uk-remediation', 'uk-actions-not-promises'], (f) => ({
          ...f,
          status: 'fail',
        })),
    ],
    [
      'weak',
      () =>
        replace(good(), ['uk-area-risk', 'uk-area-training', 'uk-area-effectiveness'], (f) => ({
          ...f,
          status: 'fail',
        })),
    ],
    ['non_compliant', () => replace(good(), ['uk-signature'], (f) => ({ ...f, status: 'fail' }))],
    ['not_determined', () => replace(good(), AREA_RULES, (f) => unclearly(f, 'unknown'))],
  ];
  const cases = BASES.flatMap(([rating, base]) =>
    RULE_IDS.flatMap((rule) =>
      (['unknown', 'fail'] as const).map((status) => [rating, rule, status, base] as const),
    ),
  );

  it.each(cases)(
    'a %s statement stays %s-rated when an unclear %s finding of %s is added',
    // (the title's order: rating, rule, status; vitest fills %s in turn)
    (rating, rule, status, base) => {
      const findings = base();
      const without = findings.filter((f) => f.rule !== rule);
      const added = [...without, unclearly(findings.find((f) => f.rule === rule)!, status)];
      expect(summarise(findings).rating).toBe(rating);
      const before = summarise(without).rating;
      const after = summarise(added).rating;
      // Strong says the legal minimum is confidently met: an undecided legal rule withholds it
      // (adequate), and that is as far as doubt goes.
      const legal = findings.find((f) => f.rule === rule)!.severity === 'legal';
      expect(after).toBe(before === 'strong' && legal ? 'adequate' : before);
    },
  );

  it('rates not determined when no area finding is confident, and rates again once one is', () => {
    const unread = BASES[4]![1]();
    expect(summarise(unread)).toMatchObject({ rating: 'not_determined', areasCovered: 0 });
    const reviewed = replace(unread, ['uk-area-risk'], (f) => ({
      ...f,
      status: 'pass',
      certainty: 'confident',
    }));
    expect(summarise(reviewed).rating).toBe('adequate');
  });

  it('keeps non-compliant for a confident legal failure even when the text could not be read', () => {
    const unread = replace(BASES[4]![1](), ['uk-homepage-link'], (f) => ({ ...f, status: 'fail' }));
    expect(summarise(unread)).toMatchObject({ rating: 'non_compliant', meetsLegalMinimum: false });
  });

  it('says in the recheck summary how many ratings became not determined, and that an officer has them', () => {
    const report = ratingChangesReport([
      { statementId: 'S1', revision: 2, from: 'weak', to: 'not_determined' },
      { statementId: 'S2', revision: 1, from: 'adequate', to: 'strong' },
    ]);
    expect(report.split('\n')).toEqual([
      '2 ratings changed:',
      '  S1 revision 2: weak -> not_determined',
      '  S2 revision 1: adequate -> strong',
      '  (1 now not determined: the checker could not read it; queued for an officer as not_determined)',
    ]);
  });
});
