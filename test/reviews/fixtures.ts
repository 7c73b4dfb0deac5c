import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { RULES_VERSION, summarise } from '../../functions/checker/check.ts';
import { keys } from '../../functions/store/keys.ts';
import type { Store } from '../../functions/store/store.ts';
import type { CheckResult, Finding } from '../../schemas/check-result.ts';
import type { Organisation } from '../../schemas/organisation.ts';
import type { StoredReview } from '../../schemas/review.ts';
import { userIdFor } from '../support/app.ts';

const finding = (
  rule: Finding['rule'],
  severity: Finding['severity'],
  status: Finding['status'],
  extra: Partial<Finding> = {},
): Finding => ({ rule, severity, status, message: `${rule} is ${status}.`, evidence: [], ...extra });

/**
 * An automated result rated weak: three of the six areas confidently missing (due diligence,
 * risk, effectiveness). uk-area-risk is the least sure of them (0.55); uk-area-training is
 * unknown and unclear, so it counts neither way.
 */
export function weakResult(rulesVersion = RULES_VERSION): CheckResult {
  const findings: Finding[] = [
    finding('uk-approval', 'legal', 'pass', {
      confidence: 0.97,
      evidence: [{ sentence: 2, text: 'This statement was approved by the board on 10 July 2026.' }],
    }),
    finding('uk-signature', 'legal', 'pass', { confidence: 0.95 }),
    finding('uk-area-structure', 'guidance', 'pass', { confidence: 0.9 }),
    finding('uk-area-policies', 'guidance', 'pass', { confidence: 0.9 }),
    finding('uk-area-due-diligence', 'guidance', 'fail', { confidence: 0.88, certainty: 'confident' }),
    finding('uk-area-risk', 'guidance', 'fail', {
      confidence: 0.55,
      certainty: 'confident',
      message: 'Risk assessment is not addressed in the text.',
    }),
    finding('uk-area-effectiveness', 'guidance', 'fail', { confidence: 0.9, certainty: 'confident' }),
    finding('uk-area-training', 'guidance', 'unknown', { confidence: 0.4, certainty: 'unclear' }),
  ];
  return {
    rulesVersion,
    summary: summarise(findings),
    findings,
    sentences: [
      { text: 'About us.', tags: ['structure'] },
      { text: 'This statement was approved by the board on 10 July 2026.', tags: ['approval'] },
    ],
  };
}

export function storedReview(overrides: Partial<StoredReview> = {}): StoredReview {
  return {
    statementId: '01JDQ8Z4V6W4Y0B3C9E7K2M5N8',
    revision: 1,
    rule: 'uk-area-risk',
    rulesVersion: RULES_VERSION,
    decision: 'overturn',
    status: 'pass',
    automatedStatus: 'fail',
    reason: 'Section 4 names the risks by country and commodity.',
    reviewedAt: '2026-11-29T12:00:00.000Z',
    officer: { id: 'officer-1', email: 'olive@officers.example' },
    version: 1,
    ...overrides,
  };
}

/** `email` may act for the organisation, as if they had redeemed its enrolment code. */
export async function seedMembership(store: Store, email: string, organisation: Organisation): Promise<void> {
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: {
        ...keys.membership(userIdFor(email), organisation.id),
        entity: 'membership',
        userId: userIdFor(email),
        email,
        organisationId: organisation.id,
        organisationName: organisation.name,
        role: 'submitter',
        createdAt: '2026-01-01T00:00:00.000Z',
      },
    }),
  );
}
