import { OPEN_DATA_CSV_HEADER } from './open-data.ts';

/**
 * A year's open data as a byte stream: the CSV header (for CSV), then the stored lines page by
 * page as they are read, so memory stays flat however many statements the year has. The lines
 * were rendered (CSV with csv-stringify, RFC 4180) when each statement last changed.
 */
export function openDataStream(
  format: 'csv' | 'jsonl',
  pages: AsyncIterable<Uint8Array>,
): ReadableStream<Uint8Array> {
  const iterator = pages[Symbol.asyncIterator]();
  let headerSent = format !== 'csv';
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(new TextEncoder().encode(OPEN_DATA_CSV_HEADER));
        return;
      }
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
}
