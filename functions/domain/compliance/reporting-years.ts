/**
 * Which financial years an organisation must report on, and when each statement is due.
 *
 * - A statement's reporting `year` is the calendar year in which its period ends (api.md).
 * - For an organisation with financial year end MM-DD, the period of reporting year Y ends on
 *   Y-MM-DD (29 February falls back to 28 February in other years).
 * - The deadline is six months after the period end, on the same day of the month or the
 *   month's last day when it has fewer days (31 March → 30 September).
 * - The law applies to financial years ending on or after 31 March 2016.
 * - The register expects statements from the later of 2016 and the year the organisation was
 *   added to the register (its `createdAt`): it does not chase years before it knew of it.
 * - A year counts once its deadline has passed: the day after the deadline, the sweep expects it.
 */

export const LAW_FIRST_PERIOD_END = '2016-03-31';
export const FIRST_REPORTING_YEAR = 2016;
export const DEADLINE_MONTHS = 6;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The ISO date (YYYY-MM-DD) a financial year ending `MM-DD` ends in reporting year `year`. */
export function periodEndFor(year: number, financialYearEnd: string): string {
  const [month, day] = financialYearEnd.split('-').map(Number) as [number, number];
  const realDay = month === 2 && day === 29 && !isLeap(year) ? 28 : day;
  return `${pad(year, 4)}-${pad(month)}-${pad(realDay)}`;
}

/** `months` calendar months after an ISO date, clamped to the last day of the target month. */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const targetDay = Math.min(day, daysIn(targetYear, targetMonth));
  return `${pad(targetYear, 4)}-${pad(targetMonth)}-${pad(targetDay)}`;
}

/** The filing deadline for a period ending on `periodEnd`: six months later. */
export function deadlineFor(periodEnd: string): string {
  return addMonths(periodEnd, DEADLINE_MONTHS);
}

/** The ISO date of a timestamp or date, in UTC. */
export function dayOf(timestamp: string | Date): string {
  return (typeof timestamp === 'string' ? new Date(timestamp) : timestamp).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (ISO dates or timestamps); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${dayOf(from)}T00:00:00Z`);
  const b = Date.parse(`${dayOf(to)}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

export interface ReportingOrganisation {
  financialYearEnd: string;
  createdAt: string;
}

/** The first reporting year the register expects a statement for. */
export function firstReportingYear(organisation: ReportingOrganisation): number {
  let year = Math.max(FIRST_REPORTING_YEAR, new Date(organisation.createdAt).getUTCFullYear());
  while (periodEndFor(year, organisation.financialYearEnd) < LAW_FIRST_PERIOD_END) year += 1;
  return year;
}

export interface ReportingYear {
  year: number;
  periodEnd: string;
  deadline: string;
}

export function reportingYear(year: number, financialYearEnd: string): ReportingYear {
  const periodEnd = periodEndFor(year, financialYearEnd);
  return { year, periodEnd, deadline: deadlineFor(periodEnd) };
}

/** Every year the organisation owed a statement for whose deadline has passed by `today` (ISO date). */
export function dueYears(organisation: ReportingOrganisation, today: string): ReportingYear[] {
  const years: ReportingYear[] = [];
  for (let year = firstReportingYear(organisation); ; year++) {
    const entry = reportingYear(year, organisation.financialYearEnd);
    if (entry.deadline >= today) break;
    years.push(entry);
  }
  return years;
}

/** The next year whose deadline falls within `withinDays` days from `today` (inclusive), if any. */
export function upcomingYear(
  organisation: ReportingOrganisation,
  today: string,
  withinDays: number,
): ReportingYear | undefined {
  const horizon = addDays(today, withinDays);
  for (let year = firstReportingYear(organisation); year <= Number(today.slice(0, 4)) + 2; year++) {
    const entry = reportingYear(year, organisation.financialYearEnd);
    if (entry.deadline < today) continue;
    return entry.deadline <= horizon ? entry : undefined;
  }
  return undefined;
}

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whether a statement first submitted at `receivedAt` missed the deadline (the whole deadline day is allowed). */
export function isLate(receivedAt: string, deadline: string): boolean {
  return dayOf(receivedAt) > deadline;
}
