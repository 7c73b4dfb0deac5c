import type { AuditEvent } from '../../../schemas/audit.ts';
import type { Flag, FlagHistoryEntry } from '../../../schemas/flag.ts';
import type { StoredReview } from '../../../schemas/review.ts';
import type { CheckSummary } from '../../../schemas/statement-summary.ts';
import { conflict } from '../../domain/errors.ts';
import { auditPut } from '../audit/audit-item.ts';
import { closeSeenFlagItem } from '../flags/update-flag.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import { ConditionsFailedError, type TransactItem, transactWrite } from '../transact.ts';

/**
 * Stores an officer's review in one transaction with its audit event (automated and reviewed
 * finding, who, when, why), the recomputed summary on the statement's header (only while the
 * reviewed revision is still the latest), and the closing of the flags the review settles (the
 * business's open request; the checker's weak or legal-minimum flag the new summary clears).
 * 409 when the statement or one of those flags moved on meanwhile.
 */
export async function putReview(
  store: Store,
  input: {
    review: StoredReview;
    summary: CheckSummary;
    audit: AuditEvent;
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
  ];
  try {
    await transactWrite(store, items);
  } catch (error) {
    if (error instanceof ConditionsFailedError) {
      throw conflict(
        'The statement or the review request changed while you were reviewing it; reload the page and try again.',
      );
    }
    throw error;
  }
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
