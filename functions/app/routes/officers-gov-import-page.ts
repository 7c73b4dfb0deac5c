import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Hono } from 'hono';
import { GovCsvHeaderError, type GovRow, readGovCsv } from '../../domain/gov-import/gov-csv.ts';
import { readGovStatements } from '../../domain/gov-import/gov-statement.ts';
import { importGovStatements } from '../../domain/gov-import/import-gov.ts';
import { requireSignedInPage } from '../auth.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { renderPage } from '../page.ts';
import { errorView } from './account-pages.ts';
import { requireOfficerPage } from './officers-pages.ts';

const TEMPLATE = 'officers/import-gov.njk';
const TITLE = 'Import the government registry’s statements';

/**
 * The officers' page for the government registry's yearly CSV files: the same import as
 * `register import-gov`, run while the page waits (a year's file is a few thousand rows); the
 * stream worker then indexes and checks what it wrote.
 */
export function officersGovImportPage(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('/officers/import-gov', requireSignedInPage, requireOfficerPage);

  app.get('/officers/import-gov', (c) =>
    renderPage(c, deps, TEMPLATE, { title: TITLE, activeNav: 'officers' }),
  );

  app.post('/officers/import-gov', async (c) => {
    const form = await c.req.parseBody({ all: true });
    const files = (Array.isArray(form.files) ? form.files : [form.files]).filter(
      (file): file is File => file instanceof File && file.size > 0,
    );
    const refuse = (message: string) =>
      renderPage(
        c,
        deps,
        TEMPLATE,
        {
          title: `Error: ${TITLE}`,
          activeNav: 'officers',
          ...errorView([{ path: '/files', message }], () => 'files'),
        },
        422,
      );
    if (files.length === 0) return refuse('Select one or more CSV files of the government registry');
    async function* rows(): AsyncGenerator<GovRow> {
      for (const file of files) {
        const input = Readable.fromWeb(file.stream() as unknown as WebReadableStream<Uint8Array>);
        yield* readGovCsv(input, file.name.slice(0, 200));
      }
    }
    let reading: Awaited<ReturnType<typeof readGovStatements>>;
    try {
      reading = await readGovStatements(rows());
    } catch (error) {
      if (error instanceof GovCsvHeaderError) return refuse(error.message);
      // csv-parse's own errors (an unclosed quote, say) name the line.
      if (error instanceof Error && 'code' in error && String(error.code).startsWith('CSV_')) {
        return refuse(`The file cannot be read as CSV: ${error.message}`);
      }
      throw error;
    }
    const result = await importGovStatements(deps.store, reading.statements, deps.clock);
    c.header('cache-control', 'private, no-store');
    return renderPage(c, deps, TEMPLATE, {
      title: 'Government registry import finished',
      activeNav: 'officers',
      result: {
        files: files.map((file) => file.name),
        rows: reading.rows,
        duplicateRows: reading.duplicateRows,
        statements: reading.statements.length,
        created: result.created,
        revised: result.revised,
        unchanged: result.unchanged,
        organisationsCreated: result.organisationsCreated,
        issues: [...reading.issues, ...result.issues].slice(0, 500),
        issueCount: reading.issues.length + result.issues.length,
      },
    });
  });
  return app;
}
