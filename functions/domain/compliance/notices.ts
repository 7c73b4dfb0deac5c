import type { NoticeKind } from '../../../schemas/compliance.ts';

const longDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const formatDay = (isoDate: string) => longDate.format(new Date(`${isoDate}T00:00:00Z`));

export interface NoticeSubject {
  organisationName: string;
  year: number;
  periodEnd?: string | undefined;
  deadline: string;
}

/** The words of a reminder (deadline coming) or overdue notice (deadline passed, no statement). */
export function composeNotice(
  kind: NoticeKind,
  subject: NoticeSubject,
  baseUrl = '',
): { subject: string; body: string } {
  const deadline = formatDay(subject.deadline);
  const link = `${baseUrl}/account`;
  if (kind === 'reminder') {
    return {
      subject: `Reminder: ${subject.organisationName}'s modern slavery statement for ${subject.year} is due by ${deadline}`,
      body: [
        `${subject.organisationName} must publish a modern slavery statement for its financial year ending in ${subject.year}, and add it to the register, by ${deadline}.`,
        '',
        `Sign in to submit it: ${link}`,
        '',
        'If the organisation is not required to publish a statement for that year, you can tell us why when you sign in.',
      ].join('\n'),
    };
  }
  return {
    subject: `Overdue: ${subject.organisationName} has no modern slavery statement for ${subject.year}`,
    body: [
      `The deadline for ${subject.organisationName}'s modern slavery statement for ${subject.year} was ${deadline}, and the register has no statement for that year.`,
      '',
      `Sign in to submit it now: ${link}`,
      '',
      'If the organisation was not required to publish a statement for that year, tell us why when you sign in. A compliance officer may contact you.',
    ].join('\n'),
  };
}
