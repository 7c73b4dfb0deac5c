import type { ComplianceSummary, LegalMinimum, SweepRun } from '../../../schemas/compliance.ts';
import { FLAG_STATUSES, FLAG_TYPES, type FlagStatus, type FlagType } from '../../../schemas/flag.ts';
import { declarationExcusesYear, type OutOfScopeStatus } from '../../../schemas/out-of-scope.ts';
import { SECTORS } from '../../../schemas/registry-options.ts';
import { isOutstanding } from './flag-workflow.ts';
import { daysBetween, FIRST_REPORTING_YEAR, firstReportingYear } from './reporting-years.ts';

/**
 * The dashboard's figures are counters kept up to date change by change (never by scanning):
 * each item that matters contributes some counts, and a change adds `contribution(new) −
 * contribution(old)`. Counters live in groups: `orgs` (in-scope organisations by first
 * reporting year), `openFlags` (outstanding flags by the day they were raised) and `year:<Y>`
 * (statements, declarations, flags and check outcomes of reporting year Y).
 */
export type Counts = Record<string, number>;
export type Contribution = Record<string, Counts>;

export const counterGroups = {
  organisations: 'orgs',
  openFlags: 'openFlags',
  year: (year: number) => `year:${year}`,
} as const;

export const counterNames = {
  firstYear: (year: number) => `first:${year}`,
  openSince: (day: string) => `open:${day}`,
  received: 'received',
  outOfScope: 'outOfScope',
  flags: (type: FlagType, status: FlagStatus) => `flags:${type}:${status}`,
  legal: (outcome: LegalOutcome) => `legal:${outcome}`,
  legalBySector: (outcome: LegalOutcome, sector: string) => `legal:${outcome}:${sector}`,
} as const;

export type LegalOutcome = 'pass' | 'fail' | 'unknown';

function add(contribution: Contribution, group: string, name: string, by = 1): void {
  const counts = contribution[group] ?? {};
  counts[name] = (counts[name] ?? 0) + by;
  contribution[group] = counts;
}

export interface CountedOrganisation {
  inScope?: boolean | undefined;
  createdAt: string;
  financialYearEnd: string;
}

export function organisationContribution(organisation: CountedOrganisation | undefined): Contribution {
  const contribution: Contribution = {};
  if (organisation && organisation.inScope !== false) {
    add(contribution, counterGroups.organisations, counterNames.firstYear(firstReportingYear(organisation)));
  }
  return contribution;
}

export interface CountedStatement {
  status: string;
  year: number;
  sectors: readonly string[];
  check: { meetsLegalMinimum: boolean | null } | null;
}

/** Sector labels outside the registry's list (free text) count under "Other". */
export function sectorLabel(sector: string): string {
  return (SECTORS as readonly string[]).includes(sector) ? sector : 'Other';
}

export function statementContribution(statement: CountedStatement | undefined): Contribution {
  const contribution: Contribution = {};
  if (statement?.status !== 'submitted') return contribution;
  const group = counterGroups.year(statement.year);
  add(contribution, group, counterNames.received);
  if (statement.check) {
    const outcome: LegalOutcome =
      statement.check.meetsLegalMinimum === true
        ? 'pass'
        : statement.check.meetsLegalMinimum === false
          ? 'fail'
          : 'unknown';
    add(contribution, group, counterNames.legal(outcome));
    for (const sector of new Set(statement.sectors.map(sectorLabel))) {
      add(contribution, group, counterNames.legalBySector(outcome, sector));
    }
  }
  return contribution;
}

export interface CountedFlag {
  type: FlagType;
  status: FlagStatus;
  year: number | null;
  createdAt: string;
}

export function flagContribution(flag: CountedFlag | undefined): Contribution {
  const contribution: Contribution = {};
  if (!flag) return contribution;
  if (flag.year !== null)
    add(contribution, counterGroups.year(flag.year), counterNames.flags(flag.type, flag.status));
  if (isOutstanding(flag.status)) {
    add(contribution, counterGroups.openFlags, counterNames.openSince(flag.createdAt.slice(0, 10)));
  }
  return contribution;
}

export interface CountedDeclaration {
  year: number;
  status: OutOfScopeStatus;
}

/** A declaration counts while it excuses its year (declared, or accepted by an officer). */
export function declarationContribution(declaration: CountedDeclaration | undefined): Contribution {
  const contribution: Contribution = {};
  if (declaration && declarationExcusesYear(declaration.status)) {
    add(contribution, counterGroups.year(declaration.year), counterNames.outOfScope);
  }
  return contribution;
}

/** after − before, without the counters that do not change. */
export function delta(before: Contribution, after: Contribution): Contribution {
  const result: Contribution = {};
  for (const group of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const names = new Set([...Object.keys(before[group] ?? {}), ...Object.keys(after[group] ?? {})]);
    for (const name of names) {
      const change = (after[group]?.[name] ?? 0) - (before[group]?.[name] ?? 0);
      if (change !== 0) add(result, group, name, change);
    }
  }
  return result;
}

export const AGE_BUCKETS = [
  { label: 'Up to 7 days', minDays: 0, maxDays: 7 },
  { label: '8 to 30 days', minDays: 8, maxDays: 30 },
  { label: '31 to 90 days', minDays: 31, maxDays: 90 },
  { label: '91 to 365 days', minDays: 91, maxDays: 365 },
  { label: 'Over a year', minDays: 366, maxDays: null },
] as const;

function legalMinimum(counts: Counts, name: (outcome: LegalOutcome) => string): LegalMinimum {
  const pass = Math.max(0, counts[name('pass')] ?? 0);
  const fail = Math.max(0, counts[name('fail')] ?? 0);
  const unknown = Math.max(0, counts[name('unknown')] ?? 0);
  const total = pass + fail + unknown;
  return { pass, fail, unknown, passRate: total === 0 ? null : pass / total };
}

/** The dashboard's figures for `year`, from the counter groups (missing groups count as zero). */
export function buildSummary(
  counters: Readonly<Record<string, Counts>>,
  year: number,
  today: string,
  lastSweep: SweepRun | null,
): ComplianceSummary {
  const orgs = counters[counterGroups.organisations] ?? {};
  const inScopeIn = (y: number) => {
    let total = 0;
    for (let first = FIRST_REPORTING_YEAR; first <= y; first++)
      total += orgs[counterNames.firstYear(first)] ?? 0;
    const declared = counters[counterGroups.year(y)]?.[counterNames.outOfScope] ?? 0;
    return Math.max(0, total - declared);
  };
  const yearCounts = counters[counterGroups.year(year)] ?? {};
  const flags = Object.fromEntries(
    FLAG_TYPES.map((type) => {
      let raised = 0;
      let outstanding = 0;
      for (const status of FLAG_STATUSES) {
        const n = Math.max(0, yearCounts[counterNames.flags(type, status)] ?? 0);
        raised += n;
        if (isOutstanding(status)) outstanding += n;
      }
      return [type, { raised, outstanding }];
    }),
  ) as ComplianceSummary['flags'];
  const lastYear = Math.max(year, Number(today.slice(0, 4)));
  const years = [];
  for (let y = FIRST_REPORTING_YEAR; y <= lastYear; y++) {
    years.push({
      year: y,
      organisationsInScope: inScopeIn(y),
      statementsReceived: Math.max(0, counters[counterGroups.year(y)]?.[counterNames.received] ?? 0),
    });
  }
  const open = counters[counterGroups.openFlags] ?? {};
  const openFlagsByAge = AGE_BUCKETS.map((bucket) => ({ ...bucket, count: 0 }));
  for (const [name, n] of Object.entries(open)) {
    if (!name.startsWith('open:') || n <= 0) continue;
    const age = Math.max(0, daysBetween(name.slice(5), today));
    const bucket = openFlagsByAge.find((b) => age >= b.minDays && (b.maxDays === null || age <= b.maxDays));
    if (bucket) bucket.count += n;
  }
  const bySector = SECTORS.map((sector) => ({
    sector,
    ...legalMinimum(yearCounts, (outcome) => counterNames.legalBySector(outcome, sector)),
  })).filter((row) => row.pass + row.fail + row.unknown > 0);
  return {
    year,
    organisationsInScope: inScopeIn(year),
    statementsReceived: Math.max(0, yearCounts[counterNames.received] ?? 0),
    declaredOutOfScope: Math.max(0, yearCounts[counterNames.outOfScope] ?? 0),
    flags,
    legalMinimum: legalMinimum(yearCounts, counterNames.legal),
    bySector,
    years,
    openFlagsByAge,
    lastSweep: lastSweep
      ? {
          id: lastSweep.id,
          status: lastSweep.status,
          startedAt: lastSweep.startedAt ?? lastSweep.requestedAt,
          finishedAt: lastSweep.finishedAt,
        }
      : null,
  };
}
