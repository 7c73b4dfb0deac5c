import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../deps.ts';
import { renderPage } from '../page.ts';

/** The parts of an OpenAPI 3.1 document the page reads (the generator's output, loosely typed). */
type Json = Record<string, unknown>;
const asObject = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asText = (value: unknown): string => (typeof value === 'string' ? value : '');

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** A schema in a few words: "array of Flag", "one of: board, members, other", "string (date)". */
export function describeSchema(schema: unknown, depth = 0): string {
  const s = asObject(schema);
  const ref = asText(s.$ref);
  if (ref) return ref.replace('#/components/schemas/', '');
  if (Array.isArray(s.enum)) return `one of: ${s.enum.map(String).join(' · ')}`;
  if ('const' in s) return `exactly ${JSON.stringify(s.const)}`;
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(s[key]) && depth < 3)
      return asArray(s[key])
        .map((part) => describeSchema(part, depth + 1))
        .join(' or ');
  }
  const types = (Array.isArray(s.type) ? s.type : [s.type]).filter((t): t is string => typeof t === 'string');
  const main = types.filter((t) => t !== 'null');
  const nullable = types.includes('null') ? ' or null' : '';
  if (main.includes('array'))
    return `array of ${depth < 3 ? describeSchema(s.items, depth + 1) : 'items'}${nullable}`;
  const format = asText(s.format);
  const limits = [
    typeof s.maxLength === 'number' ? `at most ${s.maxLength} characters` : '',
    typeof s.minimum === 'number' ? `≥ ${s.minimum}` : '',
    typeof s.maximum === 'number' ? `≤ ${s.maximum}` : '',
  ].filter(Boolean);
  const base = main.join(' or ') || (s.properties ? 'object' : 'any');
  return `${base}${format ? ` (${format})` : ''}${limits.length ? `, ${limits.join(', ')}` : ''}${nullable}`;
}

function propertiesOf(schema: unknown) {
  const s = asObject(schema);
  const required = new Set(asArray(s.required).map(String));
  return Object.entries(asObject(s.properties)).map(([name, property]) => ({
    name,
    type: describeSchema(property),
    required: required.has(name),
    description: asText(asObject(property).description),
  }));
}

function contentOf(content: unknown) {
  return Object.entries(asObject(content)).map(([type, media]) => ({
    type,
    schema: describeSchema(asObject(media).schema),
  }));
}

/** The OpenAPI document as a page model: operations by tag, then the named schemas. */
export function docsModel(document: unknown) {
  const doc = asObject(document);
  const groups = new Map<string, unknown[]>();
  for (const [path, item] of Object.entries(asObject(doc.paths))) {
    for (const method of METHODS) {
      const operation = asObject(asObject(item)[method]);
      if (Object.keys(operation).length === 0) continue;
      const tag = asText(asArray(operation.tags)[0]) || 'Public';
      const entry = {
        id: `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-'),
        method: method.toUpperCase(),
        path,
        summary: asText(operation.summary),
        description: asText(operation.description),
        signedIn: asArray(operation.security).length > 0,
        parameters: asArray(operation.parameters).map((p) => {
          const parameter = asObject(p);
          return {
            name: asText(parameter.name),
            in: asText(parameter.in),
            required: parameter.required === true,
            type: describeSchema(parameter.schema),
            description: asText(parameter.description),
          };
        }),
        body: contentOf(asObject(operation.requestBody).content),
        responses: Object.entries(asObject(operation.responses)).map(([status, response]) => ({
          status,
          description: asText(asObject(response).description),
          content: contentOf(asObject(response).content),
        })),
      };
      groups.set(tag, [...(groups.get(tag) ?? []), entry]);
    }
  }
  const schemas = Object.entries(asObject(asObject(doc.components).schemas))
    .map(([name, schema]) => ({
      name,
      description: asText(asObject(schema).description),
      type: describeSchema({ ...asObject(schema), description: undefined }),
      properties: propertiesOf(schema),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const info = asObject(doc.info);
  return {
    title: asText(info.title),
    version: asText(info.version),
    description: asText(info.description),
    tags: [...groups.entries()].map(([name, operations]) => ({ name, operations })),
    schemas,
  };
}

/** GET /api/docs: the OpenAPI document rendered for people, on the server (no CDN scripts). */
export function apiDocsPage(deps: AppDeps, openApiDocument: () => unknown) {
  return new Hono<AppEnv>().get('/api/docs', (c) => {
    c.header('cache-control', 'public, max-age=300');
    return renderPage(c, deps, 'api-docs.njk', { title: 'API', api: docsModel(openApiDocument()) });
  });
}
