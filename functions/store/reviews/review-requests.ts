import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { AuditEvent } from '../../../schemas/audit.ts';
import type { Flag } from '../../../schemas/flag.ts';
import { conflict } from '../../domain/errors.ts';
import { IdempotencyRaceError } from '../../domain/submissions/statements.ts';
import { auditPut } from '../audit/audit-item.ts';
import { flagItem } from '../flags/flag-items.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import {
  ConditionsFailedError,
  type TransactItem,
  TransactionConflictError,
  transactWrite,
} from '../transact.ts';
import { changingMeanwhile, reviewedMeanwhile, reviewVersionCondition } from './put-review.ts';

const lockSchema = z.object({ flagId: z.string() });

/** The id of the last review_request flag raised for a finding, if any. */
export async function reviewRequestFlagId(
  store: Store,
  statementId: string,
  revision: number,
  rule: string,
): Promise<string | undefined> {
  const { Item } = await store.doc.send(
    new GetCommand({
      TableName: store.tableName,
      Key: keys.reviewRequestLock(statementId, revision, rule),
      ConsistentRead: true,
    }),
  );
  return Item ? lockSchema.parse(Item).flagId : undefined;
}

/**
 * Raises a business's review request for a finding with its audit event, and points the finding's
 * lock at it: only when the lock still names `previousFlagId` (the caller saw that flag closed),
 * or there is none. A concurrent second request is refused (409), and so is one made while an
 * officer reviewed the finding (its review is no longer at `reviewVersion`, the version the
 * business read). `extra` (the Idempotency-Key's first answer) is written with it or not at all.
 */
export async function raiseReviewRequest(
  store: Store,
  input: {
    flag: Flag;
    rule: string;
    revision: number;
    previousFlagId: string | undefined;
    reviewVersion: number;
    audit: AuditEvent;
    extra?: TransactItem | undefined;
  },
): Promise<void> {
  const statementId = input.flag.statementId!;
  const items: TransactItem[] = [
    {
      Put: {
        TableName: store.tableName,
        Item: {
          ...keys.reviewRequestLock(statementId, input.revision, input.rule),
          entity: 'reviewRequestLock',
          flagId: input.flag.id,
        },
        ConditionExpression:
          input.previousFlagId === undefined ? 'attribute_not_exists(pk)' : 'flagId = :previous',
        ...(input.previousFlagId === undefined
          ? {}
          : { ExpressionAttributeValues: { ':previous': input.previousFlagId } }),
      },
    },
    {
      Put: {
        TableName: store.tableName,
        Item: flagItem(input.flag),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    auditPut(store, input.audit),
    {
      ConditionCheck: {
        TableName: store.tableName,
        Key: keys.findingReview(statementId, input.revision, input.rule),
        ...reviewVersionCondition(input.reviewVersion),
      },
    },
    ...(input.extra ? [input.extra] : []),
  ];
  try {
    await transactWrite(store, items);
  } catch (error) {
    if (error instanceof ConditionsFailedError) {
      if (input.extra && error.failed.includes(items.length - 1)) throw new IdempotencyRaceError();
      if (error.failed.includes(3)) throw reviewedMeanwhile();
      throw alreadyRequested();
    }
    if (error instanceof TransactionConflictError) throw changingMeanwhile();
    throw error;
  }
}

export const alreadyRequested = () =>
  conflict(
    'A review of this finding has already been asked for and is still open; the register will answer it.',
  );
