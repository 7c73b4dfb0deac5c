import type { Hono } from 'hono';
import * as z from 'zod';
import { authFor } from '../../support/app.ts';

/** What the fuzz tests read of the OpenAPI document. */
const openApiSchema = z.object({
  paths: z.record(
    z.string(),
    z.record(
      z.string(),
      z.object({
        parameters: z.array(z.object({ name: z.string(), in: z.string() })).optional(),
        requestBody: z.object({ content: z.record(z.string(), z.unknown()) }).optional(),
      }),
    ),
  ),
});

export interface Operation {
  method: string;
  /** With `{name}` where a path parameter goes. */
  path: string;
  /** The declared query parameters. */
  query: string[];
  /** Whether it takes a JSON body. */
  json: boolean;
}

/** Every operation of the app's OpenAPI document, so that new routes are fuzzed without edits. */
export async function apiOperations(app: Pick<Hono, 'request'>): Promise<Operation[]> {
  const document = openApiSchema.parse(await (await app.request('/api/v1/openapi.json')).json());
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      json: Boolean(operation.requestBody?.content['application/json']),
    })),
  );
}

/** Headers of the three callers every fuzz run picks from: anonymous, a signed-in user, an officer. */
export async function fuzzCallers(name: string): Promise<Record<string, string>[]> {
  return [
    {},
    await authFor({ email: `${name}-user@register.example` }),
    await authFor({ email: `${name}-officer@register.example`, officer: true }),
  ];
}
