import type { AuditEvent } from '../../../schemas/audit.ts';
import type { Flag, FlagHistoryEntry } from '../../../schemas/flag.ts';
import type { StoredReview } from '../../../schemas/review.ts';
import type { CheckSummary } from '../../../schemas/statement-summary.ts';
import { conflict } from '../../domain/errors.ts';
import { IdempotencyRaceError } from '../../domain/submissions/statements.ts';
import { auditPut } from '../audit/audit-item.ts';
import { closeSeenFlagItem } from '../flags/update-flag.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import {
  ConditionsFailedError,
  type TransactItem,
  TransactionConflictError,
  transactWrite,
} from '../transact.ts';

/**
 * Stores an officer's review in one transaction with its audit event (automated and reviewed
 * finding, who, when, why), the recomputed summary on the statement's header (only while the
 * reviewed revision is still the latest), and the closing of the flags the review settles (the
 * business's open request; the checker's weak or legal-minimum flag the new summary clears).
 * The review item is written only while the finding is still at `expectedVersion` (0: never
 * reviewed), so of two officers reviewing the same finding at once one wins and the other gets
 * 409; so does a review when the statement or one of those flags moved on meanwhile. `extra`
 * (the Idempotency-Key's first answer) is written with it or not at all.
 */
export async function putReview(
  store: Store,
  input: {
    review: StoredReview;
    /** The review version the officer decided on (0 before any review); review.version is the next. */
    expectedVersion: number;
    summary: CheckSummary;
    audit: AuditEvent;
    extra?: TransactItem | undefined;
    /** Flags the review settles: the business's open request, the checker's flag the new rating clears. */
    closeFlags?: readonly {
      flag: Pick<Flag, 'id' | 'type' | 'version'>;
      entry: FlagHistoryEntry & { to: 'resolved' };
    }[];
  },
): Promise<void> {
  const { review } = input;
  const items: TransactItem[] = [
    {
      Put: {
        TableName: store.tableName,
        Item: {
          ...keys.findingReview(review.statementId, review.revision, review.rule),
          entity: 'findingReview',
          ...review,
        },
        ...reviewVersionCondition(input.expectedVersion),
      },
    },
    {
      Update: {
        TableName: store.tableName,
        Key: keys.statement(review.statementId),
        UpdateExpression: 'SET #check = :check',
        ConditionExpression: 'attribute_exists(pk) AND #revision = :revision',
        ExpressionAttributeNames: { '#check': 'check', '#revision': 'revision' },
        ExpressionAttributeValues: { ':check': input.summary, ':revision': review.revision },
      },
    },
    auditPut(store, input.audit),
    ...(input.closeFlags ?? []).map((close) => closeSeenFlagItem(store, close.flag, close.entry)),
    ...(input.extra ? [input.extra] : []),
  ];
  try {
    await transactWrite(store, items);
  } catch (error) {
    if (error instanceof ConditionsFailedError) {
      if (input.extra && error.failed.includes(items.length - 1)) throw new IdempotencyRaceError();
      if (error.failed.includes(0)) throw reviewedMeanwhile();
      throw conflict(
        'The statement or the review request changed while you were reviewing it; reload the page and try again.',
      );
    }
    if (error instanceof TransactionConflictError) throw changingMeanwhile();
    throw error;
  }
}

export const changingMeanwhile = () =>
  conflict('Someone else was changing this finding at the same moment; read it again and decide again.');

export const reviewedMeanwhile = () =>
  conflict(
    'Someone else reviewed this finding while you were deciding; read it again (its review and version) and decide again.',
  );

/**
 * The condition on a finding's review item that it is still at `expected` (0: none yet). Reviews
 * stored before versions were kept have no `version` and count as 1.
 */
export function reviewVersionCondition(expected: number): {
  ConditionExpression: string;
  ExpressionAttributeValues?: Record<string, unknown>;
} {
  if (expected === 0) return { ConditionExpression: 'attribute_not_exists(pk)' };
  return {
    ConditionExpression:
      expected === 1
        ? 'attribute_exists(pk) AND (version = :expected OR attribute_not_exists(version))'
        : 'version = :expected',
    ExpressionAttributeValues: { ':expected': expected },
  };
}

/**
 * Sets the header's summary to one recomputed from every review of the revision, while it is
 * still the latest: how two officers reviewing different findings at once converge.
 */
export async function putReviewedSummary(
  store: Store,
  statementId: string,
  revision: number,
  summary: CheckSummary,
): Promise<void> {
  try {
    await transactWrite(store, [
      {
        Update: {
          TableName: store.tableName,
          Key: keys.statement(statementId),
          UpdateExpression: 'SET #check = :check',
          ConditionExpression: 'attribute_exists(pk) AND #revision = :revision',
          ExpressionAttributeNames: { '#check': 'check', '#revision': 'revision' },
          ExpressionAttributeValues: { ':check': summary, ':revision': revision },
        },
      },
    ]);
  } catch (error) {
    // A newer revision arrived: its own check sets the header.
    if (!(error instanceof ConditionsFailedError)) throw error;
  }
}
