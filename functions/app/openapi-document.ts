/**
 * What the generator leaves to us, applied to the document it builds from the routes' zod
 * schemas, so that every route — including ones added later — meets the contract that outside
 * tools check (`redocly lint`, swagger-parser; test/submissions/openapi.test.ts):
 * - every operation has an `operationId`, derived from its method and path unless it names one;
 * - an operation without `security` is public and says so (`security: []`);
 * - an operation that answers 428 requires `If-Match`: the header is marked required (the
 *   server checks it itself, to answer 428 rather than 422);
 * - the site's address, when configured, is the document's server (else `/`, relative to the
 *   document's own address).
 */

// biome-ignore lint/suspicious/noExplicitAny: the generator's output is walked as plain JSON.
type Json = Record<string, any>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const pascal = (word: string) =>
  word
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join('');

/** `post /api/v1/statements/{id}/submit` → `postStatementsByIdSubmit`. */
export function operationIdFor(method: string, path: string): string {
  const segments = path
    .replace(/^\/api\/v1\//, '/')
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const parameter = /^\{(.+)\}$/.exec(segment)?.[1];
      if (parameter) return `By${pascal(parameter)}`;
      // statements-{year}.csv → Statements By Year Csv
      return segment
        .split(/(\{[^}]+\})/)
        .map((part) => (part.startsWith('{') ? `By${pascal(part.slice(1, -1))}` : pascal(part)))
        .join('');
    });
  return `${method.toLowerCase()}${segments.join('')}`;
}

export function finishOpenApiDocument<Document extends object>(
  document: Document,
  siteAddress?: string,
): Document {
  const doc = structuredClone(document) as Json;
  // Without a configured address, the server is wherever the document was fetched from.
  doc.servers = [{ url: siteAddress ? siteAddress.replace(/\/+$/, '') : '/', description: 'This register' }];
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Json)) {
    for (const method of METHODS) {
      const operation = (item as Json)[method] as Json | undefined;
      if (!operation) continue;
      operation.operationId ??= operationIdFor(method, path);
      operation.security ??= [];
      if (operation.responses?.['428']) {
        for (const parameter of (operation.parameters ?? []) as Json[]) {
          if (parameter.in === 'header' && String(parameter.name).toLowerCase() === 'if-match') {
            parameter.required = true;
          }
        }
      }
    }
  }
  return doc as Document;
}
