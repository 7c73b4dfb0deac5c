import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { RegisterStatistics } from '../../../schemas/statistics.ts';
import { type Counters, statisticsFrom } from '../../domain/statistics.ts';
import { type CapacityMeter, recordCapacity } from '../capacity.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';

const shardSchema = z.looseObject({ year: z.number().int() });
const NOT_COUNTERS = new Set(['pk', 'sk', 'year', 'entity']);

/**
 * The register's statistics: one Query of the statistics partition (a few counter items per
 * reporting year, kept by the stream worker), summed per year.
 */
export async function getStatistics(store: Store, capacity?: CapacityMeter): Promise<RegisterStatistics> {
  const years = new Map<number, Counters>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.statisticsPartition },
        ExclusiveStartKey: start,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    recordCapacity(capacity, 'read', page.ConsumedCapacity);
    for (const item of page.Items ?? []) {
      const shard = shardSchema.parse(item);
      const counters = years.get(shard.year) ?? {};
      for (const [name, value] of Object.entries(item)) {
        if (NOT_COUNTERS.has(name) || typeof value !== 'number') continue;
        counters[name] = (counters[name] ?? 0) + value;
      }
      years.set(shard.year, counters);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return statisticsFrom(years);
}
