import { readFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openDataStream } from '../functions/domain/open-data-stream.ts';
import { newCapacityMeter } from '../functions/store/capacity.ts';
import { listOpenDataLines } from '../functions/store/public/list-open-data-lines.ts';
import { createStore } from '../functions/store/store.ts';

/**
 * Streams the open data of the given years in a fresh process, as the download route does, into
 * a sink that only counts bytes; prints rows, bytes, seconds, read units and the process's peak
 * resident memory as JSON. Run by bench/run.ts: `tsx bench/export-child.ts <endpoint> <table> <csv|jsonl> <years…>`.
 */
/**
 * This process's own peak resident memory. Linux keeps getrusage's maxRSS across exec, so a child
 * started by a large parent (bench/run.ts after seeding 100k statements) reports the parent's
 * peak; VmHWM in /proc belongs to the process's new address space and starts again at exec.
 */
function peakRssMb(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {}
  return process.resourceUsage().maxRSS / 1024;
}

const [endpoint, tableName, format, ...years] = process.argv.slice(2);
if (!endpoint || !tableName || (format !== 'csv' && format !== 'jsonl')) {
  throw new Error('usage: export-child.ts <endpoint> <table> <csv|jsonl> <years…>');
}
const store = createStore({ tableName, region: 'eu-west-2', endpoint });
const capacity = newCapacityMeter();
let rows = 0;
let bytes = 0;
const started = performance.now();
for (const year of years.map(Number)) {
  const stream = openDataStream(
    format,
    listOpenDataLines(store, year, format, {
      capacity,
      onLine: () => rows++,
      // BENCH_EXPORT_PAGE_LINES: lines a Query page asks for (100000: DynamoDB's 1 MB pages, as before).
      ...(process.env.BENCH_EXPORT_PAGE_LINES
        ? { pageLines: Number(process.env.BENCH_EXPORT_PAGE_LINES) }
        : {}),
    }),
  );
  await pipeline(
    Readable.fromWeb(stream as import('node:stream/web').ReadableStream<Uint8Array>),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done();
      },
    }),
  );
}
const seconds = (performance.now() - started) / 1000;
store.client.destroy();
console.log(
  JSON.stringify({
    rows,
    bytes,
    seconds,
    readUnits: capacity.readUnits,
    peakRssMb: peakRssMb(),
  }),
);
