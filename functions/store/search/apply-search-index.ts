import { deflateRawSync } from 'node:zlib';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { OpenDataRow } from '../../../schemas/open-data.ts';
import type { StatementSummary } from '../../../schemas/statement-summary.ts';
import { OPEN_DATA_VERSION, renderOpenDataLines } from '../../domain/open-data.ts';
import {
  INDEX_VERSION,
  indexStatement,
  ORGANISATION_TYPOS_SINCE,
} from '../../domain/search/index-entries.ts';
import { legacyStatementTypoEntries, typoNamesOf } from '../../domain/search/organisation-typos.ts';
import { contributionDelta } from '../../domain/statistics.ts';
import { type CapacityMeter, recordCapacity } from '../capacity.ts';
import { keyString } from '../key-string.ts';
import { keys, shardOf } from '../keys.ts';
import type { Store } from '../store.ts';
import { isConditionFailure } from '../transaction-errors.ts';
import { batchWriteItems, type WriteRequest } from './batch-write-items.ts';
import { entryItems } from './entry-items.ts';
import {
  getOrganisationTypoState,
  type ReadTypoState,
  type TypoChange,
  typoChange,
} from './organisation-typos.ts';
import type { SearchIndexState } from './search-index-state.ts';

/** Statistics counters of a year are spread over a few items, so concurrent changes do not collide. */
export const STATISTICS_SHARDS = 4;

/** What the index should hold for a statement: its summary (submitted) and its open-data row. */
export interface DesiredIndex {
  summary: StatementSummary;
  row: OpenDataRow | null;
}

type Item = Record<string, unknown> & { pk: string; sk: string };

/**
 * Every item the index holds for one summary: search entries and the open-data lines (CSV record
 * and JSON line, rendered now, stored deflated: downloads stream them without parsing).
 * Without a row, only the lines' keys (for deletion).
 */
export function indexItemsFor(summary: StatementSummary, row: OpenDataRow | null): Item[] {
  const index = indexStatement(summary);
  const items: Item[] = entryItems(index);
  const lines = row ? renderOpenDataLines(row) : undefined;
  for (const format of ['csv', 'jsonl'] as const) {
    const key = keys.openDataLine(summary.year, format, index.nameKey, summary.id);
    items.push(
      lines
        ? { ...key, entity: 'openDataLine', v: OPEN_DATA_VERSION, z: deflateRawSync(lines[format]) }
        : key,
    );
  }
  return items;
}

/** Deletes of an organisation's typo entries that go in the committing transaction (its limit is 100 items). */
const TRANSACTED_TYPO_DELETES = 90;

/** Keys of the per-statement typo entries INDEX_VERSION 3 and 4 wrote, for deletion. */
function legacyTypoKeys(summary: StatementSummary): Item[] {
  return legacyStatementTypoEntries(summary).map((entry) =>
    keys.fuzzyEntry(entry.key, entry.relevance, summary.id),
  );
}

/**
 * The organisation's new typo state, conditional on the version read; deleted (not left empty)
 * when no listed statement is left.
 */
function typoStateWrite(
  store: Store,
  typos: TypoChange & { organisationId: string; readVersion: number; exists: boolean },
) {
  const Key = keys.organisationTypoState(typos.organisationId);
  const condition = typos.exists
    ? {
        ConditionExpression: '#v = :v',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': typos.readVersion },
      }
    : { ConditionExpression: 'attribute_not_exists(pk)' };
  if (Object.keys(typos.next.refs).length === 0)
    return { Delete: { TableName: store.tableName, Key, ...condition } };
  return {
    Put: {
      TableName: store.tableName,
      Item: { ...Key, entity: 'organisationTypoState', ...typos.next },
      ...condition,
    },
  };
}

/**
 * How the statement's change moves its organisation's typo entries (organisation-typos.ts):
 * nothing to read when the statement was indexed by this version under the same names (a
 * recheck, the check's arrival, a revision that keeps the names); otherwise the organisation's
 * state is read and the change computed.
 */
async function organisationTypoChange(
  store: Store,
  statementId: string,
  state: SearchIndexState,
  desired: DesiredIndex | null,
  capacity: CapacityMeter | undefined,
  read: ReadTypoState | undefined,
): Promise<(TypoChange & { organisationId: string; readVersion: number; exists: boolean }) | undefined> {
  const names = desired ? typoNamesOf(desired.summary) : null;
  const before = state.pending ?? state.indexed;
  const organisationId = desired?.summary.organisationId ?? before?.organisationId;
  if (!organisationId || (!names && !before)) return undefined;
  const known = state.indexed && !state.pending && state.indexVersion === INDEX_VERSION;
  if (
    known &&
    state.indexed?.organisationId === organisationId &&
    JSON.stringify(typoNamesOf(state.indexed)) === JSON.stringify(names)
  )
    return undefined;
  const typoState =
    read?.organisationId === organisationId
      ? read
      : await getOrganisationTypoState(store, organisationId, capacity);
  const change = typoChange(typoState, organisationId, statementId, names);
  return change && { ...change, organisationId, readVersion: typoState.version, exists: typoState.exists };
}

/**
 * Brings the index of one statement from `state` to `desired` (null: not listed):
 * 1. records the change as pending on the state item (conditional on the state read), so an
 *    interrupted change is cleaned up by the next one;
 * 2. puts the new and changed entries and deletes the ones no longer wanted (batches; the
 *    entries are derived data, so a retry converges);
 * 3. in one transaction, records the new state and adds the difference to the statistics
 *    counters — conditional on the state read, so counters change exactly once per change even
 *    when the stream delivers a change twice or two workers race.
 * Answers false when a concurrent change moved the state on (the caller retries from a fresh read).
 */
export async function applySearchIndex(
  store: Store,
  statementId: string,
  state: SearchIndexState & { exists: boolean },
  desired: DesiredIndex | null,
  fingerprint: string,
  options: {
    now: string;
    capacity?: CapacityMeter;
    /** The organisation's typo state, read with `state` (getIndexAndTypoStates). */
    typoState?: ReadTypoState | undefined;
  },
): Promise<boolean> {
  const stateKey = keys.searchState(statementId);
  const condition = {
    ConditionExpression: 'attribute_not_exists(pk) OR #fp = :seen',
    ExpressionAttributeNames: { '#fp': 'fingerprint' },
  };

  const oldItems = new Map<string, Item>();
  for (const summary of [state.pending, state.indexed]) {
    if (!summary) continue;
    for (const item of indexItemsFor(summary, null)) oldItems.set(keyString(item), item);
    if (state.indexVersion < ORGANISATION_TYPOS_SINCE)
      for (const item of legacyTypoKeys(summary)) oldItems.set(keyString(item), item);
  }
  const indexedJson = new Map<string, string>();
  if (state.indexed && !state.pending && state.indexVersion === INDEX_VERSION) {
    // Entries built from the indexed summary are known to be in the table as built (by this version).
    for (const item of indexItemsFor(state.indexed, null)) {
      if (item.entity === 'searchEntry') indexedJson.set(keyString(item), JSON.stringify(item));
    }
  }
  const newItems = desired ? indexItemsFor(desired.summary, desired.row) : [];
  const wanted = new Set(newItems.map(keyString));

  const requests: WriteRequest[] = [];
  for (const item of newItems) {
    if (indexedJson.get(keyString(item)) === JSON.stringify(item)) continue;
    requests.push({ PutRequest: { Item: item } });
  }
  for (const [key, item] of oldItems) {
    if (!wanted.has(key)) requests.push({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } });
  }
  const typos = await organisationTypoChange(
    store,
    statementId,
    state,
    desired,
    options.capacity,
    options.typoState,
  );
  for (const item of typos?.puts ?? []) requests.push({ PutRequest: { Item: item } });
  // Removed names' entries are deleted with the commit, so a concurrent change that read the new
  // state and put them again is not undone; past the transaction's limit, after it.
  const typoDeletes = typos?.deletes.slice(0, TRANSACTED_TYPO_DELETES) ?? [];
  const lateTypoDeletes = typos?.deletes.slice(TRANSACTED_TYPO_DELETES) ?? [];
  const typoWrites = typos
    ? [
        typoStateWrite(store, typos),
        ...typoDeletes.map((key) => ({ Delete: { TableName: store.tableName, Key: key } })),
      ]
    : [];

  try {
    if (desired && requests.length > 0) {
      const marked = await store.doc.send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: stateKey,
          UpdateExpression:
            'SET #fp = if_not_exists(#fp, :empty), #indexed = if_not_exists(#indexed, :none), #pending = :pending, #entity = :entity, #updatedAt = :now',
          ...condition,
          ExpressionAttributeNames: {
            ...condition.ExpressionAttributeNames,
            '#indexed': 'indexed',
            '#pending': 'pending',
            '#entity': 'entity',
            '#updatedAt': 'updatedAt',
          },
          ExpressionAttributeValues: {
            ':seen': state.fingerprint,
            ':empty': '',
            ':none': null,
            ':pending': desired.summary,
            ':entity': 'searchIndexState',
            ':now': options.now,
          },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      recordCapacity(options.capacity, 'write', marked.ConsumedCapacity);
    }

    await batchWriteItems(store, requests, { capacity: options.capacity });

    const shard = shardOf(statementId, STATISTICS_SHARDS);
    const counterUpdates = [...contributionDelta(state.indexed, desired?.summary ?? null)].map(
      ([year, delta]) => {
        const names: Record<string, string> = {};
        const values: Record<string, unknown> = { ':year': year };
        const adds = Object.entries(delta).map(([name, value], i) => {
          names[`#c${i}`] = name;
          values[`:c${i}`] = value;
          return `#c${i} :c${i}`;
        });
        return {
          Update: {
            TableName: store.tableName,
            Key: keys.statisticsShard(year, shard),
            UpdateExpression: `SET #year = :year, #entity = :entity ADD ${adds.join(', ')}`,
            ExpressionAttributeNames: { ...names, '#year': 'year', '#entity': 'entity' },
            ExpressionAttributeValues: { ...values, ':entity': 'statistics' },
          },
        };
      },
    );
    const done = await store.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: store.tableName,
              Item: {
                ...stateKey,
                entity: 'searchIndexState',
                fingerprint,
                indexVersion: INDEX_VERSION,
                indexed: desired?.summary ?? null,
                pending: null,
                updatedAt: options.now,
              },
              ...condition,
              ExpressionAttributeValues: { ':seen': state.fingerprint },
            },
          },
          ...counterUpdates,
          ...typoWrites,
        ],
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    recordCapacity(options.capacity, 'write', done.ConsumedCapacity);
    await batchWriteItems(
      store,
      lateTypoDeletes.map((key) => ({ DeleteRequest: { Key: key } })),
      { capacity: options.capacity },
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
