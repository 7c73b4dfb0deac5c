import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import * as z from 'zod';
import {
  createStatementBodySchema,
  draftViewSchema,
  replaceStatementBodySchema,
  statementWriteResultSchema,
  withdrawBodySchema,
} from '../../../schemas/statement.ts';
import {
  archivedFileSchema,
  DOCX_TYPE,
  submissionDocumentSchemaAt,
  submissionDraftSchemaAt,
  submissionFieldsSchema,
} from '../../../schemas/submission.ts';
import { invalid } from '../../domain/errors.ts';
import { archiveStatementFile } from '../../domain/submissions/documents.ts';
import {
  createStatement,
  editableDocument,
  parseIfMatch,
  replaceStatement,
  type StatementWriteResult,
  statementActedFor,
  submitStatement,
  withdrawStatement,
} from '../../domain/submissions/statements.ts';
import {
  apiRouter,
  bearerSecurity,
  jsonBodyLimit,
  problem,
  problemResponses,
  registerBearerAuth,
  uploadBodyLimit,
} from '../api-kit.ts';
import { currentUser, requireUser } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { idempotent } from '../idempotency.ts';
import { fieldErrorsFromZod, problemResponse } from '../problems.ts';

const statementParams = z.object({ id: z.string().min(1).max(64) });
const organisationParams = z.object({ orgId: z.string().min(1).max(64) });

const ifMatchHeader = z.object({
  'if-match': z.string().optional().meta({
    description: 'The statement\'s current etag ("1", or "1.2" while a draft is pending); 409 when stale.',
  }),
});
const idempotencyHeader = z.object({
  'idempotency-key': z.string().optional().meta({
    description: 'Makes a retried POST answer the first answer instead of acting twice (kept a day).',
  }),
});

const written = (description: string) => ({
  description,
  headers: { ETag: { schema: { type: 'string' as const }, description: 'The new etag, for If-Match' } },
  content: { 'application/json': { schema: statementWriteResultSchema } },
});

const createStatementRoute = createRoute({
  method: 'post',
  path: '/api/v1/organisations/{orgId}/statements',
  summary: 'Create a statement for an organisation you act for, as a draft or submitted at once',
  tags: ['Submitters'],
  security: bearerSecurity,
  middleware: [requireUser, jsonBodyLimit] as const,
  request: {
    params: organisationParams,
    headers: idempotencyHeader,
    body: { required: true, content: { 'application/json': { schema: createStatementBodySchema } } },
  },
  responses: { 201: written('Created'), ...problemResponses },
});

const replaceStatementRoute = createRoute({
  method: 'put',
  path: '/api/v1/statements/{id}',
  summary: 'Replace the draft, or make a new revision of a submitted statement',
  tags: ['Submitters'],
  security: bearerSecurity,
  middleware: [requireUser, jsonBodyLimit] as const,
  request: {
    params: statementParams,
    headers: ifMatchHeader,
    body: { required: true, content: { 'application/json': { schema: replaceStatementBodySchema } } },
  },
  responses: {
    200: written('Saved'),
    ...problemResponses,
    428: problem('If-Match is required'),
  },
});

const submitRoute = createRoute({
  method: 'post',
  path: '/api/v1/statements/{id}/submit',
  summary: 'Submit the pending draft as the next revision',
  tags: ['Submitters'],
  security: bearerSecurity,
  middleware: [requireUser, jsonBodyLimit] as const,
  request: { params: statementParams, headers: ifMatchHeader.extend(idempotencyHeader.shape) },
  responses: { 200: written('Submitted'), ...problemResponses },
});

const withdrawRoute = createRoute({
  method: 'post',
  path: '/api/v1/statements/{id}/withdraw',
  summary: 'Withdraw a statement from the public register (it stays in its history)',
  tags: ['Submitters'],
  security: bearerSecurity,
  middleware: [requireUser, jsonBodyLimit] as const,
  request: {
    params: statementParams,
    headers: ifMatchHeader.extend(idempotencyHeader.shape),
    body: { required: true, content: { 'application/json': { schema: withdrawBodySchema } } },
  },
  responses: { 200: written('Withdrawn'), ...problemResponses },
});

const draftRoute = createRoute({
  method: 'get',
  path: '/api/v1/statements/{id}/draft',
  summary: 'The document as it is being edited (the pending draft, else the latest revision)',
  tags: ['Submitters'],
  security: bearerSecurity,
  middleware: [requireUser] as const,
  request: { params: statementParams },
  responses: {
    200: {
      description: 'The editable document and its etag',
      content: { 'application/json': { schema: draftViewSchema } },
    },
    ...problemResponses,
  },
});

const uploadRoute = createRoute({
  method: 'put',
  path: '/api/v1/statements/{id}/document',
  summary: 'Upload the statement file (PDF, Word .docx or HTML, at most 10 MB): the register keeps a copy',
  description:
    'The body is the file itself. Its type is read from its content (a PDF starts %PDF-, a .docx is a zip ' +
    'holding word/document.xml), not trusted ' +
    'from Content-Type. The file is attached to the draft (one is made from the latest revision if ' +
    'needed); submit to publish it.',
  tags: ['Submitters'],
  security: bearerSecurity,
  middleware: [requireUser, uploadBodyLimit] as const,
  request: {
    params: statementParams,
    headers: ifMatchHeader.extend({ 'x-file-name': z.string().max(255).optional() }),
    body: {
      required: true,
      content: {
        'application/pdf': { schema: z.string().meta({ format: 'binary' }) },
        [DOCX_TYPE]: { schema: z.string().meta({ format: 'binary' }) },
        'text/html': { schema: z.string() },
      },
    },
  },
  responses: {
    200: {
      description: 'Archived and attached to the draft',
      content: {
        'application/json': {
          schema: statementWriteResultSchema.extend({ archivedFile: archivedFileSchema }),
        },
      },
    },
    ...problemResponses,
  },
});

/**
 * A body that fails its schema is checked once more as a whole document, so the 422 names every
 * problem at once: answers wrong on their own and answers that contradict each other.
 */
function wholeDocumentHook(deps: AppDeps) {
  return <R extends { success: boolean }>(outcome: R): undefined => {
    const result = outcome as unknown as {
      success: boolean;
      error?: z.ZodError;
      data?: unknown;
      target?: string;
    };
    if (result.success || !result.error) return undefined;
    const errors = fieldErrorsFromZod(result.error.issues);
    if (result.target === 'json' && result.data && typeof result.data === 'object') {
      const { submit, ...document } = result.data as Record<string, unknown>;
      const schema =
        submit === true ? submissionDocumentSchemaAt(deps.clock) : submissionDraftSchemaAt(deps.clock);
      const whole = schema.safeParse(document);
      if (!whole.success) {
        const seen = new Set(errors.map((e) => `${e.path} ${e.message}`));
        for (const error of fieldErrorsFromZod(whole.error.issues)) {
          if (!seen.has(`${error.path} ${error.message}`)) errors.push(error);
          seen.add(`${error.path} ${error.message}`);
        }
      }
    }
    throw invalid(errors);
  };
}

function answer(c: Context, result: StatementWriteResult, status: 200 | 201) {
  c.header('etag', `"${result.etag}"`);
  return { status, body: result } as const;
}

export function statementsApi(deps: AppDeps) {
  const app = apiRouter();
  registerBearerAuth(app);
  // The complete document is what a submission must satisfy; name it in the OpenAPI components.
  const { $schema: _dialect, ...submissionJsonSchema } = z.toJSONSchema(submissionFieldsSchema, {
    io: 'input',
  });
  app.openAPIRegistry.registerComponent('schemas', 'SubmissionDocument', {
    ...(submissionJsonSchema as Record<string, unknown>),
    description:
      'A complete submission: every question of the UK registry. Besides these fields, the registry’s rules ' +
      'apply: a URL or a contact email, not both; a period of 12 to 18 months ending in the past; sign-off ' +
      'names all or none; approval on or after the period end and not in the future; "None" alone; "Other" ' +
      'with its description; at most three risks, or none identified; group members listed once each.',
  });

  const hook = wholeDocumentHook(deps);

  app.openapi(
    createStatementRoute,
    async (c) => {
      const user = currentUser(c);
      const { orgId } = c.req.valid('param');
      const { submit, ...document } = c.req.valid('json');
      return idempotent(c, deps, user, { orgId, body: c.req.valid('json') }, async (idempotency) =>
        answer(
          c,
          await createStatement(deps, user, orgId, document, { submit: submit ?? false, idempotency }),
          201,
        ),
      ) as never;
    },
    hook,
  );

  app.openapi(
    replaceStatementRoute,
    async (c) => {
      const user = currentUser(c);
      const ifMatch = parseIfMatch(c.req.header('if-match'));
      if (ifMatch === undefined) {
        return problemResponse(
          c,
          428 as never,
          'Send If-Match with the statement’s current etag (its revision) to change it.',
        ) as never;
      }
      const { submit, ...document } = c.req.valid('json');
      const result = await replaceStatement(deps, user, c.req.valid('param').id, ifMatch, document, {
        submit,
      });
      c.header('etag', `"${result.etag}"`);
      return c.json(result, 200);
    },
    hook,
  );

  app.openapi(submitRoute, async (c) => {
    const user = currentUser(c);
    const { id } = c.req.valid('param');
    const ifMatch = parseIfMatch(c.req.header('if-match'));
    return idempotent(c, deps, user, { id, ifMatch }, async (idempotency) =>
      answer(c, await submitStatement(deps, user, id, ifMatch, idempotency), 200),
    ) as never;
  });

  app.openapi(withdrawRoute, async (c) => {
    const user = currentUser(c);
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    const ifMatch = parseIfMatch(c.req.header('if-match'));
    return idempotent(c, deps, user, { id, reason, ifMatch }, async (idempotency) =>
      answer(c, await withdrawStatement(deps, user, id, reason, ifMatch, idempotency), 200),
    ) as never;
  });

  app.openapi(draftRoute, async (c) => {
    const user = currentUser(c);
    const { header } = await statementActedFor(deps.store, user, c.req.valid('param').id);
    const { document, draft } = await editableDocument(deps.store, header);
    c.header('etag', `"${header.etag}"`);
    c.header('cache-control', 'private, no-store');
    return c.json(
      {
        id: header.id,
        organisationId: header.organisationId,
        status: header.status,
        revision: header.revision,
        etag: header.etag,
        document,
        updatedAt: draft?.updatedAt ?? header.updatedAt,
      },
      200,
    );
  });

  app.openapi(uploadRoute, async (c) => {
    const user = currentUser(c);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const result = await archiveStatementFile(
      deps,
      user,
      c.req.valid('param').id,
      { bytes, fileName: c.req.header('x-file-name') },
      parseIfMatch(c.req.header('if-match')),
    );
    c.header('etag', `"${result.etag}"`);
    return c.json(result, 200);
  });

  return app;
}
