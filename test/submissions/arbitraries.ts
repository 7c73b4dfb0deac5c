import fc from 'fast-check';
import { normaliseName } from '../../functions/domain/names.ts';
import { COUNTRY_CODES } from '../../schemas/countries.ts';
import * as options from '../../schemas/registry-options.ts';
import { addDays, addMonths, type SubmissionDocument } from '../../schemas/submission.ts';

/** Dates are generated relative to the tests' fixed today, 29 November 2026. */
export const TODAY = '2026-11-29';

const word = fc.stringMatching(/^[A-Z][a-z]{2,9}$/);
const phrase = (max: number) =>
  fc.array(word, { minLength: 1, maxLength: 6 }).map((words) => words.join(' ').slice(0, max).trim());

const day = fc.integer({ min: 0, max: 365 * 10 }).map((offset) => addDays('2015-01-01', offset));

/** A multi-select answer: "None" alone, or some of the other options ("Other" with its description). */
function multi<T extends readonly string[]>(list: T, withOther: boolean) {
  const choices = list.filter((o) => o !== 'None');
  return fc.oneof(
    fc.constant({ values: ['None'] as string[], other: undefined as string | undefined }),
    fc.subarray(choices, { minLength: 1 }).chain((values) =>
      fc.record({
        values: fc.constant(values as string[]),
        other: withOther && values.includes('Other') ? phrase(60) : fc.constant(undefined),
      }),
    ),
  );
}

const risk = fc
  .record({
    description: phrase(200),
    location: fc.constantFrom(...options.RISK_LOCATIONS),
    locationOther: phrase(60),
    supplyChainTiers: fc.subarray([...options.RISK_TIERS], { minLength: 1 }),
    affectedGroups: fc.subarray([...options.RISK_GROUPS], { minLength: 1 }),
    countries: fc.uniqueArray(fc.constantFrom(...COUNTRY_CODES), { minLength: 1, maxLength: 4 }),
    actions: phrase(200),
  })
  .map(({ locationOther, ...rest }) => (rest.location === 'Other' ? { ...rest, locationOther } : rest));

/** Complete, valid submission documents: every rule of uk-registry-fields.md holds. */
export const validDocumentArbitrary: fc.Arbitrary<SubmissionDocument> = fc
  .record({
    periodStart: day,
    months: fc.integer({ min: 12, max: 18 }),
    approvalDelay: fc.integer({ min: 0, max: 120 }),
    isGroup: fc.boolean(),
    members: fc.uniqueArray(
      fc.record({
        name: phrase(40),
        companyNumber: fc.option(fc.stringMatching(/^\d{8}$/), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 5, selector: (m) => normaliseName(m.name) },
    ),
    byEmail: fc.boolean(),
    signed: fc.boolean(),
    signatory: fc.record({
      firstName: phrase(50),
      lastName: phrase(50),
      jobTitle: phrase(50),
      role: fc.constantFrom('director', 'designated_member', 'general_partner', 'partner', 'other' as const),
    }),
    areas: fc.tuple(
      ...options.AREA_KEYS.map(() =>
        fc.record({ covered: fc.boolean(), reason: fc.option(phrase(150), { nil: undefined }) }),
      ),
    ),
    sectors: fc.subarray([...options.SECTORS], { minLength: 1 }),
    sectorsOther: phrase(100),
    turnover: fc.constantFrom(...options.TURNOVER_BANDS),
    yearsProducing: fc.constantFrom(...options.YEARS_PRODUCING),
    withSummary: fc.boolean(),
    policies: multi(options.POLICY_OPTIONS, true),
    training: multi(options.TRAINING_OPTIONS, true),
    engagement: multi(options.ENGAGEMENT_OPTIONS, false),
    ilo: multi(options.ILO_INDICATORS, true),
    risks: fc.oneof(fc.constant('none' as const), fc.array(risk, { minLength: 0, maxLength: 3 })),
    statementText: fc.option(fc.lorem({ maxCount: 40 }), { nil: undefined }),
  })
  .map((g) => {
    const periodEnd = addDays(addMonths(g.periodStart, g.months), -1);
    const approvalDate = [addDays(periodEnd, g.approvalDelay), TODAY].sort()[0] as string;
    const areas = Object.fromEntries(
      options.AREA_KEYS.map((key, index) => {
        const area = g.areas[index] ?? { covered: true };
        return [
          key,
          area.covered || !area.reason ? { covered: area.covered } : { covered: false, reason: area.reason },
        ];
      }),
    ) as SubmissionDocument['areas'];
    const document: SubmissionDocument = {
      jurisdiction: 'UK',
      isGroup: g.isGroup,
      ...(g.isGroup
        ? {
            groupMembers: g.members.map((member, index) =>
              member.companyNumber
                ? { ...member, companyNumber: String(10_000_000 + index) }
                : { name: member.name },
            ),
          }
        : {}),
      ...(g.byEmail
        ? { statementUrl: null, contactEmail: 'statements@example.com' }
        : {
            statementUrl: 'https://example.com/modern-slavery-statement',
            contactEmail: null,
            homepageUrl: 'https://example.com/',
          }),
      periodStart: g.periodStart,
      periodEnd,
      approvedBy: 'board',
      approvalDate,
      ...(g.signed ? { signatory: g.signatory } : {}),
      areas,
      sectors: g.sectors as SubmissionDocument['sectors'],
      ...(g.sectors.includes('Other') ? { sectorsOther: g.sectorsOther } : {}),
      turnover: g.turnover,
      yearsProducing: g.yearsProducing,
      ...(g.statementText ? { statementText: g.statementText } : {}),
    };
    if (g.withSummary) {
      const summary: NonNullable<SubmissionDocument['summary']> = {
        policies: g.policies.values as never,
        ...(g.policies.other ? { policiesOther: g.policies.other } : {}),
        training: g.training.values as never,
        ...(g.training.other ? { trainingOther: g.training.other } : {}),
        engagement: g.engagement.values as never,
        iloIndicators: g.ilo.values as never,
        ...(g.ilo.other ? { iloIndicatorsOther: g.ilo.other } : {}),
        ...(g.risks === 'none' ? { noRisksIdentified: true } : { risks: g.risks as never }),
      };
      document.summary = summary;
    }
    return document;
  });
