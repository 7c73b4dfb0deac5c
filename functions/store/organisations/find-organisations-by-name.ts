import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Organisation, organisationSchema } from '../../../schemas/organisation.ts';
import { normaliseName } from '../../domain/names.ts';
import { keys, ORGANISATION_SHARDS, withoutKeys } from '../keys.ts';
import type { Store } from '../store.ts';

/**
 * Organisations whose normalised name starts with the query, in name order. Reads one page of
 * each listing shard; used by officers' pick lists, not by public search.
 */
export async function findOrganisationsByName(
  store: Store,
  query: string,
  limit = 20,
): Promise<Organisation[]> {
  const prefix = normaliseName(query);
  const pages = await Promise.all(
    Array.from({ length: ORGANISATION_SHARDS }, (_, shard) =>
      store.doc.send(
        new QueryCommand({
          TableName: store.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.organisationShard(shard), ':prefix': prefix },
          Limit: limit,
        }),
      ),
    ),
  );
  return pages
    .flatMap((page) => page.Items ?? [])
    .sort((a, b) => String(a.gsi1sk).localeCompare(String(b.gsi1sk)))
    .slice(0, limit)
    .map((item) => organisationSchema.parse(withoutKeys(item)));
}
