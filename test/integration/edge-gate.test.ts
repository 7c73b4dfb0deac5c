import { describe, expect, it } from 'vitest';
import { fixedNow, testApp } from '../support/app.ts';
import { useTestTable } from '../support/table.ts';

const secret = 'a-secret-that-cloudfront-sends-48-characters-long';
const viaCloudFront = { 'x-origin-verify': secret, 'x-forwarded-host': 'register.example.org' };

describe('the edge gate (AWS: requests must come through CloudFront)', () => {
  const table = useTestTable();
  const gated = () => testApp(table.store, () => fixedNow, { originSecret: secret }).app;

  it.each([
    ['no header', {}],
    ['a wrong secret', { 'x-origin-verify': 'guess' }],
    ['the secret with one character changed', { 'x-origin-verify': `${secret.slice(0, -1)}X` }],
  ])(
    'refuses a request with %s (the API Gateway address called directly) with 403',
    async (_name, headers) => {
      for (const path of ['/', '/api/v1/statements', '/health']) {
        const response = await gated().request(path, { headers });
        expect(response.status, path).toBe(403);
      }
    },
  );

  it('serves a request that carries the secret', async () => {
    const response = await gated().request('/health', { headers: viaCloudFront });
    expect(response.status).toBe(200);
  });

  it('during a rotation, serves both the current and the next secret, and nothing else', async () => {
    const next = 'the-next-secret-cloudfront-will-send-48-chars-xx';
    const { app } = testApp(table.store, () => fixedNow, { originSecret: secret, originSecretNext: next });
    for (const [value, status] of [
      [secret, 200],
      [next, 200],
      [`${next.slice(0, -1)}X`, 403],
    ] as const) {
      const response = await app.request('/health', { headers: { 'x-origin-verify': value } });
      expect(response.status, value).toBe(status);
    }
  });

  it('takes the public address from X-Forwarded-Host only behind the gate: links and the form Origin check', async () => {
    const feed = await (await gated().request('/statements.atom', { headers: viaCloudFront })).text();
    expect(feed).toContain('https://register.example.org/');
    // A form post whose Origin is the public address passes the Origin check (then asks for sign-in)…
    const form = (origin: string) =>
      gated().request('/sign-in', {
        method: 'POST',
        headers: {
          ...viaCloudFront,
          origin,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'email=someone%40example.org',
      });
    expect((await form('https://register.example.org')).status).not.toBe(403);
    // …and one from another site does not.
    expect((await form('https://evil.example')).status).toBe(403);
  });

  it('lets everything through without a secret (locally), where the request URL is the address', async () => {
    const { app } = testApp(table.store);
    const response = await app.request('http://localhost/statements.atom', {
      headers: { 'x-forwarded-host': 'spoofed.example' },
    });
    expect(response.status).toBe(200);
    const feed = await response.text();
    expect(feed).not.toContain('spoofed.example');
  });
});
