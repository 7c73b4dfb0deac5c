import { countryCodeOf, countryName } from '../../../schemas/countries.ts';
import { AREA_KEYS, AREAS } from '../../../schemas/registry-options.ts';
import type { GroupMember, Risk, StoredDraft } from '../../../schemas/submission.ts';
import type { FieldError } from '../../domain/errors.ts';

/**
 * The submission journey's sections: what each page asks, how its form maps to the submission
 * document and back, and which field an error path belongs to. Pages are one question (or one
 * small group of questions) each, in the government registry's order.
 */
export type FormBody = Record<string, string | File | (string | File)[]>;
export type FormValues = Record<string, string | string[]>;

export type SectionSlug =
  | 'group'
  | 'members'
  | 'location'
  | 'period'
  | 'sign-off'
  | 'areas'
  | 'sectors'
  | 'turnover'
  | 'years'
  | 'summary'
  | 'risks'
  | 'outcomes'
  | 'document';

export interface Section {
  slug: SectionSlug;
  /** Task list and page heading. */
  title: string;
  optional: boolean;
  /** Top-level document fields the section answers (JSON paths start with these). */
  owns: string[];
}

export const SECTIONS: Section[] = [
  { slug: 'group', title: 'Group or single statement', optional: false, owns: ['isGroup'] },
  { slug: 'members', title: 'Organisations in the group', optional: false, owns: ['groupMembers'] },
  {
    slug: 'location',
    title: 'Where the statement is',
    optional: false,
    owns: ['statementUrl', 'contactEmail', 'homepageUrl'],
  },
  {
    slug: 'period',
    title: 'Period the statement covers',
    optional: false,
    owns: ['periodStart', 'periodEnd'],
  },
  {
    slug: 'sign-off',
    title: 'Approval and sign-off',
    optional: false,
    owns: ['approvedBy', 'approvalDate', 'signatory'],
  },
  { slug: 'areas', title: 'Areas the statement covers', optional: false, owns: ['areas'] },
  { slug: 'sectors', title: 'Sectors', optional: false, owns: ['sectors', 'sectorsOther'] },
  { slug: 'turnover', title: 'Turnover', optional: false, owns: ['turnover'] },
  { slug: 'years', title: 'Years producing statements', optional: false, owns: ['yearsProducing'] },
  {
    slug: 'summary',
    title: 'Policies, training and monitoring',
    optional: true,
    owns: [
      'summary/policies',
      'summary/policiesOther',
      'summary/training',
      'summary/trainingOther',
      'summary/engagement',
      'summary/audits',
      'summary/grievance',
      'summary/otherMonitoring',
    ],
  },
  {
    slug: 'risks',
    title: 'Modern slavery risks',
    optional: true,
    owns: ['summary/risks', 'summary/noRisksIdentified'],
  },
  {
    slug: 'outcomes',
    title: 'Indicators, remediation and progress',
    optional: true,
    owns: [
      'summary/iloIndicators',
      'summary/iloIndicatorsOther',
      'summary/remediation',
      'summary/remediationOther',
      'summary/progress',
    ],
  },
  {
    slug: 'document',
    title: 'Statement document',
    optional: true,
    owns: ['statementText', 'archivedFile', 'file'],
  },
];

export function sectionBySlug(slug: string): Section | undefined {
  return SECTIONS.find((section) => section.slug === slug);
}

/** The sections that apply: group members only for a group statement. */
export function sectionsFor(document: StoredDraft): Section[] {
  return SECTIONS.filter((section) => section.slug !== 'members' || document.isGroup === true);
}

/** Which section an error path ("/summary/risks/0/description") belongs to. */
export function sectionOfPath(path: string): Section | undefined {
  const bare = path.replace(/^\//, '');
  return SECTIONS.find((section) =>
    section.owns.some((owned) => bare === owned || bare.startsWith(`${owned}/`)),
  );
}

const RISK_FIELDS: Record<string, string> = {
  description: 'Description',
  location: 'Location',
  locationOther: 'LocationOther',
  supplyChainTiers: 'Tiers',
  affectedGroups: 'Groups',
  countries: 'Countries',
  actions: 'Actions',
};

/** The id of the form field an error path points at (the error summary links to it). */
export function fieldIdOfPath(path: string): string {
  const parts = path.replace(/^\//, '').split('/');
  const [first, second, third, fourth] = parts;
  switch (first) {
    case 'periodStart':
    case 'periodEnd':
    case 'approvalDate':
      return `${first}-day`;
    case 'signatory':
      return second ?? 'firstName';
    case 'areas':
      return third === 'reason' ? `${second}Reason` : (second ?? 'structure');
    case 'summary':
      if (second === 'risks') {
        if (third === undefined || !/^\d+$/.test(third)) return 'risk1Description';
        return `risk${Number(third) + 1}${RISK_FIELDS[fourth ?? 'description'] ?? 'Description'}`;
      }
      return second ?? 'policies';
    case 'archivedFile':
      return 'file';
    default:
      return first ?? '';
  }
}

/** Error messages for members name the line they are on. */
export function describeError(error: FieldError): string {
  const member = /^\/groupMembers\/(\d+)/.exec(error.path);
  if (member?.[1] !== undefined) return `Line ${Number(member[1]) + 1}: ${error.message}`;
  const risk = /^\/summary\/risks\/(\d+)/.exec(error.path);
  if (risk?.[1] !== undefined) return `Risk ${Number(risk[1]) + 1}: ${error.message}`;
  return error.message;
}

// ---------------------------------------------------------------------------------------------
// Reading forms

const text = (form: FormBody, name: string): string => {
  const value = form[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
};

const list = (form: FormBody, name: string): string[] => {
  const value = form[name];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string' && v !== '');
};

const optionalText = (form: FormBody, name: string) => text(form, name) || undefined;
const optionalList = (form: FormBody, name: string) => {
  const values = list(form, name);
  return values.length > 0 ? values : undefined;
};

/** A GOV.UK date input (name-day, name-month, name-year) → YYYY-MM-DD; the schema checks it is real. */
function dateFrom(form: FormBody, name: string, label: string, errors: FieldError[]): string | undefined {
  const day = text(form, `${name}-day`);
  const month = text(form, `${name}-month`);
  const year = text(form, `${name}-year`);
  if (!day && !month && !year) return undefined;
  if (!day || !month || !year) {
    errors.push({ path: `/${name}`, message: `${label} must include a day, month and year` });
    return undefined;
  }
  const real = (() => {
    if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return false;
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    return date.getUTCDate() === Number(day) && date.getUTCMonth() === Number(month) - 1;
  })();
  if (!real) {
    // Said in the form's own terms (day, month, year), never as YYYY-MM-DD.
    errors.push({ path: `/${name}`, message: `${label} must be a real date, like 31 3 2025` });
    return undefined;
  }
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

const yesNo = (value: string): boolean | undefined =>
  value === 'yes' ? true : value === 'no' ? false : undefined;

/** "Acme Retail Ltd | 01234567" per line → members. */
function membersFrom(value: string): GroupMember[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const [name = '', number] = line.split('|').map((part) => part.trim());
      return number ? { name, companyNumber: number.toUpperCase() } : { name };
    });
}

/** Countries by name, alias or code; every name not known is reported in one message for the field. */
function countriesFrom(value: string, path: string, errors: FieldError[]): string[] | undefined {
  const entries = value
    .split(/[,;\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return undefined;
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const entry of entries) {
    const code = countryCodeOf(entry);
    if (code) codes.push(code);
    else unknown.push(`“${entry}”`);
  }
  if (unknown.length > 0)
    errors.push({
      path,
      message: `${new Intl.ListFormat('en-GB').format(unknown)} ${unknown.length === 1 ? 'is not a country' : 'are not countries'} we know: use the country’s name, like Turkey or Myanmar, or its ISO code, like TR`,
    });
  return [...new Set(codes)];
}

type Patch = Partial<StoredDraft>;

/** Section form → the document fields it answers (undefined clears a field) and form-level errors. */
export function patchFromForm(
  slug: SectionSlug,
  form: FormBody,
  current: StoredDraft,
): { patch: Patch; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const summary = { ...(current.summary ?? {}) };
  const withSummary = (changes: Record<string, unknown>): Patch => {
    const merged: Record<string, unknown> = { ...summary, ...changes };
    for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
    return { summary: merged as StoredDraft['summary'] };
  };
  switch (slug) {
    case 'group': {
      const isGroup = yesNo(text(form, 'isGroup'));
      if (isGroup === undefined)
        errors.push({ path: '/isGroup', message: 'Select yes if this is a group statement' });
      return {
        patch: { isGroup, ...(isGroup === false ? { groupMembers: undefined } : {}) },
        errors,
      };
    }
    case 'members': {
      const members = membersFrom(text(form, 'groupMembers'));
      if (members.length === 0) {
        errors.push({ path: '/groupMembers', message: 'List every organisation the group statement covers' });
      }
      return { patch: { groupMembers: members.length > 0 ? members : undefined }, errors };
    }
    case 'location': {
      const where = text(form, 'where');
      if (where === 'url') {
        return {
          patch: {
            statementUrl: optionalText(form, 'statementUrl') ?? null,
            contactEmail: null,
            homepageUrl: optionalText(form, 'homepageUrl') ?? null,
          },
          errors: text(form, 'statementUrl')
            ? errors
            : [...errors, { path: '/statementUrl', message: 'Enter the web address of the statement' }],
        };
      }
      if (where === 'email') {
        return {
          patch: {
            statementUrl: null,
            contactEmail: optionalText(form, 'contactEmail') ?? null,
            homepageUrl: null,
          },
          errors: text(form, 'contactEmail')
            ? errors
            : [...errors, { path: '/contactEmail', message: 'Enter a contact email address' }],
        };
      }
      errors.push({ path: '/where', message: 'Select where the statement is published' });
      return { patch: {}, errors };
    }
    case 'period': {
      const periodStart = dateFrom(form, 'periodStart', 'The start date', errors);
      const periodEnd = dateFrom(form, 'periodEnd', 'The end date', errors);
      if (!periodStart && !errors.some((e) => e.path === '/periodStart')) {
        errors.push({ path: '/periodStart', message: 'Enter the date the period starts' });
      }
      if (!periodEnd && !errors.some((e) => e.path === '/periodEnd')) {
        errors.push({ path: '/periodEnd', message: 'Enter the date the period ends' });
      }
      return { patch: periodStart && periodEnd ? { periodStart, periodEnd } : {}, errors };
    }
    case 'sign-off': {
      const approvedBy = text(form, 'approvedBy');
      const approvalDate = dateFrom(form, 'approvalDate', 'The approval date', errors);
      const signatory = {
        firstName: optionalText(form, 'firstName'),
        lastName: optionalText(form, 'lastName'),
        jobTitle: optionalText(form, 'jobTitle'),
        role: optionalText(form, 'role') as NonNullable<StoredDraft['signatory']>['role'],
      };
      const anySignatory = Object.values(signatory).some((value) => value !== undefined);
      return {
        patch: {
          approvedBy: (approvedBy || undefined) as StoredDraft['approvedBy'],
          approvalDate,
          signatory: anySignatory
            ? (Object.fromEntries(
                Object.entries(signatory).filter(([, value]) => value !== undefined),
              ) as StoredDraft['signatory'])
            : undefined,
        },
        errors,
      };
    }
    case 'areas': {
      const areas: Record<string, { covered: boolean; reason?: string }> = {};
      for (const key of AREA_KEYS) {
        const covered = yesNo(text(form, key));
        if (covered === undefined) continue;
        const reason = optionalText(form, `${key}Reason`);
        areas[key] = covered ? { covered } : { covered, ...(reason ? { reason } : {}) };
      }
      return { patch: { areas: Object.keys(areas).length > 0 ? areas : undefined }, errors };
    }
    case 'sectors': {
      const sectors = list(form, 'sectors');
      const other = optionalText(form, 'sectorsOther');
      return {
        patch: {
          sectors: sectors as StoredDraft['sectors'],
          sectorsOther: sectors.includes('Other') ? other : undefined,
        },
        errors,
      };
    }
    case 'turnover':
      return {
        patch: { turnover: (optionalText(form, 'turnover') as StoredDraft['turnover']) ?? undefined },
        errors,
      };
    case 'years':
      return {
        patch: { yearsProducing: optionalText(form, 'yearsProducing') as StoredDraft['yearsProducing'] },
        errors,
      };
    case 'summary': {
      const policies = optionalList(form, 'policies');
      const training = optionalList(form, 'training');
      return {
        patch: withSummary({
          policies,
          policiesOther: policies?.includes('Other') ? optionalText(form, 'policiesOther') : undefined,
          training,
          trainingOther: training?.includes('Other') ? optionalText(form, 'trainingOther') : undefined,
          engagement: optionalList(form, 'engagement'),
          audits: optionalList(form, 'audits'),
          grievance: optionalList(form, 'grievance'),
          otherMonitoring: optionalText(form, 'otherMonitoring'),
        }),
        errors,
      };
    }
    case 'risks': {
      const risks: Record<string, unknown>[] = [];
      for (const n of [1, 2, 3]) {
        const prefix = `risk${n}`;
        const risk: Record<string, unknown> = {
          description: optionalText(form, `${prefix}Description`),
          location: optionalText(form, `${prefix}Location`),
          locationOther:
            text(form, `${prefix}Location`) === 'Other'
              ? optionalText(form, `${prefix}LocationOther`)
              : undefined,
          supplyChainTiers: optionalList(form, `${prefix}Tiers`),
          affectedGroups: optionalList(form, `${prefix}Groups`),
          countries: countriesFrom(
            text(form, `${prefix}Countries`),
            `/summary/risks/${risks.length}/countries`,
            errors,
          ),
          actions: optionalText(form, `${prefix}Actions`),
        };
        for (const [key, value] of Object.entries(risk)) if (value === undefined) delete risk[key];
        if (Object.keys(risk).length > 0) {
          risks.push({ description: '', location: undefined, ...risk });
        }
      }
      return {
        patch: withSummary({
          risks: risks.length > 0 ? (risks as Risk[]) : undefined,
          noRisksIdentified: text(form, 'noRisksIdentified') === 'yes' ? true : undefined,
        }),
        errors,
      };
    }
    case 'outcomes': {
      const iloIndicators = optionalList(form, 'iloIndicators');
      const remediation = optionalList(form, 'remediation');
      return {
        patch: withSummary({
          iloIndicators,
          iloIndicatorsOther: iloIndicators?.includes('Other')
            ? optionalText(form, 'iloIndicatorsOther')
            : undefined,
          remediation,
          remediationOther: remediation?.includes('Other')
            ? optionalText(form, 'remediationOther')
            : undefined,
          progress: optionalText(form, 'progress'),
        }),
        errors,
      };
    }
    case 'document': {
      const statementText = typeof form.statementText === 'string' ? form.statementText.trim() : '';
      return {
        patch: {
          statementText: statementText || undefined,
          ...(text(form, 'removeFile') === 'yes' ? { archivedFile: undefined } : {}),
        },
        errors,
      };
    }
  }
}

/** Applies a patch: keys set to undefined are removed. */
export function applyPatch(document: StoredDraft, patch: Patch): StoredDraft {
  const merged: Record<string, unknown> = { ...document, ...patch };
  for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
  return merged as StoredDraft;
}

// ---------------------------------------------------------------------------------------------
// Prefilling forms

const dateParts = (name: string, value: string | undefined): FormValues => {
  if (!value) return {};
  const [year = '', month = '', day = ''] = value.split('-');
  return {
    [`${name}-day`]: String(Number(day)),
    [`${name}-month`]: String(Number(month)),
    [`${name}-year`]: year,
  };
};

/** The document → the section's form values (the same shape as a posted form). */
export function formFromDocument(document: StoredDraft): FormValues {
  const values: FormValues = {};
  const set = (name: string, value: string | string[] | undefined | null) => {
    if (value !== undefined && value !== null) values[name] = value;
  };
  set('isGroup', document.isGroup === undefined ? undefined : document.isGroup ? 'yes' : 'no');
  set(
    'groupMembers',
    (document.groupMembers ?? [])
      .map((member) => (member.companyNumber ? `${member.name} | ${member.companyNumber}` : member.name))
      .join('\n'),
  );
  set('where', document.contactEmail ? 'email' : document.statementUrl ? 'url' : undefined);
  set('statementUrl', document.statementUrl);
  set('contactEmail', document.contactEmail);
  set('homepageUrl', document.homepageUrl);
  Object.assign(
    values,
    dateParts('periodStart', document.periodStart),
    dateParts('periodEnd', document.periodEnd),
  );
  set('approvedBy', document.approvedBy);
  Object.assign(values, dateParts('approvalDate', document.approvalDate));
  set('firstName', document.signatory?.firstName);
  set('lastName', document.signatory?.lastName);
  set('jobTitle', document.signatory?.jobTitle);
  set('role', document.signatory?.role);
  for (const key of AREA_KEYS) {
    const area = document.areas?.[key];
    if (area) {
      set(key, area.covered ? 'yes' : 'no');
      set(`${key}Reason`, area.reason);
    }
  }
  set('sectors', document.sectors);
  set('sectorsOther', document.sectorsOther);
  set('turnover', document.turnover);
  set('yearsProducing', document.yearsProducing);
  const summary = document.summary ?? {};
  set('policies', summary.policies);
  set('policiesOther', summary.policiesOther);
  set('training', summary.training);
  set('trainingOther', summary.trainingOther);
  set('engagement', summary.engagement);
  set('audits', summary.audits);
  set('grievance', summary.grievance);
  set('otherMonitoring', summary.otherMonitoring);
  set('noRisksIdentified', summary.noRisksIdentified ? 'yes' : undefined);
  (summary.risks ?? []).forEach((risk, index) => {
    const prefix = `risk${index + 1}`;
    set(`${prefix}Description`, risk.description);
    set(`${prefix}Location`, risk.location);
    set(`${prefix}LocationOther`, risk.locationOther);
    set(`${prefix}Tiers`, risk.supplyChainTiers);
    set(`${prefix}Groups`, risk.affectedGroups);
    set(`${prefix}Countries`, (risk.countries ?? []).map(countryName).join(', '));
    set(`${prefix}Actions`, risk.actions);
  });
  set('iloIndicators', summary.iloIndicators);
  set('iloIndicatorsOther', summary.iloIndicatorsOther);
  set('remediation', summary.remediation);
  set('remediationOther', summary.remediationOther);
  set('progress', summary.progress);
  set('statementText', document.statementText);
  return values;
}

/** Posted form → values to show again (files dropped). */
const LIST_FIELDS =
  /^(sectors|policies|training|engagement|audits|grievance|iloIndicators|remediation|risk\dTiers|risk\dGroups)$/;

export function formValuesOf(form: FormBody): FormValues {
  const values: FormValues = {};
  for (const [name, value] of Object.entries(form)) {
    if (name === 'csrfToken' || name === 'etag') continue;
    const strings = (Array.isArray(value) ? value : [value]).filter(
      (v): v is string => typeof v === 'string',
    );
    values[name] = LIST_FIELDS.test(name) ? strings : (strings[0] ?? '');
  }
  return values;
}

/** Whether a section has any answer yet (for "Not yet started"). */
export function sectionStarted(section: Section, document: StoredDraft): boolean {
  const record = document as Record<string, unknown>;
  return section.owns.some((owned) => {
    const [first, second] = owned.split('/');
    const value = second
      ? (record[first ?? ''] as Record<string, unknown> | undefined)?.[second]
      : record[first ?? ''];
    return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
  });
}

export const AREA_LABELS = AREAS;
