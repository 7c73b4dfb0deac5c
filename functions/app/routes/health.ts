import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import { ping } from '../../store/ping.ts';
import { problem } from '../api-kit.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { problemResponse } from '../problems.ts';

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  summary: 'Whether the register can reach its table',
  responses: {
    200: {
      description: 'The table answers',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
    },
    503: problem('The table does not answer'),
  },
});

export function healthRoutes(deps: AppDeps) {
  return new OpenAPIHono<AppEnv>().openapi(healthRoute, async (c) => {
    try {
      await ping(deps.store);
    } catch (error) {
      deps.log('health check failed', error);
      return problemResponse(c, 503, 'The register cannot reach its table.') as never;
    }
    c.header('cache-control', 'no-store');
    return c.json({ status: 'ok' as const }, 200);
  });
}
