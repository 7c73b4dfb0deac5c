import { describe, expect, it } from 'vitest';
import {
  buildSummary,
  delta,
  flagContribution,
  organisationContribution,
  statementContribution,
} from '../../functions/domain/compliance/counters.ts';
import { canMove, planUpdate } from '../../functions/domain/compliance/flag-workflow.ts';
import { parseImportCsv } from '../../functions/domain/compliance/import-csv.ts';
import {
  addMonths,
  deadlineFor,
  dueYears,
  firstReportingYear,
  isLate,
  periodEndFor,
} from '../../functions/domain/compliance/reporting-years.ts';
import { decideSweep, type OrganisationState } from '../../functions/domain/compliance/sweep-decisions.ts';
import { DomainError } from '../../functions/domain/errors.ts';
import { FLAG_STATUSES } from '../../schemas/flag.ts';

describe('reporting years and deadlines', () => {
  it.each([
    ['2025-03-31', '2025-09-30'],
    ['2024-12-31', '2025-06-30'],
    ['2024-08-31', '2025-02-28'],
    ['2023-08-31', '2024-02-29'],
    ['2024-06-30', '2024-12-30'],
    ['2024-02-29', '2024-08-29'],
  ])('the deadline for a period ending %s is %s', (periodEnd, deadline) => {
    expect(deadlineFor(periodEnd)).toBe(deadline);
  });

  it.each([
    [2024, '02-29', '2024-02-29'],
    [2025, '02-29', '2025-02-28'],
    [2026, '03-31', '2026-03-31'],
  ])('reporting year %i with year end %s ends on %s', (year, yearEnd, periodEnd) => {
    expect(periodEndFor(year, yearEnd)).toBe(periodEnd);
  });

  it('adds months across years', () => {
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
  });

  it.each([
    ['03-31', '2010-05-01T00:00:00Z', 2016],
    ['01-31', '2010-05-01T00:00:00Z', 2017],
    ['03-30', '2015-05-01T00:00:00Z', 2017],
    ['12-31', '2024-06-01T00:00:00Z', 2024],
  ])('year end %s, added %s: statements expected from %i', (financialYearEnd, createdAt, first) => {
    expect(firstReportingYear({ financialYearEnd, createdAt })).toBe(first);
  });

  it('counts a year only from the day after its deadline', () => {
    const organisation = { financialYearEnd: '03-31', createdAt: '2025-01-01T00:00:00Z' };
    expect(dueYears(organisation, '2025-09-30').map((y) => y.year)).toEqual([]);
    expect(dueYears(organisation, '2025-10-01').map((y) => y.year)).toEqual([2025]);
  });

  it('allows the whole deadline day', () => {
    expect(isLate('2025-09-30T23:59:00Z', '2025-09-30')).toBe(false);
    expect(isLate('2025-10-01T00:00:01Z', '2025-09-30')).toBe(true);
  });
});

describe('sweep decisions', () => {
  const organisation = {
    id: '01HZZZZZZZZZZZZZZZZZZZZZZZ',
    name: 'Acme',
    financialYearEnd: '03-31',
    createdAt: '2024-01-01T00:00:00Z',
    inScope: true,
  };
  const state = (overrides: Partial<OrganisationState> = {}): OrganisationState => ({
    organisation,
    coverage: [],
    outOfScope: new Map(),
    marks: new Set(),
    ...overrides,
  });

  it('raises missing for every due year without a statement, and nothing already marked', () => {
    expect(decideSweep(state(), '2026-11-29').missing.map((y) => y.year)).toEqual([2024, 2025, 2026]);
    expect(
      decideSweep(state({ marks: new Set(['missing#2024']) }), '2026-11-29').missing.map((y) => y.year),
    ).toEqual([2025, 2026]);
  });

  it('honours a declaration unless an officer challenged it', () => {
    const declared = state({ outOfScope: new Map([[2025, 'declared' as const]]) });
    expect(decideSweep(declared, '2026-11-29').missing.map((y) => y.year)).toEqual([2024, 2026]);
    const accepted = state({ outOfScope: new Map([[2025, 'accepted' as const]]) });
    expect(decideSweep(accepted, '2026-11-29').missing.map((y) => y.year)).toEqual([2024, 2026]);
    const challenged = state({ outOfScope: new Map([[2025, 'challenged' as const]]) });
    expect(decideSweep(challenged, '2026-11-29').missing.map((y) => y.year)).toEqual([2024, 2025, 2026]);
  });

  it('raises late from the earliest statement covering the year, and a reminder before a deadline', () => {
    const decision = decideSweep(
      state({
        coverage: [
          { year: 2025, statementId: 'B', receivedAt: '2025-12-01T00:00:00Z', deadline: '2025-09-30' },
          {
            year: 2025,
            statementId: 'A',
            receivedAt: '2025-09-01T00:00:00Z',
            deadline: '2025-09-30',
            viaGroupOf: 'P',
          },
          { year: 2024, statementId: 'C', receivedAt: '2024-10-02T00:00:00Z', deadline: '2024-09-30' },
        ],
      }),
      '2026-09-10',
    );
    expect(decision.late.map((late) => [late.year, late.statementId])).toEqual([[2024, 'C']]);
    expect(decision.missing.map((y) => y.year)).toEqual([]);
    expect(decision.reminders.map((y) => [y.year, y.deadline])).toEqual([[2026, '2026-09-30']]);
  });

  it('expects nothing of an organisation out of scope', () => {
    const decision = decideSweep(state({ organisation: { ...organisation, inScope: false } }), '2026-11-29');
    expect(decision).toEqual({ missing: [], late: [], reminders: [], yearsChecked: 0 });
  });
});

describe('the flag lifecycle', () => {
  const allowed = [
    ['open', 'contacted'],
    ['open', 'resolved'],
    ['open', 'dismissed'],
    ['contacted', 'resolved'],
    ['contacted', 'dismissed'],
    ['resolved', 'open'],
    ['dismissed', 'open'],
  ];
  for (const from of FLAG_STATUSES) {
    for (const to of FLAG_STATUSES) {
      if (from === to) continue;
      const ok = allowed.some(([a, b]) => a === from && b === to);
      it(`${from} → ${to} is ${ok ? 'allowed' : 'refused'}`, () => {
        expect(canMove(from, to)).toBe(ok);
        const attempt = () =>
          planUpdate({ status: from, assignee: null }, { status: to, note: 'n' }, 'o@x', 't');
        if (ok) expect(attempt().entry).toMatchObject({ action: 'status', from, to, by: 'o@x', note: 'n' });
        else expect(attempt).toThrow(DomainError);
      });
    }
  }

  it('records an assignment or a plain note as their own kinds of entry', () => {
    expect(
      planUpdate({ status: 'open', assignee: null }, { assignee: 'a@x', note: 'yours' }, 'o@x', 't').entry,
    ).toMatchObject({
      action: 'assigned',
      assignee: 'a@x',
    });
    expect(
      planUpdate({ status: 'open', assignee: 'a@x' }, { note: 'still looking' }, 'o@x', 't').entry.action,
    ).toBe('note');
  });
});

describe('dashboard counters', () => {
  it('counts a statement once when it is submitted and moves its check outcome between sectors', () => {
    const draft = { status: 'draft', year: 2025, sectors: ['Cosmetics and toiletries'], check: null };
    const submitted = { ...draft, status: 'submitted' };
    const checked = { ...submitted, check: { meetsLegalMinimum: false } };
    const fixed = { ...submitted, check: { meetsLegalMinimum: true } };
    expect(delta(statementContribution(draft), statementContribution(submitted))).toEqual({
      'year:2025': { received: 1 },
    });
    expect(delta(statementContribution(checked), statementContribution(fixed))).toEqual({
      'year:2025': {
        'legal:fail': -1,
        'legal:pass': 1,
        'legal:fail:Cosmetics and toiletries': -1,
        'legal:pass:Cosmetics and toiletries': 1,
      },
    });
  });

  it('builds the year’s figures: organisations in scope by first year, flags raised and outstanding, ages', () => {
    const counters = {
      ...{
        orgs: {
          ...organisationContribution({ createdAt: '2024-03-01T00:00:00Z', financialYearEnd: '03-31' }).orgs,
          'first:2026': 5,
        },
      },
      'year:2025': {
        received: 1,
        outOfScope: 1,
        'flags:missing:open': 2,
        'flags:missing:resolved': 1,
        'legal:pass': 1,
      },
      openFlags: {
        ...flagContribution({
          type: 'missing',
          status: 'open',
          year: 2025,
          createdAt: '2026-11-25T00:00:00Z',
        }).openFlags,
        'open:2026-01-01': 3,
      },
    };
    const summary = buildSummary(counters, 2025, '2026-11-29', null);
    expect(summary).toMatchObject({
      organisationsInScope: 0,
      statementsReceived: 1,
      declaredOutOfScope: 1,
      flags: { missing: { raised: 3, outstanding: 2 } },
      legalMinimum: { pass: 1, fail: 0, unknown: 0, passRate: 1 },
    });
    expect(summary.years.find((y) => y.year === 2026)?.organisationsInScope).toBe(6);
    expect(summary.openFlagsByAge.map((bucket) => bucket.count)).toEqual([1, 0, 0, 3, 0]);
  });
});

describe('reading an organisations CSV', () => {
  it('keeps valid rows with their line numbers and explains every bad line', () => {
    const parsed = parseImportCsv(
      [
        '\uFEFFcompanyNumber,name,entityType,financialYearEnd,turnover,notes',
        '01234567,Acme Ltd,Company,03-31,Over £500 million,ignored',
        ',"Multi, Word & Sons",partnership,12-31,,',
        '',
        'SC12345,Short Ltd,company,03-31,,',
        '01234567,Again Ltd,company,03-31,,',
        'x,y',
      ].join('\r\n'),
    );
    expect(
      parsed.rows.map((r) => [r.line, r.row.name, r.row.companyNumber ?? null, r.row.entityType]),
    ).toEqual([
      [2, 'Acme Ltd', '01234567', 'company'],
      [3, 'Multi, Word & Sons', null, 'partnership'],
    ]);
    expect(parsed.errors.map((e) => [e.line, e.column])).toEqual([
      [5, 'companyNumber'],
      [6, 'companyNumber'],
      [7, undefined],
    ]);
    expect(parsed.errors.map((e) => e.message)).toEqual([
      'Enter the company number as 8 digits, or 2 letters and 6 digits, like 01234567 or SC123456, or leave it empty',
      'Company number 01234567 is also on row 2: give each organisation one row',
      'This row has 2 values but the first row names 6 columns: check for a missing or extra comma',
    ]);
  });

  const header =
    'name,companyNumber,entityType,financialYearEnd,turnover,contactName,contactEmail,addressLine1,town,postcode';
  it.each([
    { row: ',,company,03-31,,,,,,', column: 'name', says: 'Enter the organisation’s name' },
    {
      row: 'A Ltd,,plc,03-31,,,,,,',
      column: 'entityType',
      says: 'Enter one of: company, llp, limited_partnership',
    },
    { row: 'A Ltd,,company,31/03,,,,,,', column: 'financialYearEnd', says: 'as MM-DD, like 03-31' },
    { row: 'A Ltd,,company,02-30,,,,,,', column: 'financialYearEnd', says: '02-30 is not a day of the year' },
    {
      row: 'A Ltd,,company,03-31,£50m,,,,,',
      column: 'turnover',
      says: 'Enter one of: Not provided; Under £36 million',
    },
    { row: 'A Ltd,,company,03-31,,Ann,ann@,,,', column: 'contactEmail', says: 'like name@example.com' },
    { row: 'A Ltd,,company,03-31,,,,1 High St,,AB1 2CD', column: 'town', says: 'Enter the town or city' },
  ])('says what is wrong with a bad $column in plain words, naming the column', ({ row, column, says }) => {
    const parsed = parseImportCsv(`${header}\n${row}\n`);
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatchObject({ line: 2, column });
    expect(parsed.errors[0]?.message).toContain(says);
    // No validator wording and no internal field paths.
    expect(parsed.errors[0]?.message).not.toMatch(/invalid|expected|registeredAddress|string|enum/i);
  });

  it('reads the contact and address columns into the organisation, and leaves them out when empty', () => {
    const parsed = parseImportCsv(
      `${header}\nA Ltd,01234567,company,03-31,,Ann Smith,ann@a.example,1 High St,Leeds,LS1 1AA\nB Ltd,,llp,12-31,,,,,,\n`,
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0]?.row).toMatchObject({
      contactName: 'Ann Smith',
      contactEmail: 'ann@a.example',
      registeredAddress: { addressLine1: '1 High St', town: 'Leeds', postcode: 'LS1 1AA' },
    });
    expect(parsed.rows[1]?.row).not.toHaveProperty('registeredAddress');
    expect(parsed.rows[1]?.row.contactName).toBeUndefined();
  });

  it.each([
    ['', 'The file is empty'],
    ['name,companyNumber\nA,1\n', 'these columns are missing: entityType, financialYearEnd, turnover'],
    [
      'name,companyNumber,entityType,financialYearEnd,turnover\n"unclosed,1,company,03-31,\n',
      'could not be read as CSV from this row on',
    ],
  ])('refuses a whole file that cannot be read (%#)', (text, message) => {
    const parsed = parseImportCsv(text);
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors[0]?.message).toContain(message);
  });
});
