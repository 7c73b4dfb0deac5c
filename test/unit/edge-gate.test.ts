import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../functions/app/deps.ts';
import { edgeGate, ORIGIN_VERIFY_HEADER, publicOriginOf } from '../../functions/app/edge.ts';

const current = 'the-current-secret-cloudfront-sends-48-chars-long';
const next = 'the-next-secret-that-rotation-is-moving-toward-48';

/** Only the gate, then an answer naming the address the app would use for links. */
function gated(secret: string | undefined, nextSecret?: string) {
  const app = new Hono<AppEnv>();
  app.use(edgeGate(secret, nextSecret));
  app.get('/', (c) => c.text(publicOriginOf(c)));
  return (headers: Record<string, string>) => app.request('http://api.internal/', { headers });
}

describe('the edge gate with a current and a next secret (during a rotation)', () => {
  it.each([
    ['the current secret', current],
    ['the next secret', next],
  ])('serves a request carrying %s', async (_name, value) => {
    const response = await gated(current, next)({ [ORIGIN_VERIFY_HEADER]: value });
    expect(response.status).toBe(200);
  });

  it.each([
    ['no header', {}],
    ['an empty header', { [ORIGIN_VERIFY_HEADER]: '' }],
    ['a guess', { [ORIGIN_VERIFY_HEADER]: 'guess' }],
    ['the current secret with one character changed', { [ORIGIN_VERIFY_HEADER]: `${current.slice(0, -1)}X` }],
    ['the next secret with a character more', { [ORIGIN_VERIFY_HEADER]: `${next}a` }],
    ['both secrets joined', { [ORIGIN_VERIFY_HEADER]: `${current},${next}` }],
    ['the current secret in upper case', { [ORIGIN_VERIFY_HEADER]: current.toUpperCase() }],
  ])('refuses a request with %s with 403', async (_name, headers: Record<string, string>) => {
    const response = await gated(current, next)(headers);
    expect(response.status).toBe(403);
  });

  it('trusts X-Forwarded-Host behind either secret', async () => {
    for (const value of [current, next]) {
      const response = await gated(
        current,
        next,
      )({
        [ORIGIN_VERIFY_HEADER]: value,
        'x-forwarded-host': 'register.example.org',
      });
      expect(await response.text()).toBe('https://register.example.org');
    }
  });
});

describe('the edge gate with the current secret only (no rotation under way)', () => {
  it('serves the current secret and refuses the next one', async () => {
    expect((await gated(current)({ [ORIGIN_VERIFY_HEADER]: current })).status).toBe(200);
    expect((await gated(current)({ [ORIGIN_VERIFY_HEADER]: next })).status).toBe(403);
    expect((await gated(current, undefined)({})).status).toBe(403);
  });

  it('lets everything through without any secret (locally), even if a next one were passed', async () => {
    expect((await gated(undefined)({})).status).toBe(200);
    expect((await gated(undefined, next)({})).status).toBe(200);
  });
});
