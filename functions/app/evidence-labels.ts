import { AREAS, ENTITY_TYPE_LABELS } from '../../schemas/registry-options.ts';
import { formatDate } from '../checker/rules/context.ts';

/** The answers a finding quotes as evidence, named as the statement form names them. */
const FIELD_LABELS: Record<string, string> = {
  periodStart: 'Period start',
  periodEnd: 'Period end',
  submittedAt: 'Submitted',
  statementUrl: 'Web address of the statement',
  homepageUrl: 'Web address of the homepage',
  contactEmail: 'Contact email',
  turnover: 'Turnover',
  approvedBy: 'Approved by',
  approvalDate: 'Date approved',
  signatory: 'Signed by',
  'signatory.role': 'Role of the person who signed',
  'organisation.entityType': 'Kind of organisation',
  groupMembers: 'Group member not named in the text',
  statementId: 'Statement',
  'summary.policies': 'Policies',
  'summary.training': 'Training',
  'summary.engagement': 'Engaged with to monitor working conditions',
  'summary.audits': 'Social audits',
  'summary.otherMonitoring': 'Other monitoring',
  'summary.progress': 'Progress',
  'summary.grievance': 'Grievance mechanisms',
  'summary.remediation': 'Remediation',
};

const areaName = (key: string) => (key in AREAS ? AREAS[key as keyof typeof AREAS] : key);

/**
 * A piece of evidence from the submitted answers, for a person: "Risk 1: …" rather than
 * "summary.risks.0 …". The API keeps the field path; a field not known here shows as itself.
 */
export function evidenceAnswer(field: string, text = ''): { label: string; text: string } {
  const area = field.match(/^areas\.(\w+)\.(covered|reason)$/);
  if (area?.[2] === 'covered') return { label: 'Answer', text: `“${areaName(area[1] ?? '')}” is covered` };
  if (area?.[2] === 'reason')
    return {
      label: 'Answer',
      text: `“${areaName(area[1] ?? '')}” is not covered, ${text ? `because: ${text}` : 'and no reason is given'}`,
    };
  const risk = field.match(/^summary\.risks\.(\d+)$/);
  if (risk) return { label: `Risk ${Number(risk[1]) + 1}`, text };
  const history = field.match(/^history\.(\d{4})$/);
  if (history) return { label: `Statement for ${history[1]}`, text };
  if (field === 'organisation.entityType' && text in ENTITY_TYPE_LABELS)
    return {
      label: FIELD_LABELS[field] ?? field,
      text: ENTITY_TYPE_LABELS[text as keyof typeof ENTITY_TYPE_LABELS],
    };
  // A day ("2026-03-31") as the pages write dates; a time stamp keeps its day only.
  const day = text.match(/^(\d{4}-\d{2}-\d{2})(T[\d:.]+Z)?$/)?.[1];
  return { label: FIELD_LABELS[field] ?? field, text: day ? formatDate(day) : text };
}
