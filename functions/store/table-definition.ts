/**
 * The one description of the register's table: the CDK stack and the local bootstrap both build
 * the table from this, so keys and indexes cannot drift between AWS and DynamoDB Local.
 * Plain data on purpose: no AWS SDK or CDK types, so either side can map it.
 */
export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Overloaded, sparse global secondary indexes; what each entity puts in them is in keys.ts. */
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'ALL' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: 'ALL' },
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projection: 'ALL' },
    /**
     * Lean listings: keys only (the sort key says what a listing needs), so an entry is never a
     * copy of its item. Check results are listed here, spread over CHECK_LISTING_SHARDS partitions.
     */
    { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', projection: 'KEYS_ONLY' },
  ],
  timeToLiveAttribute: 'expiresAt',
  streamViewType: 'NEW_AND_OLD_IMAGES',
} as const;

export type IndexName = (typeof tableDefinition.globalSecondaryIndexes)[number]['indexName'];

/** Every key attribute is a string; DynamoDB wants each named once in the attribute definitions. */
export function keyAttributeNames(): string[] {
  const names: string[] = [tableDefinition.partitionKey, tableDefinition.sortKey];
  for (const index of tableDefinition.globalSecondaryIndexes) names.push(index.partitionKey, index.sortKey);
  return names;
}
