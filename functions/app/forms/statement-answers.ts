import { countryName } from '../../../schemas/countries.ts';
import { AREA_KEYS, AREAS } from '../../../schemas/registry-options.ts';
import type { StoredDraft } from '../../../schemas/submission.ts';
import { documentKindName } from '../../domain/submissions/documents.ts';
import { type SectionSlug, sectionsFor } from './statement-form.ts';

/** One row of a check-your-answers list: plain text only (the template escapes it). */
export interface AnswerRow {
  key: string;
  value: string;
  section: SectionSlug;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const date = (value: string | undefined) => (value ? dateFormat.format(new Date(`${value}T00:00:00Z`)) : '');
const listOf = (values: readonly string[] | undefined, other?: string) =>
  (values ?? []).map((value) => (value === 'Other' && other ? `Other: ${other}` : value)).join('; ');

const APPROVERS = {
  board: 'The board of directors (or equivalent)',
  members: 'The members',
  other: 'Someone else',
};
const ROLES = {
  director: 'Director',
  designated_member: 'Designated member',
  general_partner: 'General partner',
  partner: 'Partner',
  other: 'Other',
};

/** The document as rows of questions and answers, in the journey's order. */
export function answerRows(document: StoredDraft): AnswerRow[] {
  const rows: AnswerRow[] = [];
  const add = (section: SectionSlug, key: string, value: string | undefined | null) =>
    rows.push({ section, key, value: value ?? '' });
  const applies = new Set(sectionsFor(document).map((section) => section.slug));

  add('group', 'Group statement', document.isGroup === undefined ? '' : document.isGroup ? 'Yes' : 'No');
  if (applies.has('members')) {
    add(
      'members',
      'Organisations in the group',
      (document.groupMembers ?? [])
        .map((m) => (m.companyNumber ? `${m.name} (${m.companyNumber})` : m.name))
        .join('; '),
    );
  }
  if (document.contactEmail) add('location', 'Contact email', document.contactEmail);
  else add('location', 'Statement web address', document.statementUrl);
  add('location', 'Homepage', document.homepageUrl);
  add('period', 'Period covered', `${date(document.periodStart)} to ${date(document.periodEnd)}`);
  add('sign-off', 'Approved by', document.approvedBy ? APPROVERS[document.approvedBy] : '');
  add('sign-off', 'Date approved', date(document.approvalDate));
  const s = document.signatory;
  add(
    'sign-off',
    'Signed by',
    s?.firstName
      ? `${s.firstName} ${s.lastName ?? ''}, ${s.jobTitle ?? ''}${s.role ? ` (${ROLES[s.role]})` : ''}`
      : 'Not given',
  );
  for (const key of AREA_KEYS) {
    const area = document.areas?.[key];
    add(
      'areas',
      AREAS[key],
      area === undefined
        ? ''
        : area.covered
          ? 'Covered'
          : `Not covered${area.reason ? `: ${area.reason}` : ''}`,
    );
  }
  add('sectors', 'Sectors', listOf(document.sectors, document.sectorsOther));
  add('turnover', 'Turnover', document.turnover);
  add('years', 'Years producing statements', document.yearsProducing);
  const summary = document.summary ?? {};
  add('summary', 'Policies include', listOf(summary.policies, summary.policiesOther));
  add('summary', 'Training was for', listOf(summary.training, summary.trainingOther));
  add('summary', 'Engaged with to monitor working conditions', listOf(summary.engagement));
  add('summary', 'Social audits', listOf(summary.audits));
  add('summary', 'Grievance mechanisms', listOf(summary.grievance));
  add('summary', 'Other monitoring', summary.otherMonitoring);
  if (summary.noRisksIdentified) add('risks', 'Risks', 'No risks identified');
  else if ((summary.risks ?? []).length === 0) add('risks', 'Risks', '');
  (summary.risks ?? []).forEach((risk, index) => {
    const parts = [
      risk.description,
      risk.location === 'Other' && risk.locationOther ? `Other: ${risk.locationOther}` : risk.location,
      listOf(risk.supplyChainTiers),
      listOf(risk.affectedGroups),
      (risk.countries ?? []).map(countryName).join(', '),
      risk.actions ? `Actions: ${risk.actions}` : '',
    ].filter(Boolean);
    add('risks', `Risk ${index + 1}`, parts.join(' — '));
  });
  add(
    'outcomes',
    'Forced labour indicators found',
    listOf(summary.iloIndicators, summary.iloIndicatorsOther),
  );
  add('outcomes', 'Remediation', listOf(summary.remediation, summary.remediationOther));
  add('outcomes', 'Demonstrating progress', summary.progress);
  const file = document.archivedFile;
  add(
    'document',
    'Statement file',
    file
      ? `${file.fileName ?? 'Uploaded file'} (${documentKindName(file.contentType)}, ${Math.ceil(file.bytes / 1024)} KB)`
      : 'None uploaded',
  );
  add(
    'document',
    'Statement text',
    document.statementText
      ? `${words(document.statementText.split(/\s+/).filter(Boolean).length)} pasted`
      : 'Not pasted',
  );
  return rows;
}

const words = (count: number) => `${count.toLocaleString('en-GB')} ${count === 1 ? 'word' : 'words'}`;
