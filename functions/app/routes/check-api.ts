import type { Context } from 'hono';
import { type CheckDocument, checkDocumentSchema } from '../../../schemas/check-request.ts';
import { DocumentTooLargeError } from '../../checker/extract/document.ts';
import { guardedFetch } from '../../checker/fetch/guarded-fetch.ts';
import { type CheckSource, type RunCheckOutcome, runCheck } from '../../checker/run-check.ts';
import { defaultTagger } from '../../checker/tagger/model.ts';
import type { Fetcher } from '../../checker/website.ts';
import { badRequest, invalid, tooLarge, unsupportedMediaType } from '../../domain/errors.ts';
import { apiRouter, UPLOAD_LIMIT, uploadBodyLimit } from '../api-kit.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { fieldErrorsFromZod } from '../problems.ts';
import { checkRoute } from './check-route.ts';

/** Website checks from the API use short limits: the caller is waiting. */
export const apiFetcher: Fetcher = (url) => guardedFetch(url, { timeoutMs: 5_000, maxBytes: UPLOAD_LIMIT });

export interface CheckRequest {
  document: CheckDocument;
  source: CheckSource;
}

const DOCUMENT_TYPES =
  /^(application\/pdf|text\/html|application\/xhtml\+xml|text\/plain|application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document)\b/i;

function parseDocument(raw: unknown, prefix = ''): CheckDocument {
  const parsed = checkDocumentSchema.safeParse(raw);
  if (!parsed.success) throw invalid(fieldErrorsFromZod(parsed.error.issues, prefix));
  return parsed.data;
}

/** Reads what was sent: JSON, a multipart form with a file, or a raw PDF/HTML/text body. */
export async function readCheckRequest(c: Context<AppEnv>): Promise<CheckRequest> {
  const type = c.req.header('content-type') ?? '';
  if (/^application\/json\b/i.test(type)) {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      throw badRequest('The body is not valid JSON.');
    }
    const document = parseDocument(raw);
    if (document.statementText?.trim())
      return { document, source: { kind: 'text', text: document.statementText } };
    if (document.statementUrl) return { document, source: { kind: 'url' } };
    throw invalid([
      { path: '/statementText', message: 'give the statement’s text, a statementUrl, or upload the file' },
    ]);
  }
  if (/^multipart\/form-data\b/i.test(type)) {
    const form = await c.req.parseBody();
    let fields: unknown = {};
    if (typeof form.document === 'string' && form.document.trim()) {
      try {
        fields = JSON.parse(form.document);
      } catch {
        throw invalid([{ path: '/document', message: 'must be the submission fields as JSON' }]);
      }
    }
    const document = parseDocument(fields);
    const file = form.file;
    if (file instanceof File && file.size > 0) {
      if (file.size > UPLOAD_LIMIT) throw tooLarge('The file must be at most 10 MB.');
      return {
        document,
        source: {
          kind: 'document',
          bytes: new Uint8Array(await file.arrayBuffer()),
          hint: file.type || file.name,
        },
      };
    }
    const text = typeof form.statementText === 'string' ? form.statementText : document.statementText;
    if (text?.trim()) return { document, source: { kind: 'text', text } };
    if (document.statementUrl) return { document, source: { kind: 'url' } };
    throw invalid([
      { path: '/file', message: 'upload the statement (PDF, Word .docx, HTML or text) or give its text' },
    ]);
  }
  if (DOCUMENT_TYPES.test(type)) {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (!bytes.byteLength) throw invalid([{ path: '', message: 'the body is empty' }]);
    return { document: {}, source: { kind: 'document', bytes, hint: type } };
  }
  throw unsupportedMediaType(
    'Send JSON, a multipart form with a file, or a PDF, Word (.docx), HTML or text body.',
  );
}

/** Runs the check without storing anything (the API and the /check page). */
export async function checkWithoutStoring(
  deps: AppDeps,
  request: CheckRequest,
  options: { offline: boolean; fetcher?: Fetcher },
): Promise<RunCheckOutcome> {
  try {
    return await runCheck(request.document, request.source, {
      tagger: defaultTagger(),
      now: deps.clock(),
      fetcher: options.offline ? undefined : (options.fetcher ?? apiFetcher),
    });
  } catch (error) {
    if (error instanceof DocumentTooLargeError) throw tooLarge(error.message);
    throw error;
  }
}

export function checkApi(deps: AppDeps, options: { fetcher?: Fetcher } = {}) {
  const app = apiRouter();
  // Body validation is ours (several media types); the route's schemas document the contract.
  app.openAPIRegistry.registerPath(checkRoute);
  app.post('/api/v1/check', uploadBodyLimit, async (c) => {
    const offline = c.req.query('offline') === 'true';
    const request = await readCheckRequest(c);
    const { result } = await checkWithoutStoring(deps, request, {
      offline,
      ...(options.fetcher ? { fetcher: options.fetcher } : {}),
    });
    c.header('cache-control', 'no-store');
    return c.json(result, 200);
  });
  return app;
}
