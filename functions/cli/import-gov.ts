import { createReadStream } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { GovCsvHeaderError, type GovRow, readGovCsv } from '../domain/gov-import/gov-csv.ts';
import { readGovStatements } from '../domain/gov-import/gov-statement.ts';
import { importGovStatements } from '../domain/gov-import/import-gov.ts';
import { dataDirectory } from '../local/dev-issuer.ts';
import { createFileArchive } from '../local/file-archive.ts';
import { createStreamPoller } from '../local/stream-poller.ts';
import { createFileMailer } from '../mail/file-mailer.ts';
import { processChanges } from '../worker/process-changes.ts';
import { createReactors } from '../worker/reactors.ts';
import { openTable } from './backup.ts';
import type { Io } from './main.ts';

const options = {
  table: { type: 'string', default: 'register' },
  endpoint: { type: 'string' },
  region: { type: 'string' },
  aws: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  parallel: { type: 'string', default: '16' },
} as const;

const USAGE =
  'Usage: register import-gov <StatementSummaries….csv …> [--aws | --endpoint <url>] [--table <name>] [--region <r>] [--json]\n';

async function* rowsOf(files: string[]): AsyncGenerator<GovRow> {
  for (const file of files) yield* readGovCsv(createReadStream(file), path.basename(file));
}

/**
 * `register import-gov <csv…>`: the government registry's yearly files into organisations and
 * statements "imported from the government registry". Idempotent: a second run of the same files
 * writes nothing; a row changed since the last run makes a new revision. Against the local data
 * folder the stream worker's work (search index, open data, compliance, "document not fetched")
 * is done before the command ends; against `--endpoint` or `--aws`, the running worker does it.
 */
export async function importGovCommand(args: string[], io: Io): Promise<number> {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: typeof options; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    if (parsed.positionals.length === 0) throw new Error('name at least one CSV file');
  } catch (error) {
    io.stderr.write(`register import-gov: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals: files } = parsed;
  const started = performance.now();
  let reading: Awaited<ReturnType<typeof readGovStatements>>;
  try {
    reading = await readGovStatements(rowsOf(files));
  } catch (error) {
    if (error instanceof GovCsvHeaderError || (error as NodeJS.ErrnoException).code === 'ENOENT') {
      io.stderr.write(`register import-gov: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
  const read = performance.now();
  const table = await openTable(values);
  try {
    const clock = () => new Date();
    const result = await importGovStatements(table.store, reading.statements, clock, {
      parallel: Math.max(1, Number(values.parallel) || 16),
    });
    const written = performance.now();
    if (table.local) {
      const dir = dataDirectory();
      const reactors = createReactors({
        store: table.store,
        clock,
        log: (message, detail) => io.stderr.write(`${message} ${detail ? JSON.stringify(detail) : ''}\n`),
        archive: createFileArchive(path.join(dir, 'archive')),
        mailer: createFileMailer(path.join(dir, 'outbox'), clock),
      });
      const poller = createStreamPoller({
        client: table.store.client,
        endpoint: table.local.endpoint,
        region: table.local.region,
        tableName: values.table,
        handle: async (changes) => (await processChanges(changes, reactors, () => {})).firstFailure,
        onError: (error) => io.stderr.write(`stream: ${String(error)}\n`),
        checkpointFile: path.join(dir, 'stream-checkpoint.json'),
      });
      await poller.drain(100_000);
    }
    const done = performance.now();
    const issues = [...reading.issues, ...result.issues];
    const summary = {
      files: files.length,
      rows: reading.rows,
      duplicateRows: reading.duplicateRows,
      statements: reading.statements.length,
      organisationsCreated: result.organisationsCreated,
      created: result.created,
      revised: result.revised,
      unchanged: result.unchanged,
      issues,
      seconds: {
        read: Number(((read - started) / 1000).toFixed(2)),
        write: Number(((written - read) / 1000).toFixed(2)),
        worker: Number(((done - written) / 1000).toFixed(2)),
      },
    };
    if (values.json) io.stdout.write(`${JSON.stringify(summary)}\n`);
    else {
      io.stdout.write(
        `Read ${summary.rows} rows (${summary.duplicateRows} repeated) from ${summary.files} file(s): ${summary.statements} statements.\n` +
          `Imported from the government registry: ${summary.created} new, ${summary.revised} revised, ${summary.unchanged} unchanged; ${summary.organisationsCreated} new organisations.\n` +
          issues.map((issue) => `  ${issue.file} line ${issue.line}: ${issue.message}\n`).join(''),
      );
    }
    return 0;
  } finally {
    await table.close();
  }
}
