import { inject } from 'vitest';

const current = Symbol.for('register.test.dynamoEndpoint');
const filesRun = Symbol.for('register.test.dynamoFilesRun');
type Slots = { [current]?: string; [filesRun]?: number };

/**
 * Picks this test file's DynamoDB Local (run before each file, see vitest.config.ts): each
 * worker takes the run's instances in turn, its own share of them, so two files running at once
 * never share one (with the config's two workers) and each instance sees only a few files' streams.
 */
export function chooseDynamoForFile(): void {
  const endpoints = inject('dynamoEndpoints');
  const slots = globalThis as Slots;
  // The config's two workers each take every other instance (sharing one would still work).
  const worker = Math.max(0, Number(process.env.VITEST_POOL_ID ?? 1) - 1) % 2;
  const mine = endpoints.filter((_, index) => index % 2 === worker);
  const run = slots[filesRun] ?? 0;
  slots[filesRun] = run + 1;
  slots[current] = mine[run % mine.length] ?? endpoints[0];
}

/** The DynamoDB Local endpoint for this test file (its table lives there for the whole file). */
export function dynamoEndpoint(): string {
  const endpoint = (globalThis as Slots)[current];
  if (!endpoint) throw new Error('No DynamoDB Local chosen: test/support/dynamo-setup.ts did not run.');
  return endpoint;
}
