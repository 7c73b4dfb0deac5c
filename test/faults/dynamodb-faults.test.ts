import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../functions/store/store.ts';
import { testApp } from '../support/app.ts';
import { testRegion, useTestTable } from '../support/table.ts';

/**
 * Failures are injected below the SDK's retry middleware, so these exercise the real retry
 * and backoff path against DynamoDB Local rather than a stubbed client.
 */
function storeFailingFirst(tableName: string, endpoint: string, failures: number, make: () => Error) {
  const store = createStore({ tableName, region: testRegion, endpoint });
  let left = failures;
  let attempts = 0;
  store.client.middlewareStack.add(
    (next) => async (args) => {
      attempts++;
      if (left > 0) {
        left--;
        throw make();
      }
      return next(args);
    },
    { step: 'deserialize', name: 'injectFailures', priority: 'high' },
  );
  return { store, attempts: () => attempts };
}

const throttle = () =>
  new ProvisionedThroughputExceededException({
    message: 'Rate exceeded',
    $metadata: { httpStatusCode: 400 },
  });

describe('DynamoDB faults', () => {
  const table = useTestTable();

  it('retries throttled reads with backoff and still answers', async () => {
    const { store, attempts } = storeFailingFirst(table.store.tableName, table.endpoint, 2, throttle);
    const { app } = testApp(store);
    const response = await app.request('/health');
    expect(response.status).toBe(200);
    expect(attempts()).toBe(3);
  });

  it('gives up after bounded retries with a 503 problem that carries no internal detail', async () => {
    const { store, attempts } = storeFailingFirst(table.store.tableName, table.endpoint, 99, throttle);
    const { app, errors } = testApp(store);
    const response = await app.request('/health');
    expect(response.status).toBe(503);
    const body = await response.text();
    expect(body).not.toMatch(/Rate exceeded|ProvisionedThroughput|at .*\.ts/);
    expect(attempts()).toBe(5);
    expect(errors).toHaveLength(1);
  });

  it('answers a page with a plain 500 and no stack trace when a timeout outlasts the retries', async () => {
    const timeout = () =>
      Object.assign(new Error('socket hang up ETIMEDOUT 10.0.0.1'), { name: 'TimeoutError' });
    const { store } = storeFailingFirst(table.store.tableName, table.endpoint, 99, timeout);
    const { app, errors } = testApp(store);
    const response = await app.request('/statements?q=acme');
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).toContain('Sorry, there is a problem with the service');
    expect(body).not.toMatch(/ETIMEDOUT|10\.0\.0\.1|TimeoutError|\.ts:\d+/);
    expect(errors.length).toBeGreaterThan(0);
  });
});
