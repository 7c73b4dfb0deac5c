import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createS3Archive } from '../../functions/archive/s3-archive.ts';

/**
 * S3 has no local engine: a small HTTP server stands in for the bucket's endpoint, keeps what is
 * PUT, and records each request's signing headers.
 */
interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}
const objects = new Map<string, { body: Buffer; contentType: string }>();
const seen: Seen[] = [];
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
      const url = request.url ?? '';
      if (url.includes('forbidden')) {
        response.writeHead(403, { 'content-type': 'application/xml' });
        response.end('<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>');
        return;
      }
      if (request.method === 'PUT') {
        objects.set(url, { body: Buffer.concat(chunks), contentType: request.headers['content-type'] ?? '' });
        response.writeHead(200).end();
        return;
      }
      const object = objects.get(url);
      if (!object) {
        response.writeHead(404, { 'content-type': 'application/xml' });
        response.end('<Error><Code>NoSuchKey</Code></Error>');
        return;
      }
      response.writeHead(200, { 'content-type': object.contentType }).end(object.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const archive = () =>
  createS3Archive({
    bucket: 'register-archive',
    region: 'eu-west-2',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'session-token' },
    endpoint,
  });

describe('the S3 archive', () => {
  test('stores a document and reads it back with its content type', async () => {
    const body = new TextEncoder().encode('%PDF-1.7 a statement');
    await archive().put('statements/st_1/abc.pdf', body, 'application/pdf');
    const object = await archive().get('statements/st_1/abc.pdf');
    expect(object?.contentType).toBe('application/pdf');
    expect(new TextDecoder().decode(object?.body)).toBe('%PDF-1.7 a statement');
  });

  test('signs every request with SigV4 for S3 in the region, with the session token', async () => {
    await archive().put('statements/st_2/def.html', new TextEncoder().encode('<p>x</p>'), 'text/html');
    const put = seen.find((request) => request.url === '/statements/st_2/def.html');
    expect(put?.method).toBe('PUT');
    expect(put?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-2\/s3\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
    );
    expect(put?.headers['x-amz-security-token']).toBe('session-token');
    expect(put?.headers['x-amz-content-sha256']).toBeDefined();
  });

  test('answers undefined for a key with nothing stored', async () => {
    expect(await archive().get('statements/st_3/none.pdf')).toBeUndefined();
  });

  test.each([
    ['put', () => archive().put('statements/forbidden/a.pdf', new Uint8Array(1), 'application/pdf')],
    ['get', () => archive().get('statements/forbidden/a.pdf')],
  ])('fails a %s that S3 refuses, naming S3’s error code', async (_operation, call) => {
    await expect(call()).rejects.toThrow(/answered 403 \(AccessDenied\)/);
  });
});
