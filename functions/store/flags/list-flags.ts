import { createHash } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Flag, FlagStatus, FlagType } from '../../../schemas/flag.ts';
import { badRequest } from '../../domain/errors.ts';
import { type CapacityMeter, recordCapacity } from '../capacity.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';
import { flagFromItem } from './flag-items.ts';

export interface FlagFilter {
  statuses: readonly FlagStatus[];
  types: readonly FlagType[];
  sector?: string | undefined;
  year?: number | undefined;
  assignee?: string | undefined;
  /** Only this organisation's flags (read from its own index partition). */
  organisationId?: string | undefined;
}

export interface FlagListOptions {
  /** `uncertain`: the checker's least sure flags first (confidence ascending, then oldest first). */
  order: 'newest' | 'oldest' | 'uncertain';
  limit: number;
  cursor?: string | undefined;
  meter?: CapacityMeter | undefined;
  /** Query pages read per partition per call, at most (bounds a heavily filtered page's cost). */
  maxPagesPerPartition?: number;
}

export interface FlagListPage {
  items: Flag[];
  nextCursor: string | null;
}

const cursorSchema = z.object({ v: z.literal(1), f: z.string(), a: z.string() });

function fingerprint(filter: FlagFilter, order: string): string {
  return createHash('sha256')
    .update(
      JSON.stringify({
        ...filter,
        statuses: [...filter.statuses].sort(),
        types: [...filter.types].sort(),
        order,
      }),
    )
    .digest('base64url')
    .slice(0, 16);
}

interface Partition {
  index: 'gsi1' | 'gsi2' | 'gsi3';
  pkName: string;
  skName: string;
  value: string;
}

function partitionsFor(filter: FlagFilter, byUncertainty: boolean): Partition[] {
  // One organisation's flags are few: its own partition, oldest first, even for `uncertain`.
  if (filter.organisationId) {
    return [
      {
        index: 'gsi3',
        pkName: 'gsi3pk',
        skName: 'gsi3sk',
        value: keys.flagOfOrganisationPartition(filter.organisationId),
      },
    ];
  }
  if (byUncertainty) {
    return filter.statuses.flatMap((status) =>
      filter.types.map((type) => ({
        index: 'gsi1' as const,
        pkName: 'gsi1pk',
        skName: 'gsi1sk',
        value: keys.flagUncertainQueuePartition(status, type),
      })),
    );
  }
  return filter.statuses.flatMap((status) =>
    filter.types.map((type) => ({
      index: 'gsi2' as const,
      pkName: 'gsi2pk',
      skName: 'gsi2sk',
      value: keys.flagQueuePartition(status, type),
    })),
  );
}

interface FilterParts {
  FilterExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

function filterExpression(filter: FlagFilter): FilterParts {
  const clauses: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (filter.year !== undefined) {
    clauses.push('#year = :year');
    names['#year'] = 'year';
    values[':year'] = filter.year;
  }
  if (filter.sector) {
    clauses.push('contains(sectors, :sector)');
    values[':sector'] = filter.sector;
  }
  if (filter.assignee) {
    clauses.push('assignee = :assignee');
    values[':assignee'] = filter.assignee;
  }
  if (filter.organisationId) {
    // The organisation's partition holds every status and type: filter them here.
    names['#status'] = 'status';
    names['#type'] = 'type';
    clauses.push(`#status IN (${filter.statuses.map((_, i) => `:s${i}`).join(', ')})`);
    clauses.push(`#type IN (${filter.types.map((_, i) => `:t${i}`).join(', ')})`);
    filter.statuses.forEach((status, i) => {
      values[`:s${i}`] = status;
    });
    filter.types.forEach((type, i) => {
      values[`:t${i}`] = type;
    });
  }
  return clauses.length === 0
    ? {}
    : {
        FilterExpression: clauses.join(' AND '),
        ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
      };
}

/**
 * The flags queue: queries on purpose-built keys, never a Scan. Each (status, type) pair is a
 * partition of gsi2 sorted by `<createdAt>#<id>`; a query over several statuses or types reads
 * each partition from the cursor on and merges them. The cursor is the sort key of the last
 * flag answered: every partition has been read at least that far, so the next page starts
 * after it in all of them and no flag is skipped or repeated.
 */
export async function listFlags(
  store: Store,
  filter: FlagFilter,
  options: FlagListOptions,
): Promise<FlagListPage> {
  const print = fingerprint(filter, options.order);
  let after: string | undefined;
  if (options.cursor) {
    try {
      const parsed = cursorSchema.parse(
        JSON.parse(Buffer.from(options.cursor, 'base64url').toString('utf8')),
      );
      if (parsed.f !== print) throw new Error('filter changed');
      after = parsed.a;
    } catch {
      throw badRequest(
        'The cursor is not valid for this query: use the nextCursor of the previous page as given.',
      );
    }
  }
  if (filter.statuses.length === 0 || filter.types.length === 0) return { items: [], nextCursor: null };
  const ascending = options.order !== 'newest';
  const maxPages = options.maxPagesPerPartition ?? 4;
  const extra = filterExpression(filter);

  const reads = await Promise.all(
    partitionsFor(filter, options.order === 'uncertain').map(async (partition) => {
      const found: { sk: string; item: Record<string, unknown> }[] = [];
      let start: Record<string, unknown> | undefined;
      let frontier: string | null = null;
      for (let page = 0; page < maxPages; page++) {
        const result = await store.doc.send(
          new QueryCommand({
            TableName: store.tableName,
            IndexName: partition.index,
            KeyConditionExpression:
              after === undefined ? '#pk = :pk' : `#pk = :pk AND #sk ${ascending ? '>' : '<'} :after`,
            ...extra,
            ExpressionAttributeNames: {
              ...(extra.ExpressionAttributeNames ?? {}),
              '#pk': partition.pkName,
              ...(after === undefined ? {} : { '#sk': partition.skName }),
            },
            ExpressionAttributeValues: {
              ...(extra.ExpressionAttributeValues ?? {}),
              ':pk': partition.value,
              ...(after === undefined ? {} : { ':after': after }),
            },
            ScanIndexForward: ascending,
            Limit: options.limit,
            ExclusiveStartKey: start,
            ReturnConsumedCapacity: options.meter ? 'TOTAL' : undefined,
          }),
        );
        recordCapacity(options.meter, 'read', result.ConsumedCapacity);
        for (const item of result.Items ?? []) found.push({ sk: String(item[partition.skName]), item });
        start = result.LastEvaluatedKey;
        if (!start) {
          frontier = null;
          break;
        }
        frontier = String(start[partition.skName]);
        if (found.length >= options.limit) break;
      }
      return { found, frontier, exhausted: !start };
    }),
  );

  const before = (a: string, b: string) => (ascending ? a < b : a > b);
  // How far every partition has surely been read: no unread flag sorts before this.
  let bound: string | undefined;
  for (const read of reads) {
    if (read.exhausted || read.frontier === null) continue;
    if (bound === undefined || before(read.frontier, bound)) bound = read.frontier;
  }
  const candidates = reads
    .flatMap((read) => read.found)
    .filter((entry) => bound === undefined || !before(bound, entry.sk))
    .sort((a, b) => (a.sk === b.sk ? 0 : before(a.sk, b.sk) ? -1 : 1));
  const taken = candidates.slice(0, options.limit);
  const more = candidates.length > taken.length || bound !== undefined;
  const last = taken.length === options.limit ? taken.at(-1)?.sk : bound;
  const nextCursor =
    more && last !== undefined
      ? Buffer.from(JSON.stringify({ v: 1, f: print, a: last })).toString('base64url')
      : null;
  return { items: taken.map((entry) => flagFromItem(entry.item)), nextCursor };
}
