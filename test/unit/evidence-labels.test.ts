import { describe, expect, it } from 'vitest';
import { evidenceAnswer } from '../../functions/app/evidence-labels.ts';

describe('evidence from the answers, as the pages name it', () => {
  it.each([
    ['areas.riskAssessment.covered', 'true', 'Answer', '“Risk assessment” is covered'],
    [
      'areas.training.reason',
      undefined,
      'Answer',
      '“Training about modern slavery” is not covered, and no reason is given',
    ],
    [
      'areas.training.reason',
      'Starts next year',
      'Answer',
      '“Training about modern slavery” is not covered, because: Starts next year',
    ],
    ['summary.risks.0', 'Debt bondage; Vietnam', 'Risk 1', 'Debt bondage; Vietnam'],
    ['summary.risks.2', 'Overtime', 'Risk 3', 'Overtime'],
    ['history.2024', '01ABC', 'Statement for 2024', '01ABC'],
    ['periodEnd', '2026-03-31', 'Period end', '31 March 2026'],
    ['submittedAt', '2026-10-02T09:15:00.000Z', 'Submitted', '2 October 2026'],
    ['organisation.entityType', 'llp', 'Kind of organisation', 'Limited liability partnership (LLP)'],
    ['summary.audits', 'Unannounced', 'Social audits', 'Unannounced'],
  ])('names %s (%s) as “%s: %s”', (field, text, label, shown) => {
    expect(evidenceAnswer(field, text)).toEqual({ label, text: shown });
  });

  it('shows a field it does not know as the field itself, so new evidence still appears', () => {
    expect(evidenceAnswer('summary.somethingNew', 'x')).toEqual({ label: 'summary.somethingNew', text: 'x' });
  });
});
