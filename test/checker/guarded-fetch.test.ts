import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allowForTests,
  type GuardedFetchOptions,
  guardedFetch,
  isPublicAddress,
  type Resolver,
} from '../../functions/checker/fetch/guarded-fetch.ts';
import { probeHomepage } from '../../functions/checker/website.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A local HTTP server that counts the requests reaching it. */
async function startServer(handler: Handler): Promise<{ server: Server; port: number; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, hits: () => hits };
}

const html = (res: ServerResponse, body: string) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(body);
};

describe('the guarded fetcher', () => {
  let site: Awaited<ReturnType<typeof startServer>>;
  let privateService: Awaited<ReturnType<typeof startServer>>;
  /** Test names resolve to the local server; everything else is refused or unknown. */
  let resolver: Resolver;
  let allowed: GuardedFetchOptions;

  beforeAll(async () => {
    privateService = await startServer((_req, res) => html(res, '<p>internal admin page</p>'));
    site = await startServer((req, res) => {
      const url = req.url ?? '/';
      if (url === '/') {
        return html(
          res,
          `<html><body><header><nav><a href="/about">About us</a></nav></header><main><p>Welcome</p></main>
           <footer><a href="/legal">Legal and policies</a></footer></body></html>`,
        );
      }
      if (url === '/legal')
        return html(res, '<p><a href="/modern-slavery-statement">Modern slavery statement 2025</a></p>');
      if (url === '/modern-slavery-statement')
        return html(res, '<h1>Modern slavery statement</h1><p>Our steps.</p>');
      if (url === '/statement.pdf') {
        res.writeHead(200, { 'content-type': 'application/pdf' });
        return res.end('%PDF-1.4 ...');
      }
      if (url === '/image.png') {
        res.writeHead(200, { 'content-type': 'image/png' });
        return res.end('png');
      }
      if (url === '/huge') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end('x'.repeat(200_000));
      }
      if (url === '/slow') return setTimeout(() => html(res, 'late'), 10_000);
      if (url === '/missing') {
        res.writeHead(404, { 'content-type': 'text/html' });
        return res.end('not found');
      }
      if (url.startsWith('/loop')) {
        const n = Number(url.slice(5) || 0);
        res.writeHead(302, { location: `/loop${n + 1}` });
        return res.end();
      }
      if (url === '/to-private') {
        res.writeHead(302, { location: `http://127.0.0.1:${privateService.port}/` });
        return res.end();
      }
      if (url === '/to-metadata') {
        res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' });
        return res.end();
      }
      if (url === '/to-file') {
        res.writeHead(302, { location: 'file:///etc/passwd' });
        return res.end();
      }
      if (url === '/to-statement') {
        res.writeHead(302, { location: '/modern-slavery-statement' });
        return res.end();
      }
      res.writeHead(500);
      res.end();
    });
    resolver = async (hostname) => {
      if (hostname === 'acme.test') return ['127.0.0.1'];
      if (hostname === 'rebind.test') return ['127.0.0.1', '10.0.0.7'];
      if (hostname === 'metadata.test') return ['169.254.169.254'];
      throw new Error('not found');
    };
    // The explicit test-only allowance: this loopback address, on the site's port only.
    allowed = {
      resolve: resolver,
      addressPolicy: allowForTests({ address: '127.0.0.1', ports: [site.port] }),
    };
  });

  afterAll(async () => {
    for (const s of [site, privateService]) s.server.closeAllConnections();
    await Promise.all([site, privateService].map((s) => new Promise((resolve) => s.server.close(resolve))));
  });

  const at = (path: string) => `http://acme.test:${site.port}${path}`;

  it('fetches an HTML page through the test allowance, connecting to the resolved address', async () => {
    const outcome = await guardedFetch(at('/modern-slavery-statement'), allowed);
    expect(outcome).toMatchObject({ ok: true, kind: 'html', status: 200 });
    if (outcome.ok) expect(new TextDecoder().decode(outcome.body)).toContain('Modern slavery statement');
  });

  it('follows a redirect and answers the final address', async () => {
    const outcome = await guardedFetch(at('/to-statement'), allowed);
    expect(outcome).toMatchObject({ ok: true, url: at('/modern-slavery-statement') });
  });

  it.each([
    ['/image.png', 'content_type'],
    ['/missing', 'status'],
    ['/loop0', 'too_many_redirects'],
  ])('refuses %s (%s)', async (path, reason) => {
    expect(await guardedFetch(at(path), allowed)).toMatchObject({ ok: false, reason });
  });

  it('stops at the size cap', async () => {
    expect(await guardedFetch(at('/huge'), { ...allowed, maxBytes: 50_000 })).toMatchObject({
      ok: false,
      reason: 'too_large',
    });
  });

  it('gives up at the deadline', async () => {
    const started = Date.now();
    expect(await guardedFetch(at('/slow'), { ...allowed, timeoutMs: 300 })).toMatchObject({
      ok: false,
      reason: 'timeout',
    });
    // The page would take 10 s; the fetcher gives up long before (slack for a loaded machine).
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  describe('refuses to reach private addresses', () => {
    it.each([
      ['loopback by address', () => `http://127.0.0.1:${privateService.port}/`],
      ['loopback by name', () => `http://localhost:${privateService.port}/`],
      ['IPv6 loopback', () => `http://[::1]:${privateService.port}/`],
      ['IPv4-mapped IPv6 loopback', () => `http://[::ffff:127.0.0.1]:${privateService.port}/`],
    ])('%s, with the default policy', async (_name, url) => {
      const before = privateService.hits();
      const outcome = await guardedFetch(url(), { resolve: resolver });
      expect(outcome).toMatchObject({ ok: false, reason: 'address' });
      expect(privateService.hits()).toBe(before);
    });

    it('the metadata service, by address and by name', async () => {
      expect(
        await guardedFetch('http://169.254.169.254/latest/meta-data/', { resolve: resolver, timeoutMs: 500 }),
      ).toMatchObject({
        ok: false,
        reason: 'address',
      });
      expect(
        await guardedFetch('http://metadata.test/', { resolve: resolver, timeoutMs: 500 }),
      ).toMatchObject({
        ok: false,
        reason: 'address',
      });
      expect(
        await guardedFetch('http://[fd00:ec2::254]/', { resolve: resolver, timeoutMs: 500 }),
      ).toMatchObject({
        ok: false,
        reason: 'address',
      });
    });

    it('file:// and other schemes', async () => {
      expect(await guardedFetch('file:///etc/passwd')).toMatchObject({ ok: false, reason: 'scheme' });
      expect(await guardedFetch('ftp://acme.test/statement.pdf')).toMatchObject({
        ok: false,
        reason: 'scheme',
      });
    });

    it('a name that resolves to a private address among public ones', async () => {
      expect(await guardedFetch(`http://rebind.test:${site.port}/`, allowed)).toMatchObject({
        ok: false,
        reason: 'address',
      });
    });

    it.each([
      ['/to-private', 'address'],
      ['/to-metadata', 'address'],
      ['/to-file', 'scheme'],
    ])('after a redirect (%s)', async (path, reason) => {
      const before = privateService.hits();
      const outcome = await guardedFetch(at(path), { ...allowed, timeoutMs: 1_000 });
      expect(outcome).toMatchObject({ ok: false, reason });
      expect(privateService.hits()).toBe(before);
    });
  });

  it.each([
    ['8.8.8.8', true],
    ['2a00:1450:4009:81f::200e', true],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['192.168.1.1', false],
    ['100.64.0.1', false],
    ['169.254.169.254', false],
    ['fd00:ec2::254', false],
    ['fe80::1', false],
    ['224.0.0.1', false],
    ['0.0.0.0', false],
    ['::ffff:10.0.0.1', false],
  ])('classifies %s as public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  describe('the homepage link check', () => {
    const fetcher = (url: string) => guardedFetch(url, allowed);

    it('finds a link to a page that links to the statement, noting its text and where it sits', async () => {
      const probe = await probeHomepage(at('/'), at('/modern-slavery-statement'), fetcher);
      expect(probe).toMatchObject({
        outcome: 'ok',
        link: { text: 'Legal and policies', where: 'footer', via: at('/legal') },
      });
    });

    it('reports no link when the homepage does not lead to the statement', async () => {
      const probe = await probeHomepage(at('/'), at('/statement.pdf'), fetcher);
      expect(probe.outcome).toBe('ok');
      expect(probe.link).toBeUndefined();
    });

    it('reports an unreachable homepage as unreachable', async () => {
      const probe = await probeHomepage('http://nowhere.test/', at('/statement.pdf'), fetcher);
      expect(probe.outcome).toBe('unreachable');
    });
  });
});
