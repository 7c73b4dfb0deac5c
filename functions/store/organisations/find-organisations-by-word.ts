import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { normaliseName } from '../../domain/names.ts';
import { ORGANISATION_WORD_MIN } from '../../domain/organisation-words.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';

/**
 * Ids of organisations with a word after the first of their name starting with the query ("sto"
 * finds "Tesco Stores Ltd"), in name order from that word: one Query of the word's partition.
 */
export async function findOrganisationIdsByWord(store: Store, query: string, limit = 20): Promise<string[]> {
  const prefix = normaliseName(query);
  if (prefix.length < ORGANISATION_WORD_MIN) return [];
  const page = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.organisationWordPartition(prefix), ':prefix': prefix },
      ProjectionExpression: 'organisationId',
      Limit: limit,
    }),
  );
  return [...new Set((page.Items ?? []).map((item) => String(item.organisationId)))];
}
