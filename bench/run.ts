import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as z from 'zod';
import { startDynamoDbLocal } from '../functions/local/dynamodb-local.ts';
import { createStore } from '../functions/store/store.ts';
import { ensureBenchTable } from './bench-table.ts';
import { benchSearch, type SearchFigures } from './search.ts';
import { existingSeed, type SeedSample, seedRegister, upgradeSeed } from './seed.ts';
import { benchStatementPage, type StatementPageFigures } from './statement-page.ts';

/**
 * `npm run bench`: the register's benchmarks, printed as markdown.
 *
 * Search: seeds registers of BENCH_SIZES statements (default 1000,10000; the issue's full set is
 * BENCH_SIZES=1000,10000,100000) into an in-memory DynamoDB Local, in a table without the stream
 * (about 2,000–3,000 items/s here; file-backed DynamoDB Local writes about 40), then measures
 * search latency and read units per page, the statement page, and streams every year's CSV and
 * JSON lines in a fresh process to time them and read the peak memory. BENCH_DYNAMO_ENDPOINT
 * reuses a running DynamoDB Local (BENCH_DYNAMO_ENDPOINT_100000 for one size only): a size seeded
 * there by an earlier run (same generator) is not seeded again, so a 100k seed survives a later
 * step's failure (`npx tsx bench/dynamodb.ts`). Then the other engineers' benchmarks, when
 * present (BENCH_ONLY=benchChecker,… picks some).
 */

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

const exportFiguresSchema = z.object({
  rows: z.number(),
  bytes: z.number(),
  seconds: z.number(),
  readUnits: z.number(),
  peakRssMb: z.number(),
});
type ExportFigures = z.infer<typeof exportFiguresSchema>;

const sizes = (process.env.BENCH_SIZES ?? '1000,10000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const log = (message: string) => process.stderr.write(`${message}\n`);

async function exportFigures(endpoint: string, table: string, years: number[], format: 'csv' | 'jsonl') {
  const { stdout } = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(root, 'bench/export-child.ts'),
      endpoint,
      table,
      format,
      ...years.map(String),
    ],
    { cwd: root, maxBuffer: 1 << 20, env: { ...process.env } },
  );
  return exportFiguresSchema.parse(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}'));
}

async function searchSection(): Promise<string[]> {
  if (sizes.length === 0) return ['(BENCH_SIZES is empty: search benchmarks skipped)'];
  const lines: string[] = [];
  const seeds: string[] = [];
  const results: {
    size: number;
    figures: SearchFigures[];
    pages: StatementPageFigures[];
    csv: ExportFigures;
    jsonl: ExportFigures;
  }[] = [];
  for (const size of sizes) {
    // One DynamoDB Local per size: with a seeded table already in it, DynamoDB Local wrote the next
    // size's items about 50 times slower here (19 items/s instead of ~950).
    const running = process.env[`BENCH_DYNAMO_ENDPOINT_${size}`] ?? process.env.BENCH_DYNAMO_ENDPOINT;
    const dynamo = running ? { endpoint: running, stop: async () => {} } : await startDynamoDbLocal();
    try {
      const tableName = `bench-${size}`;
      const store = createStore({ tableName, region: 'eu-west-2', endpoint: dynamo.endpoint });
      await ensureBenchTable(store.client, tableName);
      let seed = await existingSeed(store, size);
      const upgraded = seed
        ? undefined
        : await upgradeSeed(store, size, {
            onProgress: (done) => {
              if (done % 10_000 < 500) log(`  upgraded ${done} / ${size}`);
            },
          });
      if (upgraded) {
        seed = upgraded;
        seeds.push(
          `| ${size.toLocaleString('en-GB')} | ${upgraded.organisations.toLocaleString('en-GB')} | ${upgraded.items.toLocaleString('en-GB')} | earlier run's seed, upgraded to this generator: ${upgraded.added.toLocaleString('en-GB')} items added |`,
        );
      } else if (seed) {
        seeds.push(
          `| ${size.toLocaleString('en-GB')} | ${seed.organisations.toLocaleString('en-GB')} | ${seed.items.toLocaleString('en-GB')} | ${fmt(seed.seconds, 0)} s (earlier run, reused) |`,
        );
      } else {
        log(`seeding ${size} statements…`);
        const seeded = await seedRegister(store, size, {
          onProgress: (done) => {
            if (done % 10_000 < 500) log(`  ${done} / ${size}`);
          },
        });
        seed = seeded;
        seeds.push(
          `| ${size.toLocaleString('en-GB')} | ${seeded.organisations.toLocaleString('en-GB')} | ${seeded.items.toLocaleString('en-GB')} | ${fmt(seeded.seconds, 0)} s (${fmt(seeded.items / seeded.seconds, 0)} items/s) |`,
        );
      }
      log(`searching ${size}…`);
      const sample: SeedSample = seed.sample;
      const figures = await benchSearch(store, sample);
      log(`statement pages ${size}…`);
      const pages = await benchStatementPage(store);
      // The export's time and memory (the "writes" engineer's rows); BENCH_SKIP_EXPORT=1 leaves them out.
      log(`exporting ${size}…`);
      const skipExport = process.env.BENCH_SKIP_EXPORT === '1';
      const none = { rows: 0, bytes: 0, seconds: 0, readUnits: 0, peakRssMb: 0 };
      const csv = skipExport ? none : await exportFigures(dynamo.endpoint, tableName, sample.years, 'csv');
      const jsonl = skipExport
        ? none
        : await exportFigures(dynamo.endpoint, tableName, sample.years, 'jsonl');
      results.push({ size, figures, pages, csv, jsonl });
      store.client.destroy();
    } finally {
      await dynamo.stop();
    }
  }

  lines.push('### Search (DynamoDB Local, page size 20)', '');
  lines.push(
    '| statements | search | pages | p50 ms | p95 ms | read units / page (mean) | max | results / page | empty pages with more | full pages | read units / full page |',
  );
  lines.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const { size, figures } of results) {
    for (const f of figures) {
      lines.push(
        `| ${size.toLocaleString('en-GB')} | ${f.kind} | ${f.searches} | ${fmt(f.p50)} | ${fmt(f.p95)} | ${fmt(f.meanReadUnits, 2)} | ${fmt(f.maxReadUnits, 1)} | ${fmt(f.meanItems)} | ${f.emptyPages} | ${f.fullPages} | ${f.meanReadUnitsFull === null ? '–' : fmt(f.meanReadUnitsFull, 2)} |`,
      );
    }
  }
  const smallest = results[0];
  const largest = results.at(-1);
  if (smallest && largest && largest !== smallest) {
    lines.push('');
    for (const f of largest.figures) {
      const base = smallest.figures.find((g) => g.kind === f.kind);
      if (!base) continue;
      const ratio = f.meanReadUnits / base.meanReadUnits;
      const fullRatio =
        f.meanReadUnitsFull !== null && base.meanReadUnitsFull !== null
          ? `, ${fmt(f.meanReadUnitsFull / base.meanReadUnitsFull, 2)}× per full page`
          : '';
      lines.push(
        `- ${f.kind}: empty pages with results remaining: ${f.emptyPages}; read units per page at ${largest.size.toLocaleString('en-GB')} are ${fmt(ratio, 2)}× those at ${smallest.size.toLocaleString('en-GB')}${fullRatio} (target ≤ 1.5×); every page under 10: ${f.maxReadUnits < 10 ? 'yes' : 'no'}; p95 ${fmt(f.p95)} ms (target < 100 ms)`,
      );
    }
  }
  lines.push('', '### Statement page (rendered through the app, every DynamoDB call metered)', '');
  lines.push(
    '| statements | statement | revisions | sentences | read units (target ≤ 4) | read units the old way | p50 ms | p95 ms | KB of HTML |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const { size, pages } of results) {
    for (const p of pages) {
      lines.push(
        `| ${size.toLocaleString('en-GB')} | ${p.kind} | ${p.revisions} | ${p.sentences.toLocaleString('en-GB')} | ${fmt(p.readUnits)} | ${fmt(p.readUnitsBefore)} | ${fmt(p.p50)} | ${fmt(p.p95)} | ${fmt(p.kilobytes, 0)} |`,
      );
    }
  }
  if (smallest && largest && largest !== smallest) {
    lines.push('');
    for (const p of largest.pages) {
      const base = smallest.pages.find((q) => q.kind === p.kind);
      if (base)
        lines.push(
          `- ${p.kind} statement page: ${fmt(p.readUnits)} read units at ${largest.size.toLocaleString('en-GB')} (${fmt(p.readUnits / base.readUnits, 2)}× ${smallest.size.toLocaleString('en-GB')}; target ≤ 4 and ≤ 1.5×); p95 ${fmt(p.p95)} ms (target < 100 ms)`,
        );
    }
  }
  lines.push('', '### Open data export (every year, streamed in a fresh process)', '');
  lines.push('| statements | format | rows | MB | seconds | rows/s | read units | peak RSS MB |');
  lines.push('|---:|---|---:|---:|---:|---:|---:|---:|');
  for (const { size, csv, jsonl } of results) {
    for (const [format, e] of [
      ['CSV', csv],
      ['JSONL', jsonl],
    ] as const) {
      lines.push(
        `| ${size.toLocaleString('en-GB')} | ${format} | ${e.rows.toLocaleString('en-GB')} | ${fmt(e.bytes / 1e6)} | ${fmt(e.seconds)} | ${fmt(e.rows / e.seconds, 0)} | ${fmt(e.readUnits, 0)} | ${fmt(e.peakRssMb, 0)} |`,
      );
    }
  }
  lines.push(
    '',
    '### Seeding (parallel BatchWrite, 12 requests in flight, table without stream: bench/bench-table.ts)',
    '',
  );
  lines.push('| statements | organisations | items | time |', '|---:|---:|---:|---|', ...seeds);
  return lines;
}

/** Another engineer's benchmark, when its file exists: `export async function <name>(): Promise<string>`. */
async function optional(file: string, name: string): Promise<string[]> {
  if (!existsSync(path.join(root, file))) return [`(${file} not present: skipped)`];
  try {
    const module = (await import(path.join(root, file))) as Record<string, unknown>;
    const bench = module[name];
    if (typeof bench !== 'function') return [`(${file} has no ${name}(): skipped)`];
    return [String(await (bench as () => Promise<string>)())];
  } catch (error) {
    return [`(${file} failed: ${error instanceof Error ? error.message : String(error)})`];
  }
}

async function main() {
  const started = Date.now();
  const out: string[] = [`## Benchmarks (${new Date().toISOString().slice(0, 10)}, \`npm run bench\`)`, ''];
  out.push(...(await searchSection()), '');
  for (const [file, name, title] of [
    ['bench/checker.ts', 'benchChecker', 'Checker'],
    ['bench/pdf-fonts.ts', 'benchPdfFonts', 'PDF extraction: the cost of reading font names'],
    ['bench/bundle.ts', 'benchBundle', 'API bundle'],
    ['bench/charts.ts', 'benchCharts', 'Charts (Observable Plot, charts.mjs)'],
    ['bench/officers.ts', 'benchOfficers', 'Compliance officers'],
    ['bench/import-gov.ts', 'benchImportGov', 'Government registry import (register import-gov)'],
    ['bench/stream-writes.ts', 'benchStreamWrites', 'Stream worker: calls and write units per submission'],
    ['bench/cli-start.ts', 'benchCliStart', 'Command line: start-up of register --help'],
  ] as const) {
    if (process.env.BENCH_ONLY !== undefined && !process.env.BENCH_ONLY.split(',').includes(name)) continue;
    log(`${title}…`);
    out.push(`### ${title}`, '', ...(await optional(file, name)), '');
  }
  out.push(`(${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
  console.log(out.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
