import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toFieldErrors } from '../../functions/domain/submissions/validation.ts';
import {
  addDays,
  type SubmissionDocument,
  submissionDocumentSchemaAt,
  submissionDraftSchemaAt,
} from '../../schemas/submission.ts';
import { validDocument } from '../support/submissions.ts';
import { TODAY, validDocumentArbitrary } from './arbitraries.ts';

const now = () => new Date(`${TODAY}T12:00:00Z`);
const schema = submissionDocumentSchemaAt(now);

function problems(document: unknown) {
  const result = schema.safeParse(document);
  return result.success ? [] : toFieldErrors(result.error.issues);
}

type Mutation = { rule: string; path: string; mutate: (d: SubmissionDocument) => unknown };

/** One broken rule each, with the JSON path the answer must name. */
const MUTATIONS: Mutation[] = [
  {
    rule: 'URL and email both given',
    path: '/contactEmail',
    mutate: (d) => ({ ...d, statementUrl: 'https://a.example/s', contactEmail: 'a@a.example' }),
  },
  {
    rule: 'neither URL nor email',
    path: '/statementUrl',
    mutate: (d) => ({ ...d, statementUrl: null, contactEmail: null }),
  },
  {
    rule: 'URL not absolute',
    path: '/statementUrl',
    mutate: (d) => ({ ...d, statementUrl: '/statement', contactEmail: null }),
  },
  {
    rule: 'URL too long',
    path: '/statementUrl',
    mutate: (d) => ({ ...d, contactEmail: null, statementUrl: `https://a.example/${'x'.repeat(1024)}` }),
  },
  {
    rule: 'email too long',
    path: '/contactEmail',
    mutate: (d) => ({
      ...d,
      statementUrl: null,
      contactEmail: `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`,
    }),
  },
  {
    rule: 'end before start',
    path: '/periodEnd',
    mutate: (d) => ({ ...d, periodEnd: addDays(d.periodStart, -1) }),
  },
  {
    rule: 'period under 12 months',
    path: '/periodEnd',
    mutate: (d) => ({ ...d, periodEnd: addDays(d.periodStart, 300) }),
  },
  {
    rule: 'period over 18 months',
    path: '/periodEnd',
    mutate: (d) => ({ ...d, periodEnd: addDays(d.periodStart, 600) }),
  },
  { rule: 'date not real', path: '/periodStart', mutate: (d) => ({ ...d, periodStart: '2025-02-30' }) },
  {
    rule: 'period ends in the future',
    path: '/periodEnd',
    mutate: (d) => ({ ...d, periodStart: '2026-06-01', periodEnd: '2027-05-31' }),
  },
  {
    rule: 'approval before the period ends',
    path: '/approvalDate',
    mutate: (d) => ({ ...d, approvalDate: addDays(d.periodEnd, -1) }),
  },
  {
    rule: 'approval in the future',
    path: '/approvalDate',
    mutate: (d) => ({ ...d, approvalDate: addDays(TODAY, 1) }),
  },
  {
    rule: 'sign-off partly given',
    path: '/signatory/jobTitle',
    mutate: (d) => ({ ...d, signatory: { firstName: 'Ann', lastName: 'Smith' } }),
  },
  {
    rule: 'signatory name too long',
    path: '/signatory/firstName',
    mutate: (d) => ({ ...d, signatory: { firstName: 'A'.repeat(51), lastName: 'B', jobTitle: 'C' } }),
  },
  {
    rule: 'area reason too long',
    path: '/areas/training/reason',
    mutate: (d) => ({ ...d, areas: { ...d.areas, training: { covered: false, reason: 'x'.repeat(201) } } }),
  },
  {
    rule: 'area missing',
    path: '/areas/kpis',
    mutate: (d) => ({ ...d, areas: { ...d.areas, kpis: undefined } }),
  },
  { rule: 'no sector', path: '/sectors', mutate: (d) => ({ ...d, sectors: [], sectorsOther: undefined }) },
  {
    rule: 'sector not on the list',
    path: '/sectors/0',
    mutate: (d) => ({ ...d, sectors: ['Widgets'], sectorsOther: undefined }),
  },
  {
    rule: '"Other" sector without text',
    path: '/sectorsOther',
    mutate: (d) => ({ ...d, sectors: ['Other'], sectorsOther: undefined }),
  },
  {
    rule: 'sector description too long',
    path: '/sectorsOther',
    mutate: (d) => ({ ...d, sectors: ['Other'], sectorsOther: 'x'.repeat(129) }),
  },
  { rule: 'turnover not on the list', path: '/turnover', mutate: (d) => ({ ...d, turnover: 'Lots' }) },
  {
    rule: '"None" combined',
    path: '/summary/policies',
    mutate: (d) => ({ ...d, summary: { policies: ['None', 'Freedom of movement'] } }),
  },
  {
    rule: '"Other" policy without text',
    path: '/summary/policiesOther',
    mutate: (d) => ({ ...d, summary: { policies: ['Other'] } }),
  },
  {
    rule: 'four risks',
    path: '/summary/risks',
    mutate: (d) => ({
      ...d,
      summary: {
        risks: Array.from({ length: 4 }, () => ({ description: 'x', location: 'Other', locationOther: 'y' })),
      },
    }),
  },
  {
    rule: 'risks and "no risks"',
    path: '/summary/noRisksIdentified',
    mutate: (d) => ({
      ...d,
      summary: {
        noRisksIdentified: true,
        risks: [{ description: 'x', location: 'Within your own operations' }],
      },
    }),
  },
  {
    rule: 'risk actions too long',
    path: '/summary/risks/0/actions',
    mutate: (d) => ({
      ...d,
      summary: {
        risks: [{ description: 'x', location: 'Within your own operations', actions: 'x'.repeat(501) }],
      },
    }),
  },
  {
    rule: 'unknown country',
    path: '/summary/risks/0/countries/0',
    mutate: (d) => ({
      ...d,
      summary: { risks: [{ description: 'x', location: 'Within your own operations', countries: ['XX'] }] },
    }),
  },
  {
    rule: 'group without members',
    path: '/groupMembers',
    mutate: (d) => ({ ...d, isGroup: true, groupMembers: [] }),
  },
  {
    rule: 'duplicate member',
    path: '/groupMembers/1/name',
    mutate: (d) => ({
      ...d,
      isGroup: true,
      groupMembers: [{ name: 'Acme Retail Ltd' }, { name: 'ACME RETAIL LIMITED' }],
    }),
  },
  {
    rule: 'duplicate company number',
    path: '/groupMembers/1/companyNumber',
    mutate: (d) => ({
      ...d,
      isGroup: true,
      groupMembers: [
        { name: 'A', companyNumber: '01234567' },
        { name: 'B', companyNumber: '01234567' },
      ],
    }),
  },
  {
    rule: 'members on a single statement',
    path: '/groupMembers',
    mutate: (d) => ({ ...d, isGroup: false, groupMembers: [{ name: 'A' }] }),
  },
  { rule: 'isGroup missing', path: '/isGroup', mutate: (d) => ({ ...d, isGroup: undefined }) },
  { rule: 'approvedBy not on the list', path: '/approvedBy', mutate: (d) => ({ ...d, approvedBy: 'ceo' }) },
];

describe('the submission document schema', () => {
  it('accepts the api.md example document', () => {
    expect(problems(validDocument())).toEqual([]);
  });

  it('round-trips every valid document unchanged (property)', () => {
    fc.assert(
      fc.property(validDocumentArbitrary, (document) => {
        const result = schema.safeParse(document);
        if (!result.success) throw new Error(JSON.stringify(toFieldErrors(result.error.issues)));
        expect(result.data).toEqual(document);
      }),
      { numRuns: 300 },
    );
  });

  it.each(MUTATIONS)('rejects a document where $rule, naming $path', ({ mutate, path }) => {
    fc.assert(
      fc.property(validDocumentArbitrary, (document) => {
        const found = problems(mutate(document));
        expect(found.map((p) => p.path)).toContain(path);
        for (const problem of found) expect(problem.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 25 },
    );
  });

  it('answers any mutation of a valid document with a result or JSON paths, never an exception (property)', () => {
    fc.assert(
      fc.property(
        validDocumentArbitrary,
        fc.constantFrom(
          'periodStart',
          'periodEnd',
          'approvalDate',
          'sectors',
          'areas',
          'signatory',
          'summary',
          'isGroup',
          'turnover',
          'statementUrl',
          'groupMembers',
        ),
        fc.anything(),
        (document, field, value) => {
          const result = schema.safeParse({ ...document, [field]: value });
          if (!result.success) {
            for (const problem of toFieldErrors(result.error.issues))
              expect(problem.path).toMatch(/^\/[A-Za-z]/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('lets a draft leave answers out but checks the ones given', () => {
    const draft = submissionDraftSchemaAt(now);
    expect(draft.safeParse({ periodStart: '2025-04-01', periodEnd: '2026-03-31' }).success).toBe(true);
    const partial = draft.safeParse({ periodStart: '2025-04-01', periodEnd: '2026-03-31', turnover: 'Lots' });
    expect(partial.success ? [] : toFieldErrors(partial.error.issues).map((p) => p.path)).toEqual([
      '/turnover',
    ]);
    const noPeriod = draft.safeParse({ turnover: 'Not provided' });
    expect(
      noPeriod.success
        ? []
        : toFieldErrors(noPeriod.error.issues)
            .map((p) => p.path)
            .sort(),
    ).toEqual(['/periodEnd', '/periodStart']);
  });
});
