// Reads one untrusted document at a time in a worker thread, so the pool (pool.ts) can end it on a
// time limit and cap its heap: {id, kind: 'html'|'pdf'|'docx', bytes, limits} →
// {id, ok: true, ...} or {id, ok: false, reason, message}, reason naming the limit crossed.
// Plain JavaScript so it runs the same under Node, tsx, vitest and a bundled Lambda.
import { parentPort } from 'node:worker_threads';
import { LimitError } from './guards.mjs';

// Each reader is loaded the first time it is needed: a thread that reads HTML never loads pdf.js.
const readers = {
  html: async () => (await import('./html-reader.mjs')).readHtml,
  pdf: async () => (await import('./pdf-reader.mjs')).readPdf,
  docx: async () => (await import('./docx-reader.mjs')).readDocx,
};

parentPort.on('message', ({ id, kind, bytes, limits }) => {
  readers[kind]()
    .then((reader) => reader(new Uint8Array(bytes), limits))
    .then(
      (result) => parentPort.postMessage({ id, ok: true, ...result }),
      (error) =>
        parentPort.postMessage(
          error instanceof LimitError
            ? { id, ok: false, reason: error.reason, message: error.message }
            : {
                id,
                ok: false,
                reason: error?.reason ?? 'invalid',
                message: error?.reason
                  ? error.message
                  : `The document could not be read (${error?.name ?? 'error'}).`,
              },
        ),
    );
});
