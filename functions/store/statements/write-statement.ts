import type { AuditEvent } from '../../../schemas/audit.ts';
import type { Draft, Revision, StatementHeader } from '../../../schemas/statement.ts';
import { auditPut } from '../audit/audit-item.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import {
  ConditionsFailedError,
  type TransactItem,
  TransactionConflictError,
  transactWrite,
} from '../transact.ts';
import { historyBefore, revisionPagePut } from './statement-page.ts';

/** Header fields the submission side sets; `check` belongs to the checker and is never overwritten. */
export type HeaderFields = Omit<StatementHeader, 'check'>;

/** Everything one change to a statement writes, decided by the domain (functions/domain/statements). */
export interface StatementWrite {
  /** A new statement (the header must not exist), or an update made only if the etag still matches. */
  header: { create: HeaderFields } | { update: HeaderFields; expectedEtag: string };
  draft?: { put: Draft } | { remove: true };
  revision?: Revision;
  /** One statement per organisation per reporting year: claim the year (or keep our claim). */
  claimYear?: { organisationId: string; year: number };
  /** Give up the claim on a year the statement no longer covers. */
  releaseYear?: { organisationId: string; year: number };
  audits: AuditEvent[];
  /** Further items (the idempotency record). */
  extra?: TransactItem[];
}

export type StatementWriteFailure = 'stale' | 'year_taken' | 'extra';

export class StatementWriteConflict extends Error {
  constructor(readonly reason: StatementWriteFailure) {
    super(`Statement write refused: ${reason}`);
    this.name = 'StatementWriteConflict';
  }
}

function headerUpdate(store: Store, fields: HeaderFields, expectedEtag: string): TransactItem {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':expected': expectedEtag };
  const sets: string[] = [];
  const removes: string[] = [];
  Object.entries(fields).forEach(([name, value], index) => {
    // The key is not set, and `check` belongs to the checker: never written from here.
    if (name === 'id' || name === 'check') return;
    names[`#f${index}`] = name;
    if (value === undefined) removes.push(`#f${index}`);
    else {
      sets.push(`#f${index} = :v${index}`);
      values[`:v${index}`] = value;
    }
  });
  names['#etag'] = 'etag';
  return {
    Update: {
      TableName: store.tableName,
      Key: keys.statement(fields.id),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: 'attribute_exists(pk) AND #etag = :expected',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * Writes a statement change in one transaction: header, draft, revision, year claim, audit and
 * idempotency record together or not at all. Nothing half-written is ever visible.
 */
export async function writeStatement(store: Store, write: StatementWrite): Promise<void> {
  const items: TransactItem[] = [];
  const reasons: StatementWriteFailure[] = [];
  const add = (item: TransactItem, reason: StatementWriteFailure) => {
    items.push(item);
    reasons.push(reason);
  };
  const id = 'create' in write.header ? write.header.create.id : write.header.update.id;

  if ('create' in write.header) {
    add(
      {
        Put: {
          TableName: store.tableName,
          Item: { ...keys.statement(id), entity: 'statement', ...write.header.create, check: null },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      'stale',
    );
  } else {
    add(headerUpdate(store, write.header.update, write.header.expectedEtag), 'stale');
  }

  if (write.draft && 'put' in write.draft) {
    add(
      {
        Put: {
          TableName: store.tableName,
          Item: { ...keys.statementDraft(id), entity: 'statementDraft', ...write.draft.put },
        },
      },
      'stale',
    );
  } else if (write.draft) {
    add({ Delete: { TableName: store.tableName, Key: keys.statementDraft(id) } }, 'stale');
  }

  if (write.revision) {
    add(
      {
        Put: {
          TableName: store.tableName,
          Item: {
            ...keys.revision(id, write.revision.revision),
            entity: 'revision',
            ...write.revision,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      'stale',
    );
    // The statement page's copy, without the pasted text (statement-page.ts); written in the same transaction.
    const before = await historyBefore(store, id, write.revision.revision);
    add(revisionPagePut(store, write.revision, before), 'stale');
  }

  const claim = write.claimYear;
  const release = write.releaseYear;
  const sameYear =
    claim && release && claim.year === release.year && claim.organisationId === release.organisationId;
  if (claim && !sameYear) {
    add(
      {
        Put: {
          TableName: store.tableName,
          Item: {
            ...keys.statementForYear(claim.organisationId, claim.year),
            entity: 'statementYear',
            organisationId: claim.organisationId,
            year: claim.year,
            statementId: id,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR statementId = :id',
          ExpressionAttributeValues: { ':id': id },
        },
      },
      'year_taken',
    );
  }
  if (release && !sameYear) {
    add(
      {
        Delete: {
          TableName: store.tableName,
          Key: keys.statementForYear(release.organisationId, release.year),
          ConditionExpression: 'attribute_not_exists(pk) OR statementId = :id',
          ExpressionAttributeValues: { ':id': id },
        },
      },
      'stale',
    );
  }
  for (const event of write.audits) add(auditPut(store, event), 'stale');
  for (const item of write.extra ?? []) add(item, 'extra');

  try {
    await transactWrite(store, items);
  } catch (error) {
    if (error instanceof ConditionsFailedError) {
      const failed = error.failed.map((index) => reasons[index] ?? 'stale');
      // An idempotency race says most (the first answer exists); then a taken year; else stale.
      const reason = failed.includes('extra')
        ? 'extra'
        : failed.includes('year_taken')
          ? 'year_taken'
          : 'stale';
      throw new StatementWriteConflict(reason);
    }
    if (error instanceof TransactionConflictError) throw new StatementWriteConflict('stale');
    throw error;
  }
}
