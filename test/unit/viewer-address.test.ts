import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../functions/app/client-address.ts';
import { forwardHostSource } from '../../infra/edge.ts';

type Headers = Record<string, { value: string }>;

/** Runs the viewer-request function as CloudFront would: `handler(event)` on the viewer's request. */
function runEdgeFunction(viewerIp: string, headers: Headers): Headers {
  const handler = new Function(`${forwardHostSource}; return handler;`)() as (event: unknown) => {
    headers: Headers;
  };
  return handler({ viewer: { ip: viewerIp }, request: { headers: { ...headers } } }).headers;
}

function addressApp() {
  const app = new Hono();
  app.get('/', (c) => c.text(clientAddress(c)));
  return (headers: Record<string, string>) => app.request('/', { headers });
}

describe("the client's address behind CloudFront", () => {
  it("replaces an X-Viewer-Address the client sent with the connection's address", () => {
    const out = runEdgeFunction('198.51.100.20', {
      host: { value: 'register.example.org' },
      'x-viewer-address': { value: '10.0.0.1' },
    });
    expect(out['x-viewer-address']).toEqual({ value: '198.51.100.20' });
    expect(out['x-forwarded-host']).toEqual({ value: 'register.example.org' });
  });

  it.each([
    [
      'the edge header before CloudFront-Viewer-Address',
      { 'x-viewer-address': '198.51.100.20', 'cloudfront-viewer-address': '203.0.113.5:443' },
      '198.51.100.20',
    ],
    ['an IPv6 edge address without brackets', { 'x-viewer-address': '[2001:db8::7]' }, '2001:db8::7'],
    [
      'CloudFront-Viewer-Address without its port when there is no edge header',
      { 'cloudfront-viewer-address': '203.0.113.5:443' },
      '203.0.113.5',
    ],
    ['never X-Forwarded-For', { 'x-forwarded-for': '192.0.2.1' }, 'unknown'],
  ])('reads %s', async (_name, headers: Record<string, string>, expected) => {
    expect(await (await addressApp()(headers)).text()).toBe(expected);
  });
});
