import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import * as z from 'zod';
import { problemBody } from '../app/problems.ts';

/**
 * The local stand-in for the edge (CloudFront and API Gateway in AWS): it accepts every client
 * connection at once and hands requests to the app over a few kept-alive connections, first come
 * first served. Why the app cannot face clients itself under load (README, Operations, Load):
 * libuv (Node 20) accepts one new connection per event-loop iteration, and an iteration of the app
 * runs every ready callback of every request in progress, so under load new connections waited in
 * the kernel's queue for tens of seconds. The front runs in a thread of its own (front-thread.ts),
 * whose iterations only move bytes. Like CloudFront, it answers /assets/* itself, so a page's
 * stylesheet and script never queue behind the app's work.
 */
export const frontOptionsSchema = z.object({
  /** The app's own server, on 127.0.0.1. */
  appPort: z.number().int(),
  port: z.number().int(),
  hostname: z.string(),
  /** Requests handed to the app at once; the others wait in the front, in order. */
  appConnections: z.number().int().positive(),
  /** The folder holding web/ and node_modules/govuk-frontend (static-assets.ts); absent: /assets/* go to the app. */
  assetRoot: z.string().optional(),
});

export type FrontOptions = z.infer<typeof frontOptionsSchema>;

/** Answers an /assets/* request, 404 when there is no such file. */
export type AssetFetch = (request: Request) => Response | Promise<Response>;

// Hop-by-hop headers belong to one connection, never forwarded (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const named = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase()),
  );
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name) && !named.has(name)),
  );
}

const badGateway = JSON.stringify(problemBody(502, 'The register did not answer: try again in a moment.'));

async function answerAsset(
  assets: AssetFetch,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<boolean> {
  // The URL is normalised here (dot segments resolved): a path that leaves /assets/ is not an asset.
  const answer = await assets(new Request(`http://front${request.url ?? '/'}`, { method: request.method }));
  if (answer.status === 404) return false;
  answer.headers.forEach((value, name) => {
    response.setHeader(name, value);
  });
  response.writeHead(answer.status);
  if (answer.body) Readable.fromWeb(answer.body as WebReadableStream).pipe(response);
  else response.end();
  return true;
}

export function createFront(options: FrontOptions, assets?: AssetFetch): http.Server {
  // FIFO: a request waits for the next free app connection in the order it arrived.
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: options.appConnections,
    scheduling: 'fifo',
    // Idle app connections close before the app would close them (its keepAliveTimeout is 65 s).
    timeout: 60_000,
  });
  const forward = (request: http.IncomingMessage, response: http.ServerResponse) => {
    const headers = endToEnd(request.headers);
    // As CloudFront does: the client's address, written by the edge, never taken from the client.
    headers['cloudfront-viewer-address'] =
      `${request.socket.remoteAddress ?? 'unknown'}:${request.socket.remotePort ?? 0}`;
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: options.appPort,
        method: request.method,
        path: request.url,
        headers,
        agent,
      },
      (answer) => {
        // The app's connection broke mid-answer: the client's answer cannot be completed either.
        answer.on('error', () => response.destroy());
        response.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
        answer.pipe(response);
      },
    );
    upstream.on('error', () => {
      if (!response.headersSent)
        response.writeHead(502, { 'content-type': 'application/problem+json' }).end(badGateway);
      else response.destroy();
    });
    // A client that goes away before its answer is complete frees the app connection at once.
    response.on('close', () => {
      if (!response.writableFinished) upstream.destroy();
    });
    request.pipe(upstream);
  };
  return http.createServer((request, response) => {
    const isAsset =
      assets &&
      (request.method === 'GET' || request.method === 'HEAD') &&
      request.url?.startsWith('/assets/');
    if (!isAsset) return forward(request, response);
    // A missing asset is the app's to answer (its not-found page), as are errors reading one.
    answerAsset(assets, request, response).then(
      (answered) => answered || forward(request, response),
      () => forward(request, response),
    );
  });
}

export async function listen(server: http.Server, port: number, hostname: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}
