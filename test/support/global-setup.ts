import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../functions/local/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoints: string[];
  }
}

/**
 * DynamoDB Local gets slower with every stream it has ever had: a deleted table's stream stays
 * listed, and each request then costs more (four times as much after 40 tables, measured). Every
 * test file makes its own table with a stream, so the run spreads its files over a few instances
 * (test/support/dynamo.ts picks one per file) instead of one. C1-only JIT and the serial collector:
 * these instances live minutes, where full JIT costs more CPU than it saves.
 */
const INSTANCES = 6;

export default async function setup(project: TestProject) {
  const instances = await Promise.all(
    Array.from({ length: INSTANCES }, () =>
      startDynamoDbLocal({ javaOptions: ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'] }),
    ),
  );
  project.provide(
    'dynamoEndpoints',
    instances.map((instance) => instance.endpoint),
  );
  return async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
  };
}
