import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

/**
 * /assets/* as CloudFront serves it from the assets bucket in AWS: our stylesheet from
 * web/assets, GOV.UK Frontend's script, fonts and images under /assets/govuk.
 * The same layout is uploaded by the CDK stack (infra/).
 */
export function staticAssets(root: string) {
  const govuk = path.join(root, 'node_modules/govuk-frontend/dist/govuk');
  const cache = { 'cache-control': 'public, max-age=3600' };
  return new Hono()
    .use(
      '/assets/govuk/govuk-frontend.min.js',
      serveStatic({ path: path.join(govuk, 'govuk-frontend.min.js') }),
    )
    .use(
      '/assets/govuk/*',
      serveStatic({
        root: path.join(govuk, 'assets'),
        rewriteRequestPath: (p) => p.replace(/^\/assets\/govuk/, ''),
      }),
    )
    .use(
      '/assets/*',
      serveStatic({
        root: path.join(root, 'web/assets'),
        rewriteRequestPath: (p) => p.replace(/^\/assets/, ''),
      }),
    )
    .use('/assets/*', async (c, next) => {
      await next();
      for (const [name, value] of Object.entries(cache)) c.header(name, value);
    });
}
