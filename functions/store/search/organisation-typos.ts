import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import {
  organisationTypoEntries,
  type TypoName,
  unionOfNames,
} from '../../domain/search/organisation-typos.ts';
import { batchGetItems } from '../batch-get-items.ts';
import { type CapacityMeter, recordCapacity } from '../capacity.ts';
import { keyString } from '../key-string.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import {
  EMPTY_SEARCH_INDEX_STATE,
  type SearchIndexState,
  searchIndexStateSchema,
} from './search-index-state.ts';

type Item = Record<string, unknown> & { pk: string; sk: string };

const typoNameSchema = z.object({ name: z.string(), own: z.boolean() });

/**
 * What an organisation's typo entries are built from: the names of each listed statement, by
 * statement id. `version` goes up with every change; a change is written conditional on it, in
 * the same transaction as the statement's index state, so two statements of one organisation
 * indexed at once do not lose each other's names.
 */
export const organisationTypoStateSchema = z.object({
  version: z.number().int(),
  refs: z.record(z.string(), z.array(typoNameSchema)),
});
export type OrganisationTypoState = z.infer<typeof organisationTypoStateSchema>;
const NO_TYPO_STATE: OrganisationTypoState = { version: 0, refs: {} };
/** An organisation's typo state as read, for the organisation it was read for. */
export type ReadTypoState = OrganisationTypoState & { exists: boolean; organisationId: string };

/**
 * A statement's index state and its organisation's typo state in one strongly consistent
 * BatchGet (the worker knows the organisation from the stream image before reading the header),
 * so a first statement costs no extra call.
 */
export async function getIndexAndTypoStates(
  store: Store,
  statementId: string,
  organisationId: string,
  capacity?: CapacityMeter,
): Promise<{ state: SearchIndexState & { exists: boolean }; typoState: ReadTypoState }> {
  const stateKey = keys.searchState(statementId);
  const typoKey = keys.organisationTypoState(organisationId);
  const found = await batchGetItems(store, [stateKey, typoKey], {
    consistent: true,
    ...(capacity ? { capacity } : {}),
  });
  const stateItem = found.get(keyString(stateKey));
  const typoItem = found.get(keyString(typoKey));
  return {
    state: stateItem
      ? { ...searchIndexStateSchema.parse(stateItem), exists: true }
      : { ...EMPTY_SEARCH_INDEX_STATE, exists: false },
    typoState: typoItem
      ? { ...organisationTypoStateSchema.parse(typoItem), exists: true, organisationId }
      : { ...NO_TYPO_STATE, exists: false, organisationId },
  };
}

export async function getOrganisationTypoState(
  store: Store,
  organisationId: string,
  capacity?: CapacityMeter,
): Promise<OrganisationTypoState & { exists: boolean }> {
  const { Item, ConsumedCapacity } = await store.doc.send(
    new GetCommand({
      TableName: store.tableName,
      Key: keys.organisationTypoState(organisationId),
      ConsistentRead: true,
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  recordCapacity(capacity, 'read', ConsumedCapacity);
  if (!Item) return { ...NO_TYPO_STATE, exists: false };
  return { ...organisationTypoStateSchema.parse(Item), exists: true };
}

/** An organisation's typo entry items for the union of its statements' names. */
export function organisationTypoItems(organisationId: string, names: TypoName[]): Item[] {
  return organisationTypoEntries(names).map((entry) => ({
    ...keys.organisationTypoEntry(entry.key, entry.relevance, organisationId),
    entity: 'typoEntry',
    o: organisationId,
    tx: entry.text,
    ...(entry.matchedName ? { mn: entry.matchedName } : {}),
  }));
}

/** The state item and entries as first written for an organisation (the seed writes these directly). */
export function organisationTypoSeedItems(organisationId: string, refs: Record<string, TypoName[]>): Item[] {
  return [
    ...organisationTypoItems(organisationId, unionOfNames(Object.values(refs))),
    { ...keys.organisationTypoState(organisationId), entity: 'organisationTypoState', version: 1, refs },
  ];
}

/** What changes in an organisation's typo entries when one statement's names change. */
export interface TypoChange {
  /** Entries to put before the change is committed (new or changed). */
  puts: Item[];
  /** Keys of entries no longer wanted: deleted in the committing transaction. */
  deletes: { pk: string; sk: string }[];
  /** The new state, to put conditional on the version read. */
  next: OrganisationTypoState;
}

/** The change to one statement's names (null: no longer listed); undefined when nothing changes. */
export function typoChange(
  state: OrganisationTypoState,
  organisationId: string,
  statementId: string,
  names: TypoName[] | null,
): TypoChange | undefined {
  const refs = { ...state.refs };
  if (names) refs[statementId] = names;
  else delete refs[statementId];
  if (JSON.stringify(refs[statementId] ?? null) === JSON.stringify(state.refs[statementId] ?? null))
    return undefined;
  const before = new Map(
    organisationTypoItems(organisationId, unionOfNames(Object.values(state.refs))).map((item) => [
      keyString(item),
      item,
    ]),
  );
  const after = organisationTypoItems(organisationId, unionOfNames(Object.values(refs)));
  const wanted = new Set(after.map(keyString));
  return {
    puts: after.filter((item) => JSON.stringify(before.get(keyString(item))) !== JSON.stringify(item)),
    deletes: [...before.values()]
      .filter((item) => !wanted.has(keyString(item)))
      .map(({ pk, sk }) => ({ pk, sk })),
    next: { version: state.version + 1, refs },
  };
}
