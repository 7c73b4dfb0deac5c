import { randomUUID } from 'node:crypto';
import type { Store } from './store.ts';
import { ConditionsFailedError, TransactionConflictError, transactWrite } from './transact.ts';

/** An item that must stay unique (a company number, an organisation's year) and who claims it. */
export interface Claim {
  item: Record<string, unknown> & { pk: string; sk: string };
  /** The claimer's id, stored in the item under `ownerName`. */
  owner: string;
  ownerName: string;
}

/** Runs a task when a slot is free (the caller's pacing across an import); by default at once. */
export type Slot = <T>(task: () => Promise<T>) => Promise<T>;

const TRANSIENT = new Set([
  'InternalServerError',
  'ServiceUnavailable',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionInProgressException',
]);

/**
 * The store failed without saying the transaction was refused (a 5xx, throttling; DynamoDB Local
 * answers 500 "too long waiting for a lock" when loaded): the same transaction may be sent again.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (TRANSIENT.has(error.name)) return true;
  return '$fault' in error && error.$fault === 'server';
}

const ATTEMPTS = 8;
const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, 20 * 2 ** Math.min(attempt, 6) * (0.5 + Math.random())));

async function inParallel<T>(items: T[], parallel: number, each: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await each(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, items.length)) }, worker));
}

/**
 * Conditional puts of items that must stay unique, 100 to a transaction, `parallel` transactions
 * at once (each in a `slot` when given): the condition lets the same owner claim again (a re-run,
 * a retry) and refuses anyone else. A transaction refused because some claims are taken is sent
 * again without them; one that failed without an answer is sent again with the same token.
 * Answers the claims someone else holds.
 */
export async function claimAll(
  store: Store,
  claims: Claim[],
  options: { parallel: number; slot?: Slot },
): Promise<Set<Claim>> {
  const slot: Slot = options.slot ?? ((task) => task());
  const taken = new Set<Claim>();
  const chunks: Claim[][] = [];
  for (let i = 0; i < claims.length; i += 100) chunks.push(claims.slice(i, i + 100));
  await inParallel(chunks, options.parallel, async (chunk) => {
    let pending = chunk;
    let token = randomUUID();
    for (let attempt = 0; pending.length > 0; attempt++) {
      try {
        await slot(() =>
          transactWrite(
            store,
            pending.map((claim) => ({
              Put: {
                TableName: store.tableName,
                Item: claim.item,
                ConditionExpression: 'attribute_not_exists(pk) OR #owner = :owner',
                ExpressionAttributeNames: { '#owner': claim.ownerName },
                ExpressionAttributeValues: { ':owner': claim.owner },
              },
            })),
            { token },
          ),
        );
        return;
      } catch (error) {
        if (error instanceof ConditionsFailedError) {
          const failed = new Set(error.failed);
          for (const index of failed) taken.add(pending[index]!);
          pending = pending.filter((_claim, index) => !failed.has(index));
          token = randomUUID();
        } else if (error instanceof TransactionConflictError && attempt < ATTEMPTS) {
          // Refused whole: nothing was written, so it goes again as a new transaction.
          token = randomUUID();
          await pause(attempt);
        } else if (isTransient(error) && attempt < ATTEMPTS) {
          // It may have gone in: the same token makes the retry answer success without writing twice.
          await pause(attempt);
        } else throw error;
      }
    }
  });
  return taken;
}
