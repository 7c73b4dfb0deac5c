import { describe, expect, it } from 'vitest';
import { authFor, testApp } from '../support/app.ts';
import { useTestTable } from '../support/table.ts';

const officer = { email: 'olive@officers.example', officer: true };

/** Issue 13, finding 7: an Idempotency-Key replay must not hand out an enrolment code again. */
describe('idempotent routes that create secrets', () => {
  const table = useTestTable();

  async function post(path: string, key: string, body: unknown) {
    const { app } = testApp(table.store);
    const response = await app.request(path, {
      method: 'POST',
      headers: { ...(await authFor(officer)), 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    return { response, body: (await response.json()) as Record<string, unknown> };
  }

  it('answers a replay of organisation creation with the same id and no enrolment code', async () => {
    const organisation = {
      name: 'Kestrel Mills Ltd',
      entityType: 'company',
      financialYearEnd: '03-31',
      inScope: true,
    };
    const first = await post('/api/v1/organisations', 'create-kestrel', organisation);
    expect(first.response.status).toBe(201);
    expect(first.body.enrolmentCode).toEqual(expect.any(String));
    const replay = await post('/api/v1/organisations', 'create-kestrel', organisation);
    expect(replay.response.status).toBe(201);
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual({ ...first.body, enrolmentCode: null });
  });

  it('answers a replay of a further enrolment code with its expiry and no code', async () => {
    const created = await post('/api/v1/organisations', 'create-osprey', {
      name: 'Osprey Freight Ltd',
      entityType: 'company',
      financialYearEnd: '12-31',
      inScope: true,
    });
    const path = `/api/v1/organisations/${created.body.id as string}/enrolment-codes`;
    const first = await post(path, 'code-osprey', {});
    expect(first.body.enrolmentCode).toEqual(expect.any(String));
    const replay = await post(path, 'code-osprey', {});
    expect(replay.body).toEqual({ ...first.body, enrolmentCode: null });
  });
});
