import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { createTableInput, ensureTable } from '../functions/store/ensure-table.ts';

/**
 * The read benchmarks' table: the shared definition's keys and indexes, without the stream.
 * DynamoDB Local stores a stream record for every write (a second row per item), which cost a
 * third of the seeding time (2,000 statements, 116,681 items: 2,104 items/s with the stream,
 * 3,033 without, same machine and minute; `MODE=ensure|nostream N=2000 npx tsx
 * bench/seed-speed.ts`). Nothing the read benchmarks measure uses the stream; the write and import
 * benchmarks keep the real table (ensureTable). An existing table is brought up to date as usual.
 */
export async function ensureBenchTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return ensureTable(client, tableName);
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(new CreateTableCommand(createTableInput(tableName, { stream: false })));
}
