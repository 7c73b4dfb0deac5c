import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarise } from '../../functions/checker/check.ts';
import { type Finding, type FindingStatus, RULE_IDS } from '../../schemas/check-result.ts';
import type { Rating } from '../../schemas/statement-summary.ts';
import { checkScenario } from './support.ts';

/** The rules with their catalogue severities, as a check produces them. */
const CATALOGUE = checkScenario().findings.map((f) => ({ rule: f.rule, severity: f.severity }));
const STATUSES: FindingStatus[] = ['pass', 'fail', 'warn', 'not_applicable', 'unknown'];
const RANK: Record<Rating, number> = { non_compliant: 0, weak: 1, adequate: 2, strong: 3 };

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
        expect(RANK[summarise(findings).rating]).toBeGreaterThanOrEqual(RANK[summarise(confident).rating]);
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
});
