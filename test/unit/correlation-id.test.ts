import { describe, expect, it } from 'vitest';
import { correlationIdPaths, searchDottedPath } from '../../functions/handlers/correlation-id.ts';

describe('the correlation id of an event', () => {
  it.each([
    ['an HTTP API request', correlationIdPaths.httpApi, { requestContext: { requestId: 'req-1' } }, 'req-1'],
    ['a scheduled event', correlationIdPaths.eventBridge, { id: 'evt-9', detail: {} }, 'evt-9'],
    ['an event without the field', correlationIdPaths.httpApi, { requestContext: {} }, undefined],
    ['an event that is not an object', correlationIdPaths.httpApi, 'nonsense', undefined],
    ['a path through a null', correlationIdPaths.httpApi, { requestContext: null }, undefined],
    ['an inherited property', 'toString', {}, undefined],
  ])('is read from %s', (_name, path, event, expected) => {
    expect(searchDottedPath(path, event)).toBe(expected);
  });
});
