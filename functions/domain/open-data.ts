import type { CheckResult } from '../../schemas/check-result.ts';
import type { OpenDataCheck, OpenDataRow } from '../../schemas/open-data.ts';
import type { Revision } from '../../schemas/statement.ts';
import type { StatementSummary } from '../../schemas/statement-summary.ts';
import type { AreaAnswer } from '../../schemas/submission.ts';
import { toCsv } from './csv.ts';
import { publicStatement } from './public-statement.ts';

/** The rule ids of a check result, by outcome: what the open data lists beside the summary. */
export function openDataCheck(result: CheckResult): OpenDataCheck {
  const ids = (keep: (f: CheckResult['findings'][number]) => boolean) => [
    ...new Set(result.findings.filter(keep).map((f) => f.rule)),
  ];
  return {
    rulesVersion: result.rulesVersion,
    failedLegalRules: ids((f) => f.status === 'fail' && f.severity === 'legal'),
    failedRules: ids((f) => f.status === 'fail'),
    warnings: ids((f) => f.status === 'warn'),
  };
}

/** The open-data row of a statement's latest submitted revision. */
export function openDataRow(
  summary: StatementSummary,
  revision: Revision,
  checkResult: CheckResult | undefined,
): OpenDataRow {
  return {
    statement: publicStatement(summary, revision, summary.check),
    checkDetails: checkResult ? openDataCheck(checkResult) : null,
  };
}

const yesNo = (value: boolean | null | undefined) => (value === true ? 'Yes' : value === false ? 'No' : '');
const list = (values: readonly string[] | undefined) => (values ?? []).join('|');

const area = (answer: AreaAnswer | undefined) => yesNo(answer?.covered);
const reason = (answer: AreaAnswer | undefined) => (answer && !answer.covered ? (answer.reason ?? '') : '');

/**
 * The CSV columns, in order. Names the government registry's export uses are kept where the
 * meaning is the same (uk-registry-fields.md); ours follow. Multi-valued answers are joined with
 * "|" (option labels contain commas); risks are a JSON array.
 */
export const OPEN_DATA_COLUMNS: readonly { name: string; value: (row: OpenDataRow) => string | number }[] = [
  { name: 'StatementYear', value: ({ statement }) => statement.year },
  { name: 'StatementId', value: ({ statement }) => statement.id },
  { name: 'OrganisationName', value: ({ statement }) => statement.organisationName },
  { name: 'CompanyNumber', value: ({ statement }) => statement.companyNumber ?? '' },
  { name: 'GroupSubmission', value: ({ statement }) => yesNo(statement.isGroup) },
  { name: 'ParentName', value: ({ statement }) => (statement.isGroup ? statement.organisationName : '') },
  { name: 'StatementURL', value: ({ statement }) => statement.document.statementUrl ?? '' },
  { name: 'StatementEmail', value: ({ statement }) => statement.document.contactEmail ?? '' },
  { name: 'StatementStartDate', value: ({ statement }) => statement.periodStart },
  { name: 'StatementEndDate', value: ({ statement }) => statement.periodEnd },
  {
    name: 'ApprovingPerson',
    value: ({ statement }) => {
      const s = statement.document.signatory;
      const name = [s?.firstName, s?.lastName].filter(Boolean).join(' ');
      return [name, s?.jobTitle].filter(Boolean).join(', ');
    },
  },
  { name: 'DateApproved', value: ({ statement }) => statement.document.approvalDate },
  {
    name: 'StatementIncludesOrgStructure',
    value: ({ statement }) => area(statement.document.areas.structure),
  },
  {
    name: 'StatementNoOrgStructureReason',
    value: ({ statement }) => reason(statement.document.areas.structure),
  },
  { name: 'StatementIncludesPolicies', value: ({ statement }) => area(statement.document.areas.policies) },
  { name: 'StatementNoPoliciesReason', value: ({ statement }) => reason(statement.document.areas.policies) },
  {
    name: 'StatementIncludesRisksAssessment',
    value: ({ statement }) => area(statement.document.areas.riskAssessment),
  },
  {
    name: 'StatementNoRisksAssessmentReason',
    value: ({ statement }) => reason(statement.document.areas.riskAssessment),
  },
  {
    name: 'StatementIncludesDueDiligence',
    value: ({ statement }) => area(statement.document.areas.dueDiligence),
  },
  {
    name: 'StatementNoDueDiligenceReason',
    value: ({ statement }) => reason(statement.document.areas.dueDiligence),
  },
  { name: 'StatementIncludesTraining', value: ({ statement }) => area(statement.document.areas.training) },
  { name: 'StatementNoTrainingReason', value: ({ statement }) => reason(statement.document.areas.training) },
  { name: 'StatementIncludesGoals', value: ({ statement }) => area(statement.document.areas.kpis) },
  { name: 'StatementNoGoalsReason', value: ({ statement }) => reason(statement.document.areas.kpis) },
  { name: 'OrganisationSectors', value: ({ statement }) => list(statement.sectors) },
  { name: 'OtherSector', value: ({ statement }) => statement.document.sectorsOther ?? '' },
  { name: 'Turnover', value: ({ statement }) => statement.turnover ?? '' },
  { name: 'YearsProducingStatements', value: ({ statement }) => statement.document.yearsProducing },
  { name: 'Policies', value: ({ statement }) => list(statement.document.summary?.policies) },
  { name: 'PoliciesOther', value: ({ statement }) => statement.document.summary?.policiesOther ?? '' },
  { name: 'Training', value: ({ statement }) => list(statement.document.summary?.training) },
  { name: 'TrainingOther', value: ({ statement }) => statement.document.summary?.trainingOther ?? '' },
  {
    name: 'WorkingConditionsEngagement',
    value: ({ statement }) => list(statement.document.summary?.engagement),
  },
  { name: 'SocialAudits', value: ({ statement }) => list(statement.document.summary?.audits) },
  { name: 'GrievanceMechanisms', value: ({ statement }) => list(statement.document.summary?.grievance) },
  {
    name: 'OtherWorkConditionsMonitoring',
    value: ({ statement }) => statement.document.summary?.otherMonitoring ?? '',
  },
  {
    name: 'Risks',
    value: ({ statement }) => {
      const risks = statement.document.summary?.risks ?? [];
      return risks.length > 0 ? JSON.stringify(risks) : '';
    },
  },
  {
    name: 'NoRisksIdentified',
    value: ({ statement }) => yesNo(statement.document.summary?.noRisksIdentified),
  },
  {
    name: 'ForcedLabourIndicators',
    value: ({ statement }) => list(statement.document.summary?.iloIndicators),
  },
  {
    name: 'ForcedLabourIndicatorsOther',
    value: ({ statement }) => statement.document.summary?.iloIndicatorsOther ?? '',
  },
  { name: 'Remediation', value: ({ statement }) => list(statement.document.summary?.remediation) },
  { name: 'RemediationOther', value: ({ statement }) => statement.document.summary?.remediationOther ?? '' },
  { name: 'DemonstratingProgress', value: ({ statement }) => statement.document.summary?.progress ?? '' },
  { name: 'LastUpdated', value: ({ statement }) => statement.updatedAt },
  // The register's own columns.
  { name: 'OrganisationId', value: ({ statement }) => statement.organisationId },
  {
    name: 'GroupMembers',
    value: ({ statement }) =>
      statement.groupMembers
        .map((m) => (m.companyNumber ? `${m.name} (${m.companyNumber})` : m.name))
        .join('|'),
  },
  { name: 'HomepageURL', value: ({ statement }) => statement.document.homepageUrl ?? '' },
  { name: 'ApprovedBy', value: ({ statement }) => statement.document.approvedBy },
  { name: 'SignatoryRole', value: ({ statement }) => statement.document.signatory?.role ?? '' },
  { name: 'Revision', value: ({ statement }) => statement.revision },
  { name: 'SubmittedAt', value: ({ statement }) => statement.submittedAt ?? '' },
  { name: 'ArchivedCopy', value: ({ statement }) => statement.archivedCopy?.href ?? '' },
  { name: 'CheckMeetsLegalMinimum', value: ({ statement }) => yesNo(statement.check?.meetsLegalMinimum) },
  { name: 'CheckAreasCovered', value: ({ statement }) => statement.check?.areasCovered ?? '' },
  { name: 'CheckRating', value: ({ statement }) => statement.check?.rating ?? '' },
  { name: 'CheckRulesVersion', value: ({ checkDetails }) => checkDetails?.rulesVersion ?? '' },
  { name: 'CheckFailedLegalRules', value: ({ checkDetails }) => list(checkDetails?.failedLegalRules) },
  { name: 'CheckFailedRules', value: ({ checkDetails }) => list(checkDetails?.failedRules) },
  { name: 'CheckWarnings', value: ({ checkDetails }) => list(checkDetails?.warnings) },
];

export const OPEN_DATA_HEADER = OPEN_DATA_COLUMNS.map((column) => column.name);

export function openDataRecord(row: OpenDataRow): (string | number)[] {
  return OPEN_DATA_COLUMNS.map((column) => column.value(row));
}

/**
 * Version of the open-data line format (columns and their rendering). Lines are rendered when a
 * statement changes and stored; bump this when OPEN_DATA_COLUMNS change, so every statement's
 * lines are rendered again (the index fingerprint includes it).
 */
export const OPEN_DATA_VERSION = 1;

/** RFC 4180 options shared by the header and every record: CRLF line ends, quotes only where needed. */
const CSV_OPTIONS = { record_delimiter: 'windows' } as const;

export const OPEN_DATA_CSV_HEADER = toCsv([OPEN_DATA_HEADER], CSV_OPTIONS);

/** Media types of the downloads, wherever they are served from. */
export const OPEN_DATA_CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8; header=present',
  jsonl: 'application/x-ndjson; charset=utf-8',
} as const;

/**
 * A statement's open-data lines, rendered once when it changes: its CSV record (with its CRLF)
 * and its JSON line (the API's PublicStatement). Downloads concatenate stored lines.
 */
export function renderOpenDataLines(row: OpenDataRow): { csv: string; jsonl: string } {
  return {
    csv: toCsv([openDataRecord(row)], CSV_OPTIONS),
    jsonl: `${JSON.stringify(row.statement)}\n`,
  };
}
