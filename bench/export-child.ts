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
    listOpenDataLines(store, year, format, { capacity, onLine: () => rows++ }),
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
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
