import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Duplex, Readable } from 'node:stream';
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
    headers['x-viewer-address'] = request.socket.remoteAddress ?? 'unknown';
    const hasBody =
      request.headers['transfer-encoding'] !== undefined ||
      Number(request.headers['content-length'] ?? 0) > 0;
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
        const headers = endToEnd(answer.headers);
        // An app may refuse a body before reading it (a 413 to a large body sent without
        // `Expect: 100-continue`): it drains what follows for a moment, then closes that
        // connection, even when the front had handed the kernel the whole body already. Kept
        // alive, the connection would go back to the pool and carry an unrelated request into
        // that close (a 502). So after an early answer, or an error answer to a request with a
        // body, the app connection is ended, never reused (a new one to 127.0.0.1 costs little).
        // When the client is still sending, the rest of its body is read and dropped and its
        // connection closes after the answer.
        const bodyUnsent = !upstream.writableFinished;
        if (bodyUnsent) {
          request.unpipe(upstream);
          request.resume();
          headers.connection = 'close';
        }
        if (bodyUnsent || (hasBody && (answer.statusCode ?? 500) >= 400)) {
          abandoned = true;
          // The socket itself: by then Node's agent may have handed it back to its pool.
          const socket = upstream.socket;
          answer.on('end', () => {
            upstream.destroy();
            socket?.destroy();
          });
        }
        response.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(response);
      },
    );
    let abandoned = false;
    upstream.on('error', () => {
      if (abandoned) return;
      if (!response.headersSent)
        response.writeHead(502, { 'content-type': 'application/problem+json' }).end(badGateway);
      else response.destroy();
    });
    // A client that goes away before its answer is complete, or before it sent its whole body,
    // frees the app connection at once (a half-sent request must never be left on it).
    response.on('close', () => {
      if (!response.writableFinished) upstream.destroy();
    });
    request.on('close', () => {
      if (!request.complete && !upstream.writableFinished) {
        abandoned = response.headersSent;
        upstream.destroy();
      }
    });
    request.pipe(upstream);
  };
  const server = http.createServer((request, response) => {
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
  server.on('clientError', answerClientError);
  return server;
}

// Node's parser counts the request line in its 16 KB header limit: a long address is a 431 too.
const clientErrorStatus: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'The request line and headers are larger than 16 KB.'],
};

/**
 * A request Node's parser refused before any handler saw it (request line and headers over its 16 KB
 * limit, a malformed request): answered as problem details, as the app answers, rather than Node's bare
 * status line, then the connection is closed (the parser cannot go on after such an error).
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex) {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, detail] = clientErrorStatus[error.code ?? ''] ?? [400, 'The request is not valid HTTP.'];
  const body = JSON.stringify(problemBody(status, detail));
  socket.end(
    [
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}`,
      'Content-Type: application/problem+json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}

export async function listen(server: http.Server, port: number, hostname: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}
