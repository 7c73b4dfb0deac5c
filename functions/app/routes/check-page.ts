import { Hono } from 'hono';
import { ENTITY_TYPE_LABELS, ENTITY_TYPES } from '../../../schemas/registry-options.ts';
import type { Fetcher } from '../../checker/website.ts';
import { DomainError } from '../../domain/errors.ts';
import { checkResultView } from '../check-result-view.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { renderPage } from '../page.ts';
import { checkWithoutStoring, readCheckRequest } from './check-api.ts';

const entityTypeItems = (selected?: string) => [
  { value: '', text: 'Not given' },
  ...ENTITY_TYPES.map((value) => ({ value, text: ENTITY_TYPE_LABELS[value], selected: value === selected })),
];

/** "Check a statement": paste the text or upload the file; nothing is stored. Works without JavaScript. */
export function checkPage(deps: AppDeps, options: { fetcher?: Fetcher } = {}) {
  const app = new Hono<AppEnv>();
  app.get('/check', (c) =>
    renderPage(c, deps, 'check/check.njk', {
      title: 'Check a statement',
      description:
        'Check a modern slavery statement against section 54 and the statutory guidance before you publish it. Nothing is stored.',
      entityTypes: entityTypeItems(),
    }),
  );
  app.post('/check', async (c) => {
    const form = { statementText: '', entityType: '' };
    try {
      const request = await readCheckRequest(c);
      const body = await c.req.parseBody();
      form.entityType = typeof body.entityType === 'string' ? body.entityType : '';
      form.statementText = typeof body.statementText === 'string' ? body.statementText : '';
      const entityType = ENTITY_TYPES.find((t) => t === form.entityType);
      if (entityType)
        request.document = {
          ...request.document,
          organisation: { ...request.document.organisation, entityType },
        };
      const { result } = await checkWithoutStoring(deps, request, {
        offline: true,
        ...(options.fetcher ? { fetcher: options.fetcher } : {}),
      });
      c.header('cache-control', 'no-store');
      return renderPage(c, deps, 'check/result.njk', {
        title: 'Check result',
        check: checkResultView(result),
      });
    } catch (error) {
      if (
        !(error instanceof DomainError) ||
        !['invalid', 'too_large', 'unsupported_media_type', 'bad_request'].includes(error.kind)
      )
        throw error;
      const message =
        error.kind === 'too_large'
          ? 'The file must be at most 10 MB'
          : error.kind === 'unsupported_media_type'
            ? 'Upload a PDF, Word (.docx), HTML or text file'
            : 'Paste the statement’s text or upload the statement file';
      return renderPage(
        c,
        deps,
        'check/check.njk',
        {
          title: 'Error: Check a statement',
          error: message,
          statementText: form.statementText,
          entityTypes: entityTypeItems(form.entityType),
        },
        error.kind === 'too_large' ? 413 : 422,
      );
    }
  });
  return app;
}
