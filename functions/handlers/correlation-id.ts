/**
 * Where our events carry their correlation id: plain dotted paths, the same values as Powertools'
 * `correlationPaths`. Powertools reads them with a JMESPath engine (23 KB in every bundle); these
 * paths need only a property walk, so the logger is given that instead.
 */
export const correlationIdPaths = {
  /** API Gateway HTTP API (payload 2.0): the request id. */
  httpApi: 'requestContext.requestId',
  /** EventBridge Scheduler: the event id. */
  eventBridge: 'id',
} as const;

/** The value at a dotted path (`a.b.c`) of an event, or undefined. */
export function searchDottedPath(expression: string, data: unknown): unknown {
  let value: unknown = data;
  for (const key of expression.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
