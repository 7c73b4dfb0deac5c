import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  indexStatement,
  invertDigits,
  normaliseCompanyNumber,
} from '../../functions/domain/search/index-entries.ts';
import { planSearch } from '../../functions/domain/search/plan.ts';
import { contributionDelta } from '../../functions/domain/statistics.ts';
import type { StatementSummary } from '../../schemas/statement-summary.ts';

const summary = (overrides: Partial<StatementSummary> = {}): StatementSummary => ({
  id: '01JDQ8Z4V6W4Y0B3C9E7K2M5N8',
  organisationId: '01JDQ8Z4V6W4Y0B3C9E7K2M5N9',
  organisationName: 'Acme Retail Ltd',
  companyNumber: '01234567',
  isGroup: false,
  groupMembers: [],
  year: 2025,
  periodStart: '2024-04-01',
  periodEnd: '2025-03-31',
  sectors: ['Cosmetics and toiletries'],
  turnover: 'Over £500 million',
  status: 'submitted',
  revision: 1,
  submittedAt: '2025-07-01T10:00:00.000Z',
  updatedAt: '2025-07-01T10:00:00.000Z',
  check: { meetsLegalMinimum: true, areasCovered: 6, rating: 'strong' },
  ...overrides,
});

const prefixes = (s: StatementSummary) =>
  indexStatement(s)
    .entries.flatMap((e) => (e.facet.kind === 'term' ? [e.facet.prefix] : []))
    .sort();

describe('search index entries', () => {
  it('lists a name under each 2- to 4-letter word prefix, once, legal forms left out', () => {
    expect(prefixes(summary())).toEqual(['ac', 'acm', 'acme', 're', 'ret', 'reta']);
    expect(prefixes(summary({ organisationName: 'Acme Acme Ltd' }))).toEqual(['ac', 'acm', 'acme']);
  });

  it('ranks a prefix by the best name that has it: own first word, own word, member first word, member word', () => {
    const entries = indexStatement(
      summary({
        organisationName: 'Zeta Acme plc',
        groupMembers: [{ name: 'Beta Foods Ltd' }, { name: 'Acme Beta' }],
      }),
    ).entries;
    const relevance = (prefix: string) =>
      entries.find((e) => e.facet.kind === 'term' && e.facet.prefix === prefix)?.relevance.slice(0, 1);
    expect([relevance('zeta'), relevance('acme'), relevance('beta'), relevance('food')]).toEqual([
      '0',
      '1',
      '2',
      '3',
    ]);
    expect(entries.find((e) => e.facet.kind === 'term' && e.facet.prefix === 'beta')?.matchedName).toBe(
      'Beta Foods Ltd',
    );
  });

  it('orders dates newest first when ascending', () => {
    fc.assert(
      fc.property(
        fc.date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2999-12-31') }),
        fc.date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2999-12-31') }),
        (a, b) => {
          const [x, y] = [a.toISOString(), b.toISOString()];
          if (x === y) return;
          expect(invertDigits(x) < invertDigits(y)).toBe(x > y);
        },
      ),
    );
  });

  it.each([
    ['01234567', '01234567'],
    ['1234567', '01234567'],
    ['sc 123456', 'SC123456'],
    ['12345', undefined],
    ['acme', undefined],
  ])('reads %s as company number %s', (input, expected) => {
    expect(normaliseCompanyNumber(input)).toBe(expected);
  });
});

describe('search plans', () => {
  it.each([
    ['acme retail', { kind: 'pair', first: 'acme', second: 'reta' }, ['retail']],
    ['Retail ACME Ltd.', { kind: 'pair', first: 'acme', second: 'reta' }, ['retail']],
    ['bramblewood', { kind: 'term', prefix: 'bram' }, ['bramblewood']],
    ['group tesco', { kind: 'pair', first: 'grou', second: 'tesc' }, ['group', 'tesco']],
    ['acme bp', { kind: 'term', prefix: 'acme' }, ['bp']],
    ['acme acmeco', { kind: 'term', prefix: 'acme' }, ['acme', 'acmeco']],
    ['north sea oil', { kind: 'term', prefix: 'nort' }, ['north', 'sea', 'oil']],
    ['01234567', { kind: 'company', companyNumber: '01234567' }, []],
  ])('answers %s from the partition of its most selective word or pair of words', (q, facet, words) => {
    const plan = planSearch({ q, sort: 'relevance' });
    expect(plan.facet).toEqual(facet);
    expect(plan.filters.words.sort()).toEqual(words.sort());
  });

  it.each([
    [{ year: 2024 }, { kind: 'year', year: 2024 }],
    [{ rating: 'weak' as const }, { kind: 'rating', rating: 'weak' }],
    [
      { year: 2024, rating: 'weak' as const, turnover: 'Over £500 million' as const },
      { kind: 'combo', rating: 'weak', turnover: 5, year: 2024 },
    ],
    [
      { sector: 'Construction, civil engineering and building products' as const, rating: 'strong' as const },
      { kind: 'combo', sector: 4, rating: 'strong' },
    ],
  ])('reads the partition of exactly the filters %j when there is no name', (filters, facet) => {
    const plan = planSearch({ sort: 'date', ...filters });
    expect(plan.facet).toEqual(facet);
    expect(plan.filters).toEqual({ words: [] });
  });

  it('refuses a name too short to search', () => {
    expect(() => planSearch({ q: 'a', sort: 'relevance' })).toThrow(/Some fields are not valid/);
  });
});

describe('statistics contributions', () => {
  it('moves a statement’s counts between years and outcomes, and back to nothing when withdrawn', () => {
    const before = summary();
    const after = summary({
      year: 2024,
      check: { meetsLegalMinimum: false, areasCovered: 2, rating: 'non_compliant' },
    });
    const delta = contributionDelta(before, after);
    expect(delta.get(2025)).toMatchObject({ n: -1, mt: -1, ar: -6, r_strong: -1 });
    expect(delta.get(2024)).toMatchObject({ n: 1, mf: 1, ar: 2, r_non_compliant: 1 });
    expect(contributionDelta(after, { ...after, status: 'withdrawn' }).get(2024)).toMatchObject({ n: -1 });
    expect(contributionDelta(after, after).size).toBe(0);
  });
});
