import { describe, expect, it } from 'vitest';
import type { RateLimits } from '../../functions/domain/rate-limits.ts';
import { authFor, testApp } from '../support/app.ts';
import { addOrganisation, enrolledOrganisation, json, validDocument } from '../support/submissions.ts';
import { useTestTable } from '../support/table.ts';

/** Low limits, so a flood is a handful of requests; each test uses its own address or user. */
const limits: RateLimits = {
  search: { limit: 3, windowSeconds: 60 },
  check: { limit: 2, windowSeconds: 60 },
  drafts: { limit: 3, windowSeconds: 3600 },
  enrolment: { limit: 5, windowSeconds: 900 },
  signIn: { limit: 2, windowSeconds: 60 },
  reports: { limit: 10, windowSeconds: 3600 },
};
const from = (address: string) => ({ 'cloudfront-viewer-address': `${address}:443` });

describe('abuse limits, kept in DynamoDB', () => {
  const table = useTestTable();
  const { app } = testApp(table.store, undefined, { limits });

  const statuses = async (requests: (() => Response | Promise<Response>)[]) => {
    const answers: Response[] = [];
    for (const request of requests) answers.push(await request());
    return answers;
  };
  /** API routes answer problem JSON; page routes the "Too many requests" page. */
  const expectThrottledAfter = (answers: Response[], allowed: number, page = false) => {
    expect(answers.slice(0, allowed).map((a) => a.status)).not.toContain(429);
    const refused = answers[allowed];
    expect(refused?.status).toBe(429);
    expect(refused?.headers.get('content-type')).toMatch(page ? /^text\/html/ : /problem\+json/);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused?.headers.get('retry-after'))).toBeLessThanOrEqual(60 * 60);
  };

  it.each([
    ['the API search', '/api/v1/statements?q=acme'],
    ['the search page', '/statements?q=acme'],
  ])(
    'answers 429 with Retry-After to a flood of %s from one address, and keeps public caching below the limit',
    async (_, path) => {
      const address = path.startsWith('/api') ? '203.0.113.1' : '203.0.113.2';
      const answers = await statuses(
        Array.from({ length: 4 }, () => () => app.request(path, { headers: from(address) })),
      );
      expectThrottledAfter(answers, 3, !path.startsWith('/api'));
      expect(answers[0]?.headers.get('cache-control')).toMatch(/^public/);
      expect(answers[3]?.headers.get('cache-control')).toBe('no-store');
      // Another address is not held back.
      expect((await app.request(path, { headers: from('203.0.113.3') })).status).toBe(200);
    },
  );

  it('answers 429 to a flood of anonymous POST /api/v1/check from one address', async () => {
    const check = () =>
      app.request('/api/v1/check', {
        method: 'POST',
        headers: { 'content-type': 'text/plain', ...from('203.0.113.4') },
        body: 'We train our buyers every year.',
      });
    expectThrottledAfter(await statuses([check, check, check]), 2);
  });

  it('answers 429 to a flood of /check page posts from one address', async () => {
    const post = () =>
      app.request('/check', {
        method: 'POST',
        headers: {
          origin: 'http://localhost',
          'content-type': 'application/x-www-form-urlencoded',
          ...from('203.0.113.5'),
        },
        body: 'statementText=We+train+our+buyers.',
      });
    expectThrottledAfter(await statuses([post, post, post]), 2, true);
  });

  it('answers 429 to one user creating drafts in a flood, whatever address they use', async () => {
    const email = 'drafter@abuse.example';
    const organisation = await enrolledOrganisation(app, email);
    const auth = await authFor({ email });
    const create = (i: number) => () =>
      json(app, 'POST', `/api/v1/organisations/${organisation.id}/statements`, validDocument(), {
        ...auth,
        ...from(`198.51.100.${i}`),
      });
    expectThrottledAfter(await statuses([0, 1, 2, 3].map(create)), 3);
  });

  it('answers 429 to a flood of sign-ins from one address', async () => {
    const signIn = () =>
      app.request('/sign-in', {
        method: 'POST',
        headers: {
          origin: 'http://localhost',
          'content-type': 'application/x-www-form-urlencoded',
          ...from('203.0.113.6'),
        },
        body: 'email=someone%40abuse.example',
      });
    expectThrottledAfter(await statuses([signIn, signIn, signIn]), 2, true);
  });

  it('evaluates at most 5 of 50 concurrent enrolment guesses by one user', async () => {
    await addOrganisation(app);
    const auth = await authFor({ email: 'burst@abuse.example' });
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        json(
          app,
          'POST',
          '/api/v1/enrolments',
          { code: `WRONG-${i}` },
          { ...auth, ...from(`192.0.2.${i + 1}`) },
        ),
      ),
    );
    expect(answers.filter((a) => a.status === 422)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(45);
  });

  it('evaluates at most 5 of 50 concurrent enrolment guesses from one address by 50 users', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, async (_, i) =>
        json(
          app,
          'POST',
          '/api/v1/enrolments',
          { code: `WRONG-${i}` },
          {
            ...(await authFor({ email: `crowd-${i}@abuse.example` })),
            ...from('203.0.113.7'),
          },
        ),
      ),
    );
    expect(answers.filter((a) => a.status === 422)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(45);
  });
});
