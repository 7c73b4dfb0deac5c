import * as z from 'zod';
import { normaliseName } from '../functions/domain/names.ts';
import { companyNumberSchema, isoDateSchema } from './common.ts';
import { COUNTRY_CODES } from './countries.ts';
import { freeText, lineText } from './free-text.ts';
import {
  AREA_KEYS,
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
} from './registry-options.ts';

/**
 * The submission document: every question of the UK government's registry
 * (uk-registry-fields.md) under the names of api.md, with the registry's validation rules.
 *
 * - `submissionDocumentSchema`: a complete document, as needed to submit.
 * - `submissionDraftSchema`: a draft; every answer may still be missing, but any answer given is
 *   checked (the period is required from the start: it decides the reporting year).
 * - Rules relative to today (dates in the past, approval not in the future) need a clock:
 *   `submissionDocumentSchemaAt(today)` / `submissionDraftSchemaAt(today)` add them.
 */

export const LIMITS = {
  url: 1024,
  email: 254,
  signatoryField: 50,
  areaReason: 200,
  sectorOther: 128,
  summaryOther: 256,
  riskDescription: 500,
  riskActions: 500,
  freeText: 5000,
  memberName: 250,
  groupMembers: 2000,
  statementText: 100_000,
} as const;

const text = (max: number, what: string) =>
  freeText({ message: `${what} must be text` })
    .trim()
    .max(max, `${what} must be ${max.toLocaleString('en-GB')} characters or fewer`);

const requiredText = (max: number, what: string) => text(max, what).min(1, `Enter ${what.toLowerCase()}`);

/** A one-line answer (a name, a job title): line breaks and tabs become spaces. */
const line = (max: number, what: string) =>
  lineText({ message: `${what} must be text` })
    .trim()
    .max(max, `${what} must be ${max.toLocaleString('en-GB')} characters or fewer`);

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

const webAddress = (what: string) =>
  freeText({ message: `${what} must be text` })
    .trim()
    .max(LIMITS.url, `${what} must be ${LIMITS.url.toLocaleString('en-GB')} characters or fewer`)
    .refine(isWebAddress, `${what} must be a full web address, like https://www.example.com/statement`);

/** A multi-select answer: options from the registry's list, each once, "None" on its own. */
function multiSelect<const T extends readonly [string, ...string[]]>(options: T, what: string) {
  return z
    .array(z.enum(options, { message: `Choose ${what.toLowerCase()} from the list` }))
    .max(options.length)
    .superRefine((values, ctx) => {
      const seen = new Set<string>();
      values.forEach((value, index) => {
        if (seen.has(value))
          ctx.addIssue({ code: 'custom', path: [index], message: `“${value}” is chosen twice` });
        seen.add(value);
      });
      if (values.includes('None' as T[number]) && values.length > 1) {
        ctx.addIssue({
          code: 'custom',
          path: [],
          message: `“None” cannot be combined with other ${what.toLowerCase()}`,
        });
      }
    });
}

export const approvedBySchema = z.enum(['board', 'members', 'other']);
export const signatoryRoleSchema = z.enum([
  'director',
  'designated_member',
  'general_partner',
  'partner',
  'other',
]);

export const groupMemberSchema = z.object({
  name: line(LIMITS.memberName, 'The member organisation’s name').min(
    1,
    'Enter the member organisation’s name',
  ),
  companyNumber: companyNumberSchema.nullable().optional(),
});

export const signatorySchema = z.object({
  firstName: line(LIMITS.signatoryField, 'First name').optional(),
  lastName: line(LIMITS.signatoryField, 'Last name').optional(),
  jobTitle: line(LIMITS.signatoryField, 'Job title').optional(),
  role: signatoryRoleSchema.optional(),
});

export const areaAnswerSchema = z.object({
  covered: z.boolean({ message: 'Say whether the statement covers this area' }),
  reason: text(LIMITS.areaReason, 'The reason').nullable().optional(),
});

const areasShape = Object.fromEntries(AREA_KEYS.map((key) => [key, areaAnswerSchema])) as Record<
  (typeof AREA_KEYS)[number],
  typeof areaAnswerSchema
>;
export const areasSchema = z.object(areasShape);
export const areasDraftSchema = areasSchema.partial();

export const riskSchema = z.object({
  description: requiredText(LIMITS.riskDescription, 'The description of the risk'),
  location: z.enum(RISK_LOCATIONS, { message: 'Choose where the risk arises' }),
  locationOther: text(LIMITS.summaryOther, 'Where the risk arises').optional(),
  supplyChainTiers: multiSelect(RISK_TIERS, 'supply chain tiers').optional(),
  affectedGroups: multiSelect(RISK_GROUPS, 'groups affected').optional(),
  countries: z
    .array(z.enum(COUNTRY_CODES, { message: 'Choose a country by its ISO 3166 code, like GB' }))
    .max(COUNTRY_CODES.length)
    .optional(),
  actions: text(LIMITS.riskActions, 'The actions taken').optional(),
});

export const summarySchema = z.object({
  policies: multiSelect(POLICY_OPTIONS, 'policies').optional(),
  policiesOther: text(LIMITS.summaryOther, 'The other policy').optional(),
  training: multiSelect(TRAINING_OPTIONS, 'training').optional(),
  trainingOther: text(LIMITS.summaryOther, 'The other training').optional(),
  engagement: multiSelect(ENGAGEMENT_OPTIONS, 'engagement').optional(),
  audits: multiSelect(AUDIT_OPTIONS, 'social audits').optional(),
  grievance: multiSelect(GRIEVANCE_OPTIONS, 'grievance mechanisms').optional(),
  otherMonitoring: text(LIMITS.freeText, 'Other monitoring').optional(),
  risks: z.array(riskSchema).optional(),
  noRisksIdentified: z.boolean().optional(),
  iloIndicators: multiSelect(ILO_INDICATORS, 'indicators').optional(),
  iloIndicatorsOther: text(LIMITS.summaryOther, 'The other indicator').optional(),
  remediation: multiSelect(REMEDIATION_OPTIONS, 'remediation').optional(),
  remediationOther: text(LIMITS.summaryOther, 'The other remediation').optional(),
  progress: text(LIMITS.freeText, 'Demonstrating progress').optional(),
});

/** Every answer, each checked on its own; the rules that join answers come after. */
const fieldsShape = {
  jurisdiction: z.literal('UK', { message: 'Only UK statements can be submitted' }).optional(),
  isGroup: z.boolean({ message: 'Say whether this is a group statement' }),
  groupMembers: z
    .array(groupMemberSchema)
    .max(LIMITS.groupMembers, `List at most ${LIMITS.groupMembers} member organisations`)
    .optional(),
  statementUrl: webAddress('The statement’s web address').nullable().optional(),
  contactEmail: z
    .email({ message: 'Enter an email address in the correct format, like name@example.com' })
    .max(LIMITS.email, `The email address must be ${LIMITS.email} characters or fewer`)
    .nullable()
    .optional(),
  homepageUrl: webAddress('The homepage address').nullable().optional(),
  periodStart: isoDateSchema,
  periodEnd: isoDateSchema,
  approvedBy: approvedBySchema,
  approvalDate: isoDateSchema,
  signatory: signatorySchema.nullable().optional(),
  areas: areasSchema,
  sectors: multiSelect(SECTORS, 'sectors').min(1, 'Choose at least one sector'),
  sectorsOther: text(LIMITS.sectorOther, 'The other sector').optional(),
  turnover: z.enum(TURNOVER_BANDS, { message: 'Choose the turnover from the list' }),
  yearsProducing: z.enum(YEARS_PRODUCING, { message: 'Choose how long you have produced statements' }),
  summary: summarySchema.optional(),
  statementText: freeText()
    .max(
      LIMITS.statementText,
      `The statement text must be ${LIMITS.statementText.toLocaleString('en-GB')} characters or fewer; upload the file instead`,
    )
    .optional(),
};

export const submissionFieldsSchema = z.object(fieldsShape);

/** The same answers with everything but the period still to come. */
export const submissionDraftFieldsSchema = z.object({
  ...fieldsShape,
  isGroup: fieldsShape.isGroup.optional(),
  approvedBy: fieldsShape.approvedBy.optional(),
  approvalDate: fieldsShape.approvalDate.optional(),
  areas: areasDraftSchema.optional(),
  sectors: multiSelect(SECTORS, 'sectors').optional(),
  turnover: fieldsShape.turnover.optional(),
  yearsProducing: fieldsShape.yearsProducing.optional(),
});

type DraftFields = z.infer<typeof submissionDraftFieldsSchema>;

export interface Issue {
  path: (string | number)[];
  message: string;
}

/** Adds calendar months to a YYYY-MM-DD date, clamping the day (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** The rules that join answers. `complete` adds the ones only a submission must meet. */
export function crossFieldIssues(doc: DraftFields, complete: boolean): Issue[] {
  const issues: Issue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });

  // Group or single.
  const members = doc.groupMembers ?? [];
  if (doc.isGroup === false && members.length > 0) {
    add(['groupMembers'], 'List member organisations only for a group statement');
  }
  if (doc.isGroup === true && complete && members.length === 0) {
    add(['groupMembers'], 'List every organisation the group statement covers');
  }
  const names = new Map<string, number>();
  const numbers = new Map<string, number>();
  members.forEach((member, index) => {
    const name = normaliseName(member.name);
    if (name && names.has(name)) add(['groupMembers', index, 'name'], `“${member.name}” is listed twice`);
    else names.set(name, index);
    if (member.companyNumber) {
      if (numbers.has(member.companyNumber)) {
        add(
          ['groupMembers', index, 'companyNumber'],
          `Company number ${member.companyNumber} is listed twice`,
        );
      } else numbers.set(member.companyNumber, index);
    }
  });

  // Where the statement is: a URL or, without a website, an email; not both.
  if (doc.statementUrl && doc.contactEmail) {
    add(['contactEmail'], 'Give the statement’s web address or a contact email, not both');
  } else if (complete && !doc.statementUrl && !doc.contactEmail) {
    add(['statementUrl'], 'Enter the statement’s web address, or a contact email if you have no website');
  }

  // Period: start before end, 12 to 18 months.
  if (doc.periodStart && doc.periodEnd) {
    if (doc.periodEnd <= doc.periodStart) {
      add(['periodEnd'], 'The end date must be after the start date');
    } else {
      const shortest = addDays(addMonths(doc.periodStart, 12), -1);
      const longest = addDays(addMonths(doc.periodStart, 18), -1);
      if (doc.periodEnd < shortest) add(['periodEnd'], 'The period must be at least 12 months');
      else if (doc.periodEnd > longest) add(['periodEnd'], 'The period must be no longer than 18 months');
    }
  }

  // Sign-off: all three names or none; approved on or after the period's end.
  const signatory = doc.signatory;
  if (signatory) {
    const given = (['firstName', 'lastName', 'jobTitle'] as const).filter((name) => signatory[name]);
    if (given.length > 0 && given.length < 3) {
      const labels = { firstName: 'first name', lastName: 'last name', jobTitle: 'job title' };
      for (const name of ['firstName', 'lastName', 'jobTitle'] as const) {
        if (!signatory[name]) {
          add(['signatory', name], `Enter the ${labels[name]} too, or leave the name and job title empty`);
        }
      }
    }
    if (given.length === 0 && signatory.role) {
      add(['signatory', 'role'], 'Give the signatory’s name and job title with their role');
    }
  }
  if (doc.approvalDate && doc.periodEnd && doc.approvalDate < doc.periodEnd) {
    add(['approvalDate'], 'The approval date must be the same as or after the end of the period');
  }

  // The six areas: a reason only for an area not covered.
  for (const key of AREA_KEYS) {
    const area = doc.areas?.[key];
    if (area?.covered && area.reason)
      add(['areas', key, 'reason'], 'Give a reason only when the area is not covered');
  }

  // "Other" needs its description, and a description needs "Other".
  const other = (
    chosen: readonly string[] | undefined,
    description: string | undefined,
    path: (string | number)[],
    what: string,
  ) => {
    const ticked = chosen?.includes('Other') ?? false;
    if (ticked && !description) add(path, `Describe the other ${what}`);
    if (!ticked && description) add(path, `Choose “Other” to describe another ${what}`);
  };
  other(doc.sectors, doc.sectorsOther, ['sectorsOther'], 'sector');
  const summary = doc.summary;
  if (summary) {
    other(summary.policies, summary.policiesOther, ['summary', 'policiesOther'], 'policy');
    other(summary.training, summary.trainingOther, ['summary', 'trainingOther'], 'training');
    other(summary.iloIndicators, summary.iloIndicatorsOther, ['summary', 'iloIndicatorsOther'], 'indicator');
    other(summary.remediation, summary.remediationOther, ['summary', 'remediationOther'], 'remediation');
    const risks = summary.risks ?? [];
    if (risks.length > 3) add(['summary', 'risks'], 'List at most three risks');
    if (risks.length > 0 && summary.noRisksIdentified) {
      add(
        ['summary', 'noRisksIdentified'],
        'Either list the risks or say no risks were identified, not both',
      );
    }
    risks.forEach((risk, index) => {
      other(
        risk.location === 'Other' ? ['Other'] : [],
        risk.locationOther,
        ['summary', 'risks', index, 'locationOther'],
        'place the risk arises',
      );
      const seen = new Set<string>();
      (risk.countries ?? []).forEach((country, position) => {
        if (seen.has(country))
          add(['summary', 'risks', index, 'countries', position], `${country} is listed twice`);
        seen.add(country);
      });
    });
  }
  return issues;
}

/** The rules relative to today (YYYY-MM-DD, UTC): dates in the past, approval not in the future. */
export function datedIssues(doc: DraftFields, today: string): Issue[] {
  const issues: Issue[] = [];
  if (doc.periodStart && doc.periodStart >= today) {
    issues.push({ path: ['periodStart'], message: 'The start date must be in the past' });
  }
  if (doc.periodEnd && doc.periodEnd >= today) {
    issues.push({ path: ['periodEnd'], message: 'The end date must be in the past' });
  }
  if (doc.approvalDate && doc.approvalDate > today) {
    issues.push({ path: ['approvalDate'], message: 'The approval date must not be in the future' });
  }
  return issues;
}

/**
 * Adds the rules that join answers. They run even when some answers are invalid on their own (so
 * one answer names every problem), over just the answers that are valid on their own.
 */
function withRules<T extends z.ZodObject>(schema: T, complete: boolean, today?: () => string) {
  const shape = schema.shape as Record<string, z.ZodType>;
  const soundAnswers = (value: unknown): DraftFields => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {} as DraftFields;
    return Object.fromEntries(
      Object.entries(value).filter(([key, answer]) => shape[key]?.safeParse(answer).success ?? false),
    ) as DraftFields;
  };
  return schema.superRefine(
    (value, ctx) => {
      const doc = soundAnswers(value);
      for (const issue of crossFieldIssues(doc, complete)) ctx.addIssue({ code: 'custom', ...issue });
      if (today) for (const issue of datedIssues(doc, today())) ctx.addIssue({ code: 'custom', ...issue });
    },
    { when: (payload) => Boolean(payload.value) && typeof payload.value === 'object' },
  );
}

const utcToday = (now: () => Date) => () => now().toISOString().slice(0, 10);

/** A complete submission document (rules relative to today excluded; see submissionDocumentSchemaAt). */
export const submissionDocumentSchema = withRules(submissionFieldsSchema, true).meta({
  id: 'SubmissionDocument',
  description: 'A modern slavery statement as submitted: every question of the UK registry.',
});

/** A draft: any answer given is checked; only the period is required. */
export const submissionDraftSchema = withRules(submissionDraftFieldsSchema, false).meta({
  id: 'SubmissionDraft',
  description: 'A statement still being written: the same fields, any of them (but the period) missing.',
});

export const submissionDocumentSchemaAt = (now: () => Date) =>
  withRules(submissionFieldsSchema, true, utcToday(now));
export const submissionDraftSchemaAt = (now: () => Date) =>
  withRules(submissionDraftFieldsSchema, false, utcToday(now));

/** The media type of a Word document (.docx). */
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The archived copy of the statement's file (PDF, Word .docx or HTML), as the checker reads it. */
export const archivedFileSchema = z.object({
  key: z.string().min(1),
  contentType: z.enum(['application/pdf', DOCX_TYPE, 'text/html']),
  bytes: z.number().int().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: z.string().max(255).optional(),
  uploadedAt: z.iso.datetime().optional(),
});

/** What is stored with a revision: the submitter's answers plus the archived file, if any. */
export const storedDocumentSchema = submissionFieldsSchema.extend({
  archivedFile: archivedFileSchema.optional(),
});
export const storedDraftSchema = submissionDraftFieldsSchema.extend({
  archivedFile: archivedFileSchema.optional(),
});

export type SubmissionDocument = z.infer<typeof submissionFieldsSchema>;
export type SubmissionDraft = z.infer<typeof submissionDraftFieldsSchema>;
export type StoredDocument = z.infer<typeof storedDocumentSchema>;
export type StoredDraft = z.infer<typeof storedDraftSchema>;
export type ArchivedFile = z.infer<typeof archivedFileSchema>;
export type GroupMember = z.infer<typeof groupMemberSchema>;
export type Risk = z.infer<typeof riskSchema>;
export type AreaAnswer = z.infer<typeof areaAnswerSchema>;

/** The reporting year: the calendar year in which the period ends. */
export const reportingYear = (periodEnd: string) => Number(periodEnd.slice(0, 4));
