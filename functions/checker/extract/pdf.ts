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

/**
 * The text of a PDF, line by line with page numbers, read in a worker thread that is ended
 * when it takes too long or uses too much memory: a bad PDF gives an answer, never a hang.
 */
export function readPdf(bytes: Uint8Array, limits = PDF_LIMITS): Promise<PdfText> {
  return new Promise((resolve) => {
    const copy = bytes.slice();
    const worker = new Worker(new URL('./pdf-worker.mjs', import.meta.url), {
      workerData: { bytes: copy.buffer, maxPages: limits.maxPages },
      transferList: [copy.buffer],
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb, maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const finish = (answer: PdfText) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(answer);
    };
    const timer = setTimeout(
      () => finish({ ok: false, reason: 'timeout', message: 'Reading the PDF took too long.' }),
      limits.timeoutMs,
    );
    worker.on('message', (message: unknown) => {
      const parsed = workerAnswerSchema.safeParse(message);
      if (!parsed.success)
        return finish({ ok: false, reason: 'invalid', message: 'The PDF could not be read.' });
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
    });
    worker.on('error', (error) => {
      const tooBig = /memory|heap/i.test(String(error));
      finish(
        tooBig
          ? {
              ok: false,
              reason: 'too_complex',
              message: 'The PDF needs too much memory to read (it may be a PDF bomb).',
            }
          : { ok: false, reason: 'invalid', message: 'The PDF could not be read.' },
      );
    });
    worker.on('exit', () =>
      finish({
        ok: false,
        reason: 'too_complex',
        message: 'The PDF needs too much memory to read (it may be a PDF bomb).',
      }),
    );
  });
}
