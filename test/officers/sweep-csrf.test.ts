import { describe, expect, it } from 'vitest';
import { latestSweepRuns } from '../../functions/store/compliance/sweep-runs.ts';
import { sessionFor, testApp, tokenFor } from '../support/app.ts';
import { useTestTable } from '../support/table.ts';

const officer = { email: 'olive@officers.example', officer: true };
const register = 'http://localhost';

describe('requesting a sweep cannot be forged by another site', () => {
  const table = useTestTable();

  async function post(headers: Record<string, string>, body?: string) {
    const { app } = testApp(table.store);
    return app.request(`${register}/api/v1/sweeps`, {
      method: 'POST',
      headers: { cookie: (await sessionFor(table.store, officer)).cookie, ...headers },
      ...(body === undefined ? {} : { body }),
    });
  }

  // What a page on another site can make a signed-in officer's browser send without asking the
  // register first (no preflight): a form post, or a body-less / text fetch, with the cookie.
  const forged: { name: string; headers: Record<string, string>; body: string | undefined }[] = [
    { name: 'a form post', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' },
    {
      name: 'a multipart form post',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: '--x--',
    },
    { name: 'a body-less post', headers: {}, body: undefined },
    { name: 'a text/plain post', headers: { 'content-type': 'text/plain' }, body: '{}' },
  ];

  for (const attempt of forged) {
    it(`refuses ${attempt.name} from another site carrying the officer’s session cookie (403), and no sweep is requested`, async () => {
      const before = (await latestSweepRuns(table.store, 50)).length;
      for (const site of [
        { origin: 'https://evil.example' },
        { 'sec-fetch-site': 'cross-site' },
        {},
      ] as Record<string, string>[]) {
        const response = await post({ ...attempt.headers, ...site }, attempt.body);
        expect(response.status).toBe(403);
      }
      expect((await latestSweepRuns(table.store, 50)).length).toBe(before);
    });
  }

  it('accepts the same body-less post from the register’s own pages, and with a bearer token', async () => {
    expect((await post({ origin: register })).status).toBe(202);
    const { app } = testApp(table.store);
    const bearer = await app.request('/api/v1/sweeps', {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor(officer)}` },
    });
    expect(bearer.status).toBe(202);
    expect((await latestSweepRuns(table.store, 50)).length).toBe(2);
  });
});
