import { describe, expect, it } from 'vitest';
import { createStore } from '../../functions/store/store.ts';
import { testApp } from '../support/app.ts';
import { testRegion, useTestTable } from '../support/table.ts';

describe('GET /health', () => {
  const table = useTestTable();

  it('answers 200 {"status":"ok"} when the table answers', async () => {
    const { app } = testApp(table.store);
    const response = await app.request('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers 503 problem details when the table cannot be reached', async () => {
    const unreachable = createStore({
      tableName: 'missing',
      region: testRegion,
      endpoint: 'http://127.0.0.1:9',
    });
    const { app, errors } = testApp(unreachable);
    const response = await app.request('/health');
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(errors).toHaveLength(1);
  });
});
