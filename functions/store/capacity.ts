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
