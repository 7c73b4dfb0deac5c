import { parse } from 'csv-parse';
import { cleanFreeText } from '../../../schemas/free-text.ts';

/**
 * The columns of the UK government registry's yearly CSV files (uk-registry-fields.md). Only
 * OrganisationName, StatementStartDate and StatementEndDate must be in the header; any other column
 * may be missing (older files lack the summary questions, and the email column has had two names).
 */
export const GOV_COLUMNS = [
  'StatementYear',
  'StatementId',
  'OrganisationName',
  'Address',
  'SectorType',
  'CompanyNumber',
  'LastUpdated',
  'GroupSubmission',
  'ParentName',
  'StatementURL',
  'StatementEmail',
  'StatementSummaryURL',
  'StatementStartDate',
  'StatementEndDate',
  'ApprovingPerson',
  'DateApproved',
  'StatementIncludesOrgStructure',
  'NoOrgStructureReason',
  'StatementIncludesPolicies',
  'NoPoliciesReason',
  'StatementIncludesRisksAssessment',
  'NoRiskAssessmentReason',
  'StatementIncludesDueDiligence',
  'NoDueDiligenceReason',
  'StatementIncludesTraining',
  'NoTrainingReason',
  'StatementIncludesGoals',
  'NoGoalsReason',
  'OrganisationSectors',
  'OtherOrganisationSector',
  'Turnover',
  'YearsProducingStatements',
  'Policies',
  'OtherPolicies',
  'NoPolicies',
  'Training',
  'OtherTraining',
  'NoTraining',
  'WorkingConditionsEngagement',
  'NoEngagement',
  'SocialAudits',
  'NoSocialAudits',
  'GrievanceMechanisms',
  'NoGrievanceMechanisms',
  'OtherMonitoring',
  'NoRisks',
  ...[1, 2, 3].flatMap((n) => [
    `Risk${n}`,
    `Risk${n}Area`,
    `Risk${n}SupplyChainTier`,
    `Risk${n}GroupAffected`,
    `Risk${n}OtherGroupAffected`,
    `Risk${n}Location`,
    `Risk${n}Mitigation`,
  ]),
  'ILOIndicatorsInStatement',
  'NoILOIndicatorsInStatement',
  'ILOIndicatorsActions',
  'ILOIndicatorsNoActions',
  'DemonstrateProgress',
] as const;

export const REQUIRED_GOV_COLUMNS = ['OrganisationName', 'StatementStartDate', 'StatementEndDate'] as const;

/** Other names the registry has used for a column, read as the documented one. */
const COLUMN_ALIASES: Record<string, string> = {
  EmailAddressNoURL: 'StatementEmail',
  StatementNoOrgStructureReason: 'NoOrgStructureReason',
  StatementNoPoliciesReason: 'NoPoliciesReason',
  StatementNoRisksAssessmentReason: 'NoRiskAssessmentReason',
  StatementNoDueDiligenceReason: 'NoDueDiligenceReason',
  StatementNoTrainingReason: 'NoTrainingReason',
  StatementNoGoalsReason: 'NoGoalsReason',
};

/** One CSV record by column name (every value a trimmed string; a missing column reads as ""), with its first line. */
export interface GovRow {
  line: number;
  file: string;
  values: Record<string, string>;
}

export class GovCsvHeaderError extends Error {}

/**
 * Reads one of the registry's files record by record (RFC 4180: quoted commas and line breaks
 * inside fields, a byte-order mark, CRLF or LF), without holding the file in memory.
 */
export async function* readGovCsv(input: NodeJS.ReadableStream, file: string): AsyncGenerator<GovRow> {
  const parser = input.pipe(
    parse({
      bom: true,
      columns: (header: string[]) => {
        const names = header.map((name) => {
          const trimmed = name.trim();
          return COLUMN_ALIASES[trimmed] ?? trimmed;
        });
        const missing = REQUIRED_GOV_COLUMNS.filter((name) => !names.includes(name));
        if (missing.length > 0) {
          throw new GovCsvHeaderError(
            `${file}: not a file of the government registry: the header has no ${missing.join(', ')} column`,
          );
        }
        return names;
      },
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }),
  );
  let previousEnd = 1;
  for await (const record of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    const values: Record<string, string> = {};
    for (const [name, value] of Object.entries(record.record))
      values[name] = cleanFreeText((value ?? '').replace(/\r\n?/g, '\n')).trim();
    yield { line: previousEnd + 1, file, values };
    previousEnd = record.info.lines;
  }
}
