import type { Flag } from '../../../schemas/flag.ts';
import { flagIds } from '../compliance/flag-ids.ts';
import { raisedEntry } from '../compliance/flag-workflow.ts';
import { type CheckedStatement, flagLinks } from '../compliance/flags.ts';
import type { ReviewDisagreement } from './apply-reviews.ts';

/**
 * The officers' queue entry for a reviewed finding a recheck disagrees with: the reviewed status
 * stays public; a person decides whether the new automated status is right (and reviews again).
 */
export function reviewDisagreementFlag(
  statement: CheckedStatement,
  disagreement: ReviewDisagreement,
  rulesVersion: string,
  at: string,
): Flag {
  const note =
    `Rules ${rulesVersion} now say ${disagreement.automatedNow} for ${disagreement.rule} ` +
    `(it said ${disagreement.automatedBefore} when the register reviewed it as ${disagreement.reviewed}); ` +
    'the reviewed status stays public until an officer reviews it again.';
  return {
    id: flagIds.reviewDisagreement(statement.id, statement.revision, disagreement.rule, rulesVersion),
    type: 'review_disagreement',
    status: 'open',
    organisationId: statement.organisationId,
    organisationName: statement.organisationName,
    year: statement.year,
    statementId: statement.id,
    revision: statement.revision,
    rule: disagreement.rule,
    sectors: statement.sectors,
    findings: [
      {
        rule: disagreement.rule,
        status: disagreement.automatedNow,
        message: note,
        ...(disagreement.confidence === undefined ? {} : { confidence: disagreement.confidence }),
      },
    ],
    confidence: disagreement.confidence ?? 1,
    links: {
      ...flagLinks(statement.organisationId, statement.id),
      findings: `/officers/statements/${statement.id}/findings#finding-${disagreement.rule}`,
    },
    assignee: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
    history: [raisedEntry(at, 'system', note)],
  };
}
