import type { Context } from 'hono';

/**
 * The address a request came from, for per-client rate limits. In AWS the API sits behind
 * CloudFront, which sets `CloudFront-Viewer-Address` ("ip:port") itself (the distribution's
 * origin request policy must forward it); API Gateway's own source address comes next, then the
 * local server's socket. `X-Forwarded-For` is never trusted: a client can write it.
 */
export function clientAddress(c: Context): string {
  const viewer = c.req.header('cloudfront-viewer-address');
  if (viewer) return viewer.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const env = c.env as
    | {
        requestContext?: { http?: { sourceIp?: string } };
        incoming?: { socket?: { remoteAddress?: string } };
      }
    | undefined;
  return env?.requestContext?.http?.sourceIp ?? env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
