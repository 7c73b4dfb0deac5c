import type { Context } from 'hono';

/**
 * The address a request came from, for per-client rate limits. In AWS the API is reached only
 * through CloudFront (the origin secret refuses anything else), whose viewer-request function
 * writes `X-Viewer-Address` from the connection, over whatever the client sent (infra/edge.ts);
 * the local front writes it too. `CloudFront-Viewer-Address` ("ip:port", CloudFront's own) comes
 * next, then API Gateway's source address, then the local server's socket. `X-Forwarded-For` is
 * never trusted: a client can write it.
 */
export function clientAddress(c: Context): string {
  const edge = c.req.header('x-viewer-address');
  if (edge) return edge.replace(/^\[|\]$/g, '');
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
