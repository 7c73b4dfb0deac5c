import { createHash } from 'node:crypto';
import { companyNumberSchema } from '../../../schemas/common.ts';
import { COUNTRY_CODES } from '../../../schemas/countries.ts';
import type { ENTITY_TYPES } from '../../../schemas/registry-options.ts';
import {
  AUDIT_OPTIONS,
  ENGAGEMENT_OPTIONS,
  GRIEVANCE_OPTIONS,
  ILO_INDICATORS,
  POLICY_OPTIONS,
  REMEDIATION_OPTIONS,
  RISK_GROUPS,
  RISK_LOCATIONS,
  RISK_TIERS,
  SECTORS,
  TRAINING_OPTIONS,
  TURNOVER_BANDS,
  YEARS_PRODUCING,
} from '../../../schemas/registry-options.ts';
import { LIMITS, type StoredDocument, storedDocumentSchema } from '../../../schemas/submission.ts';
import { normaliseName } from '../names.ts';

type EntityType = (typeof ENTITY_TYPES)[number];

import type { GovRow } from './gov-csv.ts';

/** One statement of the government registry, as the register will hold it. */
export interface GovStatement {
  /** The registry's own statement id (StatementId), kept as the source reference. */
  sourceId: string;
  file: string;
  line: number;
  organisation: { name: string; companyNumber: string | null; entityType: EntityType };
  document: StoredDocument;
  /** The registry's page for the statement, when the file gives it. */
  summaryUrl: string | null;
  approvingPerson: string | null;
  /** What is compared on the next import: a changed row makes a new revision. */
  contentHash: string;
}

export interface GovIssue {
  file: string;
  line: number;
  sourceId?: string | undefined;
  message: string;
}

const fold = (value: string) =>
  value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

function matcher<const T extends readonly string[]>(options: T): (label: string) => T[number] | undefined {
  const byFolded = new Map(options.map((option) => [fold(option), option] as const));
  return (label) => byFolded.get(fold(label));
}

/** A multi-valued cell: the registry joins values with line breaks (older files: "|" or ";"). */
const values = (cell: string | undefined) =>
  (cell ?? '')
    .split(/\r?\n|\|/)
    .map((value) => value.trim())
    .filter((value) => value.length > 0);

const YES = new Set(['yes', 'true', 'y', '1']);
const NO = new Set(['no', 'false', 'n', '0']);
function yesNo(cell: string | undefined): boolean | undefined {
  const value = fold(cell ?? '');
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  return undefined;
}

/** The registry writes dates as dd/MM/yyyy (sometimes with a time), or ISO; anything else is refused. */
export function govDate(cell: string | undefined): string | undefined {
  const value = (cell ?? '').trim();
  let y: number;
  let m: number;
  let d: number;
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(value);
  if (uk) [d, m, y] = [Number(uk[1]), Number(uk[2]), Number(uk[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  if (y < 2015 || y > 2100) return undefined;
  return date.toISOString().slice(0, 10);
}

const clip = (value: string | undefined, max: number) => {
  const trimmed = (value ?? '').trim();
  if (!trimmed) return undefined;
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1)}…`;
};

const COUNTRY_BY_NAME = (() => {
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  const map = new Map<string, (typeof COUNTRY_CODES)[number]>();
  for (const code of COUNTRY_CODES) {
    const name = names.of(code);
    if (name) map.set(fold(name), code);
    map.set(fold(code), code);
  }
  map.set(fold('United Kingdom of Great Britain and Northern Ireland'), 'GB');
  map.set(fold('United States of America'), 'US');
  map.set(fold('Viet Nam'), 'VN');
  return map;
})();

/** Options from the registry's list; labels not on it are described under "Other" where the list has it. */
function chosen<const T extends readonly string[]>(
  options: T,
  cell: string | undefined,
  none: boolean | undefined,
): { picked: T[number][] | undefined; other: string | undefined } {
  if (none) return { picked: (options.includes('None') ? ['None'] : []) as T[number][], other: undefined };
  const match = matcher(options);
  const picked = new Set<T[number]>();
  const unknown: string[] = [];
  for (const value of values(cell)) {
    const option = match(value);
    if (option && option !== 'None') picked.add(option);
    else if (!option) unknown.push(value);
  }
  if (unknown.length > 0 && options.includes('Other')) picked.add('Other' as T[number]);
  if (picked.size === 0) return { picked: undefined, other: undefined };
  return { picked: [...picked], other: picked.has('Other' as T[number]) ? unknown.join('; ') : undefined };
}

function entityTypeOf(sectorType: string | undefined, companyNumber: string | null): EntityType {
  const type = fold(sectorType ?? '');
  if (type.startsWith('public')) return 'public_body';
  if (type.startsWith('charit') || type.includes('voluntary')) return 'charity';
  return companyNumber ? 'company' : 'other';
}

function companyNumberOf(cell: string | undefined): string | null {
  const raw = (cell ?? '').replace(/\s+/g, '').toUpperCase();
  if (!raw) return null;
  // Spreadsheets drop company numbers' leading zeros: 1234567 is 01234567.
  const padded = /^\d{1,8}$/.test(raw) ? raw.padStart(8, '0') : raw;
  return companyNumberSchema.safeParse(padded).data ?? null;
}

/** "Ann Smith (Director)", "Ann Smith, Director", "Ann Smith - Director": the sign-off, when it reads as one. */
function signatoryOf(cell: string | undefined): StoredDocument['signatory'] {
  const value = (cell ?? '').trim();
  if (!value) return null;
  const parts =
    /^(.+?)\s*\((.+)\)$/.exec(value) ??
    /^(.+?)\s*,\s*(.+)$/.exec(value) ??
    /^(.+?)\s+[-–]\s+(.+)$/.exec(value);
  if (!parts) return null;
  const names = parts[1]!.trim().split(/\s+/);
  const jobTitle = parts[2]!.trim();
  if (names.length < 2) return null;
  const firstName = names.slice(0, -1).join(' ');
  const lastName = names.at(-1)!;
  if ([firstName, lastName, jobTitle].some((field) => field.length > LIMITS.signatoryField)) return null;
  return { firstName, lastName, jobTitle };
}

function webAddressOf(cell: string | undefined): string | null {
  let value = (cell ?? '').trim();
  if (!value) return null;
  if (/^www\./i.test(value)) value = `https://${value}`;
  return storedDocumentSchema.shape.statementUrl.safeParse(value).data ?? null;
}

const AREA_COLUMNS = [
  ['structure', 'StatementIncludesOrgStructure', 'NoOrgStructureReason'],
  ['policies', 'StatementIncludesPolicies', 'NoPoliciesReason'],
  ['riskAssessment', 'StatementIncludesRisksAssessment', 'NoRiskAssessmentReason'],
  ['dueDiligence', 'StatementIncludesDueDiligence', 'NoDueDiligenceReason'],
  ['training', 'StatementIncludesTraining', 'NoTrainingReason'],
  ['kpis', 'StatementIncludesGoals', 'NoGoalsReason'],
] as const;

/** The key that ties a file's rows to one statement: the registry's StatementId, else year and parent. */
export function sourceKeyOf(row: GovRow): string {
  const id = row.values.StatementId?.trim();
  if (id) return id;
  const parent = row.values.ParentName || row.values.OrganisationName || '';
  return `${row.values.StatementYear ?? ''}:${normaliseName(parent)}:${row.values.StatementURL ?? ''}`;
}

/**
 * One statement from its rows: the first row whose organisation is the parent carries the answers;
 * the other rows (the registry repeats a group statement once per member) name the group members.
 */
export function govStatementOf(rows: GovRow[]): GovStatement | GovIssue {
  const first = rows[0]!;
  const sourceId = sourceKeyOf(first);
  const issue = (message: string): GovIssue => ({ file: first.file, line: first.line, sourceId, message });
  const parentName = first.values.ParentName?.trim();
  const main =
    rows.find(
      (row) => parentName && normaliseName(row.values.OrganisationName ?? '') === normaliseName(parentName),
    ) ?? first;
  const v = main.values;
  const name = clip(v.OrganisationName, 250);
  if (!name) return issue('the row has no OrganisationName');
  const periodStart = govDate(v.StatementStartDate);
  const periodEnd = govDate(v.StatementEndDate);
  const approvalDate = govDate(v.DateApproved);
  if (!periodStart) return issue(`StatementStartDate "${v.StatementStartDate ?? ''}" is not a date`);
  if (!periodEnd) return issue(`StatementEndDate "${v.StatementEndDate ?? ''}" is not a date`);
  if (periodEnd <= periodStart) return issue('StatementEndDate is not after StatementStartDate');
  if (!approvalDate) return issue(`DateApproved "${v.DateApproved ?? ''}" is not a date`);

  const companyNumber = companyNumberOf(v.CompanyNumber);
  const members = new Map<string, { name: string; companyNumber: string | null }>();
  const numbers = new Set<string>();
  for (const row of rows) {
    if (row === main) continue;
    const memberName = clip(row.values.OrganisationName, LIMITS.memberName);
    if (!memberName || normaliseName(memberName) === normaliseName(name)) continue;
    const key = normaliseName(memberName);
    if (members.has(key)) continue;
    let number = companyNumberOf(row.values.CompanyNumber);
    if (number && numbers.has(number)) number = null;
    if (number) numbers.add(number);
    members.set(key, { name: memberName, companyNumber: number });
  }
  const isGroup = yesNo(v.GroupSubmission) === true || members.size > 0;

  const sectors = chosen(SECTORS, v.OrganisationSectors, false);
  const sectorsOther = [sectors.other, v.OtherOrganisationSector].filter(Boolean).join('; ');
  const sectorList = sectors.picked ?? ['Other'];
  const turnover = matcher(TURNOVER_BANDS)(v.Turnover ?? '') ?? 'Not provided';
  const yearsProducing = matcher(YEARS_PRODUCING)(v.YearsProducingStatements ?? '') ?? 'Not provided';

  const policies = chosen(POLICY_OPTIONS, v.Policies, yesNo(v.NoPolicies));
  const training = chosen(TRAINING_OPTIONS, v.Training, yesNo(v.NoTraining));
  const engagement = chosen(ENGAGEMENT_OPTIONS, v.WorkingConditionsEngagement, yesNo(v.NoEngagement));
  const audits = chosen(AUDIT_OPTIONS, v.SocialAudits, yesNo(v.NoSocialAudits));
  const grievance = chosen(GRIEVANCE_OPTIONS, v.GrievanceMechanisms, yesNo(v.NoGrievanceMechanisms));
  const ilo = chosen(ILO_INDICATORS, v.ILOIndicatorsInStatement, yesNo(v.NoILOIndicatorsInStatement));
  const remediation = chosen(REMEDIATION_OPTIONS, v.ILOIndicatorsActions, yesNo(v.ILOIndicatorsNoActions));
  const risks = [1, 2, 3].flatMap((n) => {
    const description = clip(v[`Risk${n}`], LIMITS.riskDescription);
    if (!description) return [];
    const area = v[`Risk${n}Area`] ?? '';
    const location = matcher(RISK_LOCATIONS)(area);
    const tiers = chosen(RISK_TIERS, v[`Risk${n}SupplyChainTier`], false).picked;
    const groups = chosen(RISK_GROUPS, v[`Risk${n}GroupAffected`], false).picked;
    const countries = [
      ...new Set(values(v[`Risk${n}Location`]).flatMap((c) => COUNTRY_BY_NAME.get(fold(c)) ?? [])),
    ];
    return [
      {
        description,
        location: location ?? 'Other',
        ...(location ? {} : { locationOther: clip(area, LIMITS.summaryOther) ?? 'Not stated' }),
        ...(tiers ? { supplyChainTiers: tiers } : {}),
        ...(groups ? { affectedGroups: groups } : {}),
        ...(countries.length ? { countries } : {}),
        ...(clip(v[`Risk${n}Mitigation`], LIMITS.riskActions)
          ? { actions: clip(v[`Risk${n}Mitigation`], LIMITS.riskActions) }
          : {}),
      },
    ];
  });
  const noRisks = yesNo(v.NoRisks) === true && risks.length === 0;

  const summary = Object.fromEntries(
    Object.entries({
      policies: policies.picked,
      policiesOther: clip([policies.other, v.OtherPolicies].filter(Boolean).join('; '), LIMITS.summaryOther),
      training: training.picked,
      trainingOther: clip([training.other, v.OtherTraining].filter(Boolean).join('; '), LIMITS.summaryOther),
      engagement: engagement.picked,
      audits: audits.picked,
      grievance: grievance.picked,
      otherMonitoring: clip(v.OtherMonitoring, LIMITS.freeText),
      risks: risks.length ? risks : undefined,
      noRisksIdentified: noRisks || undefined,
      iloIndicators: ilo.picked,
      iloIndicatorsOther: clip(ilo.other, LIMITS.summaryOther),
      remediation: remediation.picked,
      remediationOther: clip(remediation.other, LIMITS.summaryOther),
      progress: clip(v.DemonstrateProgress, LIMITS.freeText),
    }).filter(([, value]) => value !== undefined),
  );
  // "Other" needs its description and a description needs "Other": keep the two in step.
  for (const [list, other] of [
    ['policies', 'policiesOther'],
    ['training', 'trainingOther'],
    ['iloIndicators', 'iloIndicatorsOther'],
    ['remediation', 'remediationOther'],
  ] as const) {
    const picked = summary[list] as string[] | undefined;
    if (picked?.includes('Other') && !summary[other]) summary[other] = 'Not described';
    if (!picked?.includes('Other')) delete summary[other];
  }

  const statementUrl = webAddressOf(v.StatementURL);
  const contactEmail = statementUrl
    ? null
    : (storedDocumentSchema.shape.contactEmail.safeParse((v.StatementEmail ?? '').trim() || null).data ??
      null);
  const areas = Object.fromEntries(
    AREA_COLUMNS.map(([key, covered, reason]) => {
      const isCovered = yesNo(v[covered]) === true;
      const why = isCovered ? undefined : clip(v[reason], LIMITS.areaReason);
      return [key, { covered: isCovered, ...(why ? { reason: why } : {}) }];
    }),
  );
  const candidate = {
    jurisdiction: 'UK',
    isGroup,
    ...(isGroup ? { groupMembers: [...members.values()].slice(0, LIMITS.groupMembers) } : {}),
    statementUrl,
    contactEmail,
    periodStart,
    periodEnd,
    // The registry records who approved it and when, not by which body.
    approvedBy: 'other',
    approvalDate,
    signatory: signatoryOf(v.ApprovingPerson),
    areas,
    sectors: sectorList,
    ...(sectorList.includes('Other')
      ? { sectorsOther: clip(sectorsOther, LIMITS.sectorOther) ?? 'Not stated in the government registry' }
      : {}),
    turnover,
    yearsProducing,
    ...(Object.keys(summary).length ? { summary } : {}),
  };
  const parsed = storedDocumentSchema.safeParse(candidate);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return issue(`the row cannot be read as a statement: ${first?.path.join('.')}: ${first?.message}`);
  }
  const organisation = {
    name,
    companyNumber,
    entityType: entityTypeOf(v.SectorType, companyNumber),
  };
  const summaryUrl = webAddressOf(v.StatementSummaryURL);
  const approvingPerson = clip(v.ApprovingPerson, 250) ?? null;
  const contentHash = createHash('sha256')
    .update(JSON.stringify([organisation, parsed.data, summaryUrl, approvingPerson]))
    .digest('base64url');
  return {
    sourceId,
    file: main.file,
    line: main.line,
    organisation,
    document: parsed.data,
    summaryUrl,
    approvingPerson,
    contentHash,
  };
}

/** What reading the files found: statements (one per source id, the last file's wins), and what was refused. */
export interface GovReading {
  statements: GovStatement[];
  issues: GovIssue[];
  rows: number;
  duplicateRows: number;
}

/**
 * Groups every file's rows by statement (rows of one statement need not be adjacent), drops rows
 * repeated exactly, and reads each statement. A statement in two files is taken from the later one.
 */
export async function readGovStatements(rows: AsyncIterable<GovRow>): Promise<GovReading> {
  const groups = new Map<string, GovRow[]>();
  const seen = new Set<string>();
  let count = 0;
  let duplicateRows = 0;
  for await (const row of rows) {
    count++;
    const fingerprint = JSON.stringify(Object.entries(row.values).sort(([a], [b]) => a.localeCompare(b)));
    if (seen.has(fingerprint)) {
      duplicateRows++;
      continue;
    }
    seen.add(fingerprint);
    const key = sourceKeyOf(row);
    const group = groups.get(key);
    if (group && group[0]!.file !== row.file) groups.set(key, [row]);
    else if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const statements: GovStatement[] = [];
  const issues: GovIssue[] = [];
  for (const group of groups.values()) {
    const read = govStatementOf(group);
    if ('document' in read) statements.push(read);
    else issues.push(read);
  }
  return { statements, issues, rows: count, duplicateRows };
}
