import type { Finding } from '../../../schemas/check-result.ts';
import type { NoticeKind, OutboxMessage } from '../../../schemas/compliance.ts';
import type { Flag, FlagFinding, FlagType, ReportReason } from '../../../schemas/flag.ts';
import type { CheckSummary } from '../../../schemas/statement-summary.ts';
import { flagIds, noticeIds } from './flag-ids.ts';
import { raisedEntry } from './flag-workflow.ts';
import { composeNotice } from './notices.ts';
import type { ReportingYear } from './reporting-years.ts';
import type { LateDecision } from './sweep-decisions.ts';

/** Where officers see the evidence behind a flag. */
export function flagLinks(organisationId: string, statementId?: string) {
  return {
    organisation: `/organisations/${organisationId}`,
    ...(statementId
      ? { statement: `/statements/${statementId}`, findings: `/statements/${statementId}#findings` }
      : {}),
  };
}

const longDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
export const formatDay = (isoDate: string) => longDate.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));

interface Subject {
  id: string;
  name: string;
}

function base(
  id: string,
  type: FlagType,
  organisation: Subject,
  year: number | null,
  at: string,
  note: string,
  by = 'system',
): Flag {
  return {
    id,
    type,
    status: 'open',
    organisationId: organisation.id,
    organisationName: organisation.name,
    year,
    sectors: [],
    links: flagLinks(organisation.id),
    assignee: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
    history: [raisedEntry(at, by, note)],
  };
}

/** `sectors`: the organisation's sectors when known (from its statements), for the queue's sector filter. */
export function missingFlag(
  organisation: Subject,
  entry: ReportingYear,
  at: string,
  sectors: readonly string[] = [],
): Flag {
  return {
    ...base(
      flagIds.missing(organisation.id, entry.year),
      'missing',
      organisation,
      entry.year,
      at,
      `No statement for the financial year ending ${formatDay(entry.periodEnd)}; it was due by ${formatDay(entry.deadline)}.`,
    ),
    sectors: [...sectors],
    deadline: entry.deadline,
  };
}

export function lateFlag(
  organisation: Subject,
  late: LateDecision,
  at: string,
  sectors: string[] = [],
): Flag {
  return {
    ...base(
      flagIds.late(organisation.id, late.year),
      'late',
      organisation,
      late.year,
      at,
      `The statement for ${late.year} was submitted on ${formatDay(late.receivedAt)}, after its deadline of ${formatDay(late.deadline)}.`,
    ),
    statementId: late.statementId,
    sectors,
    deadline: late.deadline,
    receivedAt: late.receivedAt,
    links: flagLinks(organisation.id, late.statementId),
  };
}

export interface CheckedStatement {
  id: string;
  organisationId: string;
  organisationName: string;
  year: number;
  revision: number;
  sectors: string[];
}

/** A flag the checker raises on one checked revision. */
export type CheckerFlagType = 'legal_minimum' | 'weak' | 'not_determined';

const CHECKER_FLAG_ID: Record<CheckerFlagType, (statementId: string, revision: number) => string> = {
  legal_minimum: flagIds.legalMinimum,
  weak: flagIds.weak,
  not_determined: flagIds.notDetermined,
};

/** The id of a checker flag on one revision. */
export const checkerFlagId = (type: CheckerFlagType, statementId: string, revision: number) =>
  CHECKER_FLAG_ID[type](statementId, revision);

/**
 * What a check summary says of the checker's flags on its revision: the kinds it raises, and the
 * kinds it no longer supports (resolved on earlier revisions, or when a review changes it).
 */
export function checkerFlagsOf(summary: CheckSummary): {
  raised: CheckerFlagType[];
  cleared: CheckerFlagType[];
} {
  const raised: CheckerFlagType[] = [];
  const cleared: CheckerFlagType[] = [];
  if (summary.meetsLegalMinimum === false) raised.push('legal_minimum');
  if (summary.meetsLegalMinimum === true) cleared.push('legal_minimum');
  for (const rating of ['weak', 'not_determined'] as const)
    (summary.rating === rating ? raised : cleared).push(rating);
  return { raised, cleared };
}

/** The findings behind a checker flag of each kind. */
export const FINDINGS_BEHIND: Record<CheckerFlagType, (finding: Finding) => boolean> = {
  legal_minimum: (f) => f.severity === 'legal' && f.status === 'fail',
  weak: (f) => f.status === 'fail' || f.status === 'warn',
  // Why it could not be rated: the findings the checker could not tell.
  not_determined: (f) => f.certainty === 'unclear',
};

function checkerFlagNote(type: CheckerFlagType, revision: number, findings: FlagFinding[]): string {
  if (type === 'weak') return `Revision ${revision} is rated weak.`;
  if (type === 'not_determined')
    return `Revision ${revision} could not be rated: read it and review its findings.${findings[0] ? ` ${findings[0].message}` : ''}`;
  return findings.length > 0
    ? `Revision ${revision} fails ${findings.length === 1 ? 'a legal rule' : `${findings.length} legal rules`}: ${findings.map((f) => f.rule).join(', ')}.`
    : `Revision ${revision} does not meet the legal minimum.`;
}

/**
 * `legal_minimum` (a legal rule fails), `weak` (the rating) or `not_determined` (the checker
 * could not rate it: a person has to read it) for one checked revision.
 */
export function checkerFlag(
  type: CheckerFlagType,
  statement: CheckedStatement,
  findings: FlagFinding[],
  at: string,
): Flag {
  const id = checkerFlagId(type, statement.id, statement.revision);
  const note = checkerFlagNote(type, statement.revision, findings);
  return {
    ...base(
      id,
      type,
      { id: statement.organisationId, name: statement.organisationName },
      statement.year,
      at,
      note,
    ),
    statementId: statement.id,
    revision: statement.revision,
    sectors: statement.sectors,
    findings,
    confidence: flagConfidence(findings),
    links: flagLinks(statement.organisationId, statement.id),
  };
}

/**
 * How sure the checker is of a checker flag: the lowest confidence among the findings behind it
 * (a finding without one counts as sure, 1). The officers' queue can list the least sure first.
 */
export function flagConfidence(findings: readonly FlagFinding[]): number {
  return findings.reduce((lowest, finding) => Math.min(lowest, finding.confidence ?? 1), 1);
}

export const REPORT_REASON_LABELS: Record<ReportReason, string> = {
  broken_link: 'The link to the statement does not work',
  wrong_organisation: 'The statement is filed under the wrong organisation',
  other: 'Something else is wrong',
};

export function reportFlag(
  id: string,
  statement: Omit<CheckedStatement, 'revision'>,
  report: { reason: ReportReason; details?: string | undefined },
  at: string,
): Flag {
  const note = report.details
    ? `${REPORT_REASON_LABELS[report.reason]}: ${report.details}`
    : REPORT_REASON_LABELS[report.reason];
  return {
    ...base(
      id,
      'report',
      { id: statement.organisationId, name: statement.organisationName },
      statement.year,
      at,
      note,
      'public',
    ),
    statementId: statement.id,
    sectors: statement.sectors,
    reason: report.reason,
    ...(report.details ? { details: report.details } : {}),
    links: flagLinks(statement.organisationId, statement.id),
  };
}

export function manualFlag(
  id: string,
  subject: {
    organisationId: string;
    organisationName: string;
    year: number | null;
    statementId?: string | undefined;
    sectors?: string[];
  },
  note: string,
  by: string,
  at: string,
  assignee: string | null = null,
): Flag {
  return {
    ...base(
      id,
      'manual',
      { id: subject.organisationId, name: subject.organisationName },
      subject.year,
      at,
      note,
      by,
    ),
    ...(subject.statementId ? { statementId: subject.statementId } : {}),
    sectors: subject.sectors ?? [],
    assignee,
    links: flagLinks(subject.organisationId, subject.statementId),
  };
}

export function notice(
  kind: NoticeKind,
  organisation: Subject,
  entry: ReportingYear,
  at: string,
  baseUrl = '',
): OutboxMessage {
  const words = composeNotice(
    kind,
    {
      organisationName: organisation.name,
      year: entry.year,
      periodEnd: entry.periodEnd,
      deadline: entry.deadline,
    },
    baseUrl,
  );
  return {
    id:
      kind === 'reminder'
        ? noticeIds.reminder(organisation.id, entry.year)
        : noticeIds.overdue(organisation.id, entry.year),
    kind,
    organisationId: organisation.id,
    organisationName: organisation.name,
    year: entry.year,
    deadline: entry.deadline,
    status: 'pending',
    recipients: [],
    subject: words.subject,
    body: words.body,
    createdAt: at,
    sentAt: null,
  };
}
