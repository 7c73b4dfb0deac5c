import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Store } from './store.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A transaction was refused because the conditions at these positions did not hold. */
export class ConditionsFailedError extends Error {
  constructor(readonly failed: number[]) {
    super(`Transaction conditions failed at ${failed.join(', ')}`);
    this.name = 'ConditionsFailedError';
  }
}

/** Another transaction was writing the same items at the same moment; nothing was written. */
export class TransactionConflictError extends Error {
  constructor() {
    super('Transaction conflicted with another write');
    this.name = 'TransactionConflictError';
  }
}

/**
 * Writes every item or none (one TransactWriteCommand). When a condition fails it throws
 * ConditionsFailedError naming which items' conditions failed, so callers can say why.
 * `token` (ClientRequestToken) makes a retry of the same transaction idempotent for ten minutes:
 * sent again after an uncertain failure, it succeeds without writing twice if the first went in.
 */
export async function transactWrite(
  store: Store,
  items: TransactItem[],
  options: { token?: string } = {},
): Promise<void> {
  try {
    await store.doc.send(
      new TransactWriteCommand({
        TransactItems: items,
        ...(options.token ? { ClientRequestToken: options.token } : {}),
      }),
    );
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const failed = (error.CancellationReasons ?? []).flatMap((reason, index) =>
        reason.Code === 'ConditionalCheckFailed' ? [index] : [],
      );
      if (failed.length > 0) throw new ConditionsFailedError(failed);
      if ((error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict')) {
        throw new TransactionConflictError();
      }
    }
    throw error;
  }
}
