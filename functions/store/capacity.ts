import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';

/**
 * Read and write capacity units spent, added up across store calls. Pass one into a store
 * function to learn what an operation cost (ReturnConsumedCapacity: 'TOTAL'); the benchmarks
 * and the search's read budget use it.
 */
export interface CapacityMeter {
  readUnits: number;
  writeUnits: number;
}

export function newCapacityMeter(): CapacityMeter {
  return { readUnits: 0, writeUnits: 0 };
}

/** Adds what DynamoDB reported; answers the units of this call. */
export function recordCapacity(
  meter: CapacityMeter | undefined,
  kind: 'read' | 'write',
  consumed: ConsumedCapacity | ConsumedCapacity[] | undefined,
): number {
  const list = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  const units = list.reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
  if (meter) {
    if (kind === 'read') meter.readUnits += units;
    else meter.writeUnits += units;
  }
  return units;
}

const READS = new Set([
  'GetItemCommand',
  'QueryCommand',
  'ScanCommand',
  'BatchGetItemCommand',
  'TransactGetItemsCommand',
  'GetCommand',
  'BatchGetCommand',
  'TransactGetCommand',
]);

/**
 * Meters every read and write a client makes from now on (benchmarks and tests: any access path,
 * whether or not it asks for its capacity itself). Answers the meter and a function that stops it.
 */
export function meterEveryCall(client: {
  middlewareStack: {
    add: (middleware: never, options: { step: 'initialize'; name: string }) => void;
    remove: (name: string) => boolean;
  };
}): { meter: CapacityMeter; calls: string[]; stop: () => void } {
  const meter = newCapacityMeter();
  const calls: string[] = [];
  const name = `meterEveryCall${Math.random().toString(36).slice(2)}`;
  const middleware =
    (
      next: (args: { input: Record<string, unknown> }) => Promise<{ output: Record<string, unknown> }>,
      context: { commandName?: string },
    ) =>
    async (args: { input: Record<string, unknown> }) => {
      args.input.ReturnConsumedCapacity ??= 'TOTAL';
      const result = await next(args);
      const command = String(context.commandName);
      calls.push(command);
      recordCapacity(
        meter,
        READS.has(command) ? 'read' : 'write',
        result.output.ConsumedCapacity as ConsumedCapacity | ConsumedCapacity[] | undefined,
      );
      return result;
    };
  client.middlewareStack.add(middleware as never, { step: 'initialize', name });
  return { meter, calls, stop: () => client.middlewareStack.remove(name) };
}
