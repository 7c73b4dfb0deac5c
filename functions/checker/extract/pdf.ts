import { Worker } from 'node:worker_threads';
import * as z from 'zod';
import type { Line } from '../text/sentences.ts';

export const PDF_LIMITS = {
  /** Wall-clock limit for reading one PDF. */
  timeoutMs: 15_000,
  /** Heap of the reading thread: a PDF bomb runs out of this, not of the process's memory. */
  maxHeapMb: 256,
  maxPages: 500,
};

const workerAnswerSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    totalPages: z.number().int(),
    pages: z.array(z.object({ page: z.number().int(), lines: z.array(z.string()) })),
  }),
  z.object({ ok: z.literal(false), reason: z.enum(['password', 'invalid']), message: z.string() }),
]);

export type PdfText =
  | { ok: true; lines: Line[]; totalPages: number; pagesRead: number }
  | { ok: false; reason: 'password' | 'invalid' | 'timeout' | 'too_complex'; message: string };

interface Reader {
  worker: Worker;
  limitsKey: string;
  /** Serialises requests: the thread reads one PDF at a time. */
  queue: Promise<unknown>;
}

let reader: Reader | undefined;
let nextId = 0;

function startReader(limits: typeof PDF_LIMITS): Reader {
  // A bundled Lambda ships the worker file beside the bundle and names it in CHECKER_PDF_WORKER.
  const script = process.env.CHECKER_PDF_WORKER ?? new URL('./pdf-worker.mjs', import.meta.url);
  const worker = new Worker(script, {
    resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb, maxYoungGenerationSizeMb: 32 },
    stdout: true,
    stderr: true,
  });
  worker.unref();
  const started: Reader = { worker, limitsKey: `${limits.maxHeapMb}`, queue: Promise.resolve() };
  const forget = () => {
    if (reader === started) reader = undefined;
  };
  worker.once('exit', forget);
  worker.once('error', forget);
  return started;
}

/**
 * The text of a PDF, line by line with page numbers, read in a worker thread that is ended (and
 * replaced for the next document) when it takes too long or runs out of its memory: a bad PDF
 * gives an answer, never a hang. The thread is kept between documents, as a warm Lambda keeps it.
 */
export function readPdf(bytes: Uint8Array, limits = PDF_LIMITS): Promise<PdfText> {
  if (!reader || reader.limitsKey !== `${limits.maxHeapMb}`) {
    if (reader) void reader.worker.terminate();
    reader = startReader(limits);
  }
  const current = reader;
  const job = current.queue.then(() => readWith(current, bytes, limits));
  current.queue = job.catch(() => undefined);
  return job;
}

function readWith(current: Reader, bytes: Uint8Array, limits: typeof PDF_LIMITS): Promise<PdfText> {
  return new Promise((resolve) => {
    const { worker } = current;
    const id = ++nextId;
    const copy = bytes.slice();
    let settled = false;
    const finish = (answer: PdfText, kill = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      worker.unref();
      if (kill) {
        if (reader === current) reader = undefined;
        void worker.terminate();
      }
      resolve(answer);
    };
    const timer = setTimeout(
      () => finish({ ok: false, reason: 'timeout', message: 'Reading the PDF took too long.' }, true),
      limits.timeoutMs,
    );
    const onMessage = (message: unknown) => {
      const parsed = workerAnswerSchema.safeParse(message);
      if (!parsed.success || (message as { id?: unknown }).id !== id) return;
      const answer = parsed.data;
      if (!answer.ok) return finish(answer);
      finish({
        ok: true,
        totalPages: answer.totalPages,
        pagesRead: answer.pages.length,
        lines: answer.pages.flatMap((p) => [
          ...p.lines.map((text) => ({ text, page: p.page })),
          { text: '', page: p.page },
        ]),
      });
    };
    const tooComplex: PdfText = {
      ok: false,
      reason: 'too_complex',
      message: 'The PDF needs too much memory to read (it may be a PDF bomb).',
    };
    const onError = (error: unknown) =>
      finish(
        /memory|heap/i.test(String(error))
          ? tooComplex
          : { ok: false, reason: 'invalid', message: 'The PDF could not be read.' },
        true,
      );
    const onExit = () => finish(tooComplex, true);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.ref();
    worker.postMessage({ id, bytes: copy.buffer, maxPages: limits.maxPages }, [copy.buffer]);
  });
}
