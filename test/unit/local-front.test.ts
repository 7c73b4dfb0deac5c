import http from 'node:http';
import net from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { afterEach, describe, expect, it } from 'vitest';
import { type AssetFetch, createFront, listen } from '../../functions/local/front.ts';
import { startFront } from '../../functions/local/start-front.ts';
import { defaultAssetRoot } from '../../web/render.ts';

/** The local front (functions/local/front.ts) before a stand-in app on real sockets. */
interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function closeServer(server: http.Server) {
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

async function standInApp(answer: (seen: Seen, response: http.ServerResponse) => void) {
  const seen: Seen[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      const one = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body };
      seen.push(one);
      answer(one, response);
    });
  });
  const port = await listen(server, 0, '127.0.0.1');
  closers.push(closeServer(server));
  return { port, seen };
}

/**
 * An app served as the register's is (@hono/node-server, a body limit that answers 413 before
 * reading the body, then drains the rest for a moment and closes the connection).
 */
async function honoApp(limit: number) {
  const app = new Hono();
  app.post(
    '/upload',
    bodyLimit({ maxSize: limit, onError: (c) => c.json({ status: 413 }, 413) }),
    // A client that breaks off its body makes the read fail: nothing left to answer.
    async (c) => c.text(`read ${(await c.req.arrayBuffer().catch(() => new ArrayBuffer(0))).byteLength}`),
  );
  app.get('/echo/:n', (c) => c.text(`echo ${c.req.param('n')}`));
  const server = await new Promise<http.Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as http.Server));
  });
  // As in functions/local/server.ts: longer than the front keeps idle connections.
  server.keepAliveTimeout = 65_000;
  closers.push(closeServer(server));
  return { port: listeningPort(server) };
}

function listeningPort(server: http.Server) {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on a port');
  return address.port;
}

/** One request on `agent`: its status and body, or the socket error's code. */
function send(url: string, agent: http.Agent, method: string, path: string, body?: Buffer) {
  return new Promise<string>((resolve) => {
    const { hostname, port } = new URL(url);
    const headers = body ? { 'content-length': String(body.length) } : {};
    const request = http.request({ hostname, port, method, path, headers, agent }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      response.on('end', () => resolve(`${response.statusCode} ${text}`));
    });
    request.on('error', (error: NodeJS.ErrnoException) => resolve(`error ${error.code}`));
    request.end(body);
  });
}

/** Raw bytes to the front on a fresh connection; everything it sends back until it closes. */
function rawExchange(url: string, bytes: string) {
  return new Promise<string>((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const socket = net.connect(Number(port), hostname, () => socket.end(bytes));
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
    });
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}

async function frontBefore(appPort: number, appConnections = 4, assets?: AssetFetch) {
  const front = createFront({ appPort, port: 0, hostname: '127.0.0.1', appConnections }, assets);
  const port = await listen(front, 0, '127.0.0.1');
  closers.push(closeServer(front));
  const arrived: string[] = [];
  front.on('request', (request: http.IncomingMessage) => arrived.push(request.url ?? ''));
  return { url: `http://127.0.0.1:${port}`, arrived };
}

/** A raw request, so that hop-by-hop and client-written headers reach the front as sent. */
function rawRequest(url: string, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const { hostname, port } = new URL(url);
      // host, port and path apart: a URL string would have its dot segments resolved by the client.
      const request = http.request({ hostname, port, path, headers, agent: false }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      });
      request.on('error', reject);
      request.end();
    },
  );
}

describe('the local front', () => {
  it("passes the method, path, body and headers to the app, and the app's answer back", async () => {
    const app = await standInApp((_seen, response) => {
      response.writeHead(201, { 'content-type': 'application/json', etag: '"v2"' }).end('{"ok":true}');
    });
    const { url } = await frontBefore(app.port);
    const answer = await fetch(`${url}/api/v1/things?q=a%20b`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t', 'idempotency-key': 'k1' },
      body: '{"name":"Acme"}',
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('etag')).toBe('"v2"');
    expect(await answer.json()).toEqual({ ok: true });
    expect(app.seen).toHaveLength(1);
    expect(app.seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/v1/things?q=a%20b',
      body: '{"name":"Acme"}',
      headers: { authorization: 'Bearer t', 'idempotency-key': 'k1', 'content-type': 'application/json' },
    });
    expect(app.seen[0]?.headers.host).toBe(new URL(url).host);
  });

  it('drops hop-by-hop headers, and those the Connection header names', async () => {
    const app = await standInApp((_seen, response) => response.end('ok'));
    const { url } = await frontBefore(app.port);
    await rawRequest(url, '/', {
      connection: 'x-private, keep-alive',
      'x-private': 'one connection only',
      'keep-alive': 'timeout=5',
      te: 'trailers',
      'x-kept': 'yes',
    });
    const headers = app.seen[0]?.headers ?? {};
    expect(headers['x-kept']).toBe('yes');
    for (const name of ['x-private', 'keep-alive', 'te']) expect(headers[name]).toBeUndefined();
    // The front's own connection to the app is kept alive, whatever the client asked.
    expect(headers.connection).toBe('keep-alive');
  });

  it("writes the client's address as CloudFront-Viewer-Address, replacing one the client sent", async () => {
    const app = await standInApp((_seen, response) => response.end('ok'));
    const { url } = await frontBefore(app.port);
    await rawRequest(url, '/', { 'cloudfront-viewer-address': '203.0.113.9:443' });
    expect(app.seen[0]?.headers['cloudfront-viewer-address']).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('hands the app at most appConnections requests at once, the others in the order they came', async () => {
    let inApp = 0;
    let most = 0;
    const app = await standInApp((_seen, response) => {
      inApp++;
      most = Math.max(most, inApp);
      setTimeout(() => {
        inApp--;
        response.end('ok');
      }, 30);
    });
    // One app connection: with two, the first two could reach the app in either order.
    const { url, arrived } = await frontBefore(app.port, 1);
    const answers = Array.from({ length: 8 }, (_, n) => fetch(`${url}/request-${n}`));
    expect((await Promise.all(answers)).map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(most).toBe(1);
    expect(arrived).toHaveLength(8);
    expect(app.seen.map((s) => s.url)).toEqual(arrived);
  });

  it('answers 502 problem+json when the app does not answer', async () => {
    const closed = await standInApp((_seen, response) => response.end());
    const { url } = await frontBefore(closed.port);
    for (const close of closers.splice(0, 1)) await close();
    const answer = await fetch(`${url}/statements`);
    expect(answer.status).toBe(502);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(await answer.json()).toMatchObject({ status: 502, title: 'Bad gateway' });
  });

  it('frees the app connection when its client goes away before the answer', async () => {
    const app = await standInApp((seen, response) => {
      if (seen.url !== '/never') response.end('ok');
    });
    const { url } = await frontBefore(app.port, 1);
    const gone = new AbortController();
    const first = fetch(`${url}/never`, { signal: gone.signal }).catch(() => 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 50));
    gone.abort();
    expect(await first).toBe('aborted');
    const second = await fetch(`${url}/next`);
    expect(second.status).toBe(200);
  });

  it('frees the app connection when a client breaks off a request body halfway', async () => {
    const app = await standInApp((seen, response) => response.end(`app: ${seen.url}`));
    const { url } = await frontBefore(app.port, 1);
    const { hostname, port } = new URL(url);
    await new Promise<void>((resolve) => {
      const broken = http.request({
        hostname,
        port,
        method: 'POST',
        path: '/upload',
        headers: { 'content-length': '1000' },
        agent: false,
      });
      broken.on('error', () => resolve());
      broken.write('only part of the body', () => {
        setTimeout(() => {
          broken.destroy();
          resolve();
        }, 50);
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await (await fetch(`${url}/after`)).text()).toBe('app: /after');
  });

  it('answers an asset itself, and leaves a missing asset or a path out of /assets/ to the app', async () => {
    const app = await standInApp((seen, response) => response.writeHead(404).end(`app: ${seen.url}`));
    const assets: AssetFetch = (request) =>
      new URL(request.url).pathname === '/assets/site.css'
        ? new Response('body{}', { headers: { 'content-type': 'text/css', 'cache-control': 'public' } })
        : new Response(null, { status: 404 });
    const { url } = await frontBefore(app.port, 4, assets);
    const css = await fetch(`${url}/assets/site.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css');
    expect(css.headers.get('cache-control')).toBe('public');
    expect(await css.text()).toBe('body{}');
    expect(app.seen).toEqual([]);

    expect(await (await fetch(`${url}/assets/missing.css`)).text()).toBe('app: /assets/missing.css');
    const out = await rawRequest(url, '/assets/../site.css', {});
    expect(out.body).toBe('app: /assets/../site.css');
    const posted = await fetch(`${url}/assets/site.css`, { method: 'POST', body: 'x' });
    expect(await posted.text()).toBe('app: /assets/site.css');
  });

  it('runs in a thread of its own when started by startFront, answering assets from the asset root', async () => {
    const app = await standInApp((_seen, response) => response.end('from the app'));
    const front = await startFront({
      appPort: app.port,
      port: 0,
      hostname: '127.0.0.1',
      appConnections: 2,
      assetRoot: defaultAssetRoot(),
    });
    closers.push(front.stop);
    const script = await fetch(`http://127.0.0.1:${front.port}/assets/govuk/govuk-frontend.min.js`);
    expect(script.status).toBe(200);
    expect((await script.text()).length).toBeGreaterThan(1000);
    expect(app.seen).toEqual([]);
    const answer = await fetch(`http://127.0.0.1:${front.port}/`);
    expect(await answer.text()).toBe('from the app');
    expect(app.seen[0]?.headers['cloudfront-viewer-address']).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('never answers 502 when keep-alive clients send oversized bodies without Expect among normal requests', async () => {
    const app = await honoApp(1024);
    const { url } = await frontBefore(app.port, 4);
    // Bodies of 200 KB, sent whole at once as a client that does not wait for 100-continue does.
    const big = Buffer.alloc(200_000, 97);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
    closers.push(async () => agent.destroy());
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        n % 2 === 0 ? send(url, agent, 'POST', '/upload', big) : send(url, agent, 'GET', `/echo/${n}`),
      ),
    );
    const normal = answers.filter((_, n) => n % 2 === 1);
    expect(normal).toEqual(Array.from({ length: 20 }, (_, k) => `200 echo ${2 * k + 1}`));
    const oversized = answers.filter((_, n) => n % 2 === 0);
    expect(oversized.map((answer) => answer.slice(0, 3))).toEqual(Array(20).fill('413'));
  });

  it('reuses the app connection after a body the app read whole', async () => {
    const app = await honoApp(1024);
    const { url } = await frontBefore(app.port, 1);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    closers.push(async () => agent.destroy());
    expect(await send(url, agent, 'POST', '/upload', Buffer.alloc(500, 97))).toBe('200 read 500');
    expect(await send(url, agent, 'GET', '/echo/1')).toBe('200 echo 1');
  });

  it.each([
    ['a header', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ['a long address', `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431],
    ['no request line', 'NONSENSE\r\n\r\n', 400],
    [
      'both body lengths',
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n',
      400,
    ],
  ])(
    'answers a request the parser refuses (%s) with problem+json of its status, never reaching the app',
    async (_case, bytes, status) => {
      const app = await standInApp((_seen, response) => response.end('app'));
      const { url } = await frontBefore(app.port);
      const received = await rawExchange(url, bytes);
      const [head = '', body = ''] = received.split('\r\n\r\n');
      expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(head.toLowerCase()).toContain('content-type: application/problem+json');
      expect(JSON.parse(body)).toMatchObject({ status });
      expect(app.seen).toEqual([]);
    },
  );

  it.each([
    ['under the limit, so the app waits for the rest', 50_000],
    ['over the limit, answered 413 before it is read', 1_000_000],
  ])('frees the only app connection when a client disconnects mid-body (%s)', async (_case, declared) => {
    const app = await honoApp(64 * 1024);
    const { url } = await frontBefore(app.port, 1);
    const { hostname, port } = new URL(url);
    await new Promise<void>((resolve) => {
      const broken = http.request({
        hostname,
        port,
        method: 'POST',
        path: '/upload',
        headers: { 'content-length': String(declared) },
        agent: false,
      });
      broken.on('error', () => undefined);
      broken.write(Buffer.alloc(10_000, 97), () => {
        setTimeout(() => {
          broken.destroy();
          resolve();
        }, 50);
      });
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    closers.push(async () => agent.destroy());
    const started = Date.now();
    expect(await send(url, agent, 'GET', '/echo/7')).toBe('200 echo 7');
    expect(await send(url, agent, 'GET', '/echo/8')).toBe('200 echo 8');
    // Well before the app's own 500 ms drain would have freed it.
    expect(Date.now() - started).toBeLessThan(400);
  });
});
