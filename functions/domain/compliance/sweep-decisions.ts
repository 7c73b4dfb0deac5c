import type { SweepStats } from '../../../schemas/compliance.ts';
import { declarationExcusesYear, type OutOfScopeStatus } from '../../../schemas/out-of-scope.ts';
import {
  dueYears,
  isLate,
  type ReportingOrganisation,
  type ReportingYear,
  upcomingYear,
} from './reporting-years.ts';

/** A statement that covers an organisation's year: its own, or a group statement naming it. */
export interface Coverage {
  year: number;
  statementId: string;
  /** When the statement was first submitted. */
  receivedAt: string;
  /** The statement's own deadline: its period end + six months. */
  deadline: string;
  /** Set when the statement is a group statement of another organisation that names this one. */
  viaGroupOf?: string | undefined;
  /** The statement's sectors (coverage recorded before sectors were kept has none). */
  sectors?: readonly string[] | undefined;
}

/**
 * The organisation's sectors as far as the register knows them: those of the latest statement
 * covering one of its years that named any (its own before a group's), or none.
 */
export function knownSectors(coverage: readonly Coverage[]): string[] {
  const latest = coverage
    .filter((entry) => (entry.sectors?.length ?? 0) > 0)
    .sort(
      (a, b) =>
        Number(a.viaGroupOf !== undefined) - Number(b.viaGroupOf !== undefined) ||
        b.year - a.year ||
        b.receivedAt.localeCompare(a.receivedAt),
    )[0];
  return [...(latest?.sectors ?? [])];
}

/**
 * What the sweep has already done for an organisation and year: `missing` (flag raised and overdue
 * notice queued together), `late`, `reminder`.
 */
export type SweepMarkKind = 'missing' | 'late' | 'reminder';
export const markOf = (kind: SweepMarkKind, year: number) => `${kind}#${year}`;

export interface SweptOrganisation extends ReportingOrganisation {
  id: string;
  name: string;
  inScope: boolean;
}

export interface OrganisationState {
  organisation: SweptOrganisation;
  /** Every statement known to cover a year (several when a group statement also names it). */
  coverage: readonly Coverage[];
  /** Years the organisation declared itself out of scope for, and whether an officer challenged it. */
  outOfScope: ReadonlyMap<number, OutOfScopeStatus>;
  /** The marks of what earlier sweeps (or reactors) already raised: `markOf(kind, year)`. */
  marks: ReadonlySet<string>;
}

export interface LateDecision {
  year: number;
  statementId: string;
  receivedAt: string;
  deadline: string;
}

export interface SweepDecision {
  /** Years with no statement after the deadline: raise `missing` and queue an overdue notice. */
  missing: ReportingYear[];
  /** Years whose statement arrived after its deadline: raise `late`. */
  late: LateDecision[];
  /** A deadline coming up with no statement yet: queue a reminder. */
  reminders: ReportingYear[];
  /** Due years the sweep looked at (out-of-scope declarations excluded). */
  yearsChecked: number;
}

export const REMINDER_DAYS = 30;

/** A sweep's figures before it starts. */
export const emptySweepStats = (): SweepStats => ({
  organisations: 0,
  yearsChecked: 0,
  missingRaised: 0,
  lateRaised: 0,
  remindersQueued: 0,
  readUnits: 0,
  writeUnits: 0,
});

const excused = (status: OutOfScopeStatus | undefined) =>
  status !== undefined && declarationExcusesYear(status);

/** Years the organisation must report on by `today`, less those it declared out of scope (unchallenged). */
export function expectedYears(state: Pick<OrganisationState, 'organisation' | 'outOfScope'>, today: string) {
  if (!state.organisation.inScope) return [];
  return dueYears(state.organisation, today).filter((entry) => !excused(state.outOfScope.get(entry.year)));
}

/** The earliest statement covering a year, if any. */
export function firstCoverage(coverage: readonly Coverage[], year: number): Coverage | undefined {
  return coverage
    .filter((entry) => entry.year === year)
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))[0];
}

/**
 * What the sweep should raise for one organisation on `today` (ISO date). Pure: the caller has
 * read the organisation's partition and resolved any statement whose status it did not know.
 * Only what is not marked yet is returned, so a second run on the same data raises nothing.
 */
export function decideSweep(
  state: OrganisationState,
  today: string,
  reminderDays = REMINDER_DAYS,
): SweepDecision {
  const decision: SweepDecision = { missing: [], late: [], reminders: [], yearsChecked: 0 };
  if (!state.organisation.inScope) return decision;
  for (const entry of expectedYears(state, today)) {
    decision.yearsChecked += 1;
    const covered = firstCoverage(state.coverage, entry.year);
    if (!covered) {
      if (!state.marks.has(markOf('missing', entry.year))) decision.missing.push(entry);
      continue;
    }
    if (isLate(covered.receivedAt, covered.deadline) && !state.marks.has(markOf('late', entry.year))) {
      decision.late.push({
        year: entry.year,
        statementId: covered.statementId,
        receivedAt: covered.receivedAt,
        deadline: covered.deadline,
      });
    }
  }
  const upcoming = upcomingYear(state.organisation, today, reminderDays);
  if (
    upcoming &&
    !excused(state.outOfScope.get(upcoming.year)) &&
    !firstCoverage(state.coverage, upcoming.year) &&
    !state.marks.has(markOf('reminder', upcoming.year))
  ) {
    decision.reminders.push(upcoming);
  }
  return decision;
}
