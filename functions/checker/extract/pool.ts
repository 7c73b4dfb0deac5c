import { Worker } from 'node:worker_threads';
import { type ExtractLimits, readExtractSettings } from './limits.ts';

export type WorkerKind = 'html' | 'pdf' | 'docx';

/** What the worker answers, before validation (the caller parses it with its schema). */
export type WorkerAnswer =
  | { ok: true; answer: unknown }
  | { ok: false; reason: 'timeout' | 'memory' | 'invalid'; message: string };

interface Job {
  kind: WorkerKind;
  bytes: Uint8Array;
  limits: ExtractLimits;
  resolve: (answer: WorkerAnswer) => void;
  /** Set when the job is being run again after its worker failed for a reason it may not own. */
  retried: boolean;
}

interface Slot {
  worker: Worker | undefined;
  heapMb: number;
  /** Jobs this worker has finished: a worker that served earlier jobs may have their leftovers. */
  served: number;
  busy: boolean;
}

/** A worker is replaced after this many documents, so nothing one leaves behind builds up. */
const JOBS_PER_WORKER = 50;

const workerScript = (): string | URL =>
  // A bundled Lambda ships the worker beside index.mjs (infra/bundling.ts); so does the source tree.
  process.env.CHECKER_EXTRACT_WORKER ?? new URL('./extract-worker.mjs', import.meta.url);

/**
 * A bounded pool of reader threads. Each thread reads one document at a time under the job's
 * limits; a thread that times out, runs out of its heap or crashes is ended and replaced, and only
 * the document it was reading is answered with that failure: queued documents wait in the pool,
 * never on a thread, so they always run on a healthy one.
 */
export class ExtractPool {
  readonly #slots: Slot[];
  readonly #queue: Job[] = [];
  #nextId = 0;

  constructor(size: number) {
    this.#slots = Array.from({ length: Math.max(1, size) }, () => ({
      worker: undefined,
      heapMb: 0,
      served: 0,
      busy: false,
    }));
  }

  run(kind: WorkerKind, bytes: Uint8Array, limits: ExtractLimits): Promise<WorkerAnswer> {
    return new Promise((resolve) => {
      this.#queue.push({ kind, bytes: bytes.slice(), limits, resolve, retried: false });
      this.#dispatch();
    });
  }

  /** Ends every thread (tests, shutdown); jobs running are answered as failed. */
  async close(): Promise<void> {
    await Promise.all(this.#slots.map((slot) => slot.worker?.terminate()));
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (slot.busy) continue;
      const job = this.#queue.shift();
      if (!job) return;
      this.#start(slot, job);
    }
  }

  #workerFor(slot: Slot, heapMb: number): Worker {
    if (slot.worker && (slot.heapMb !== heapMb || slot.served >= JOBS_PER_WORKER)) {
      void slot.worker.terminate();
      slot.worker = undefined;
    }
    if (!slot.worker) {
      slot.worker = new Worker(workerScript(), {
        resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32 },
        stdout: true,
        stderr: true,
      });
      slot.heapMb = heapMb;
      slot.served = 0;
      // An idle thread never keeps the process alive.
      slot.worker.unref();
      const started = slot.worker;
      started.once('exit', () => {
        if (slot.worker === started) slot.worker = undefined;
      });
    }
    return slot.worker;
  }

  #start(slot: Slot, job: Job): void {
    slot.busy = true;
    const worker = this.#workerFor(slot, job.limits.maxHeapMb);
    const reused = slot.served > 0;
    const id = ++this.#nextId;
    let settled = false;
    const finish = (answer: WorkerAnswer | 'retry', kill: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      worker.unref();
      if (kill) {
        if (slot.worker === worker) slot.worker = undefined;
        void worker.terminate();
      } else slot.served++;
      slot.busy = false;
      if (answer === 'retry') {
        job.retried = true;
        this.#queue.unshift(job);
      } else job.resolve(answer);
      this.#dispatch();
    };
    const timer = setTimeout(
      () =>
        finish(
          {
            ok: false,
            reason: 'timeout',
            message: `Reading the document took longer than ${job.limits.timeoutMs / 1000} s, the most the checker allows.`,
          },
          true,
        ),
      job.limits.timeoutMs,
    );
    const outOfMemory: WorkerAnswer = {
      ok: false,
      reason: 'memory',
      message: `Reading the document needs more than ${job.limits.maxHeapMb} MB of memory, the most the checker allows (it may be a decompression bomb).`,
    };
    const onMessage = (message: unknown) => {
      if ((message as { id?: unknown } | null)?.id !== id) return;
      finish({ ok: true, answer: message }, false);
    };
    const onError = (error: unknown) => {
      const memory = /memory|heap/i.test(String((error as { code?: string })?.code ?? error));
      // A thread that served other documents before may fail for their leftovers: run this one
      // again, once, on a fresh thread before blaming it.
      if (reused && !job.retried) return finish('retry', true);
      finish(
        memory ? outOfMemory : { ok: false, reason: 'invalid', message: 'The document could not be read.' },
        true,
      );
    };
    // An exit with no error (the thread ended under it): run the document once more, then give up.
    const onExit = () =>
      job.retried
        ? finish({ ok: false, reason: 'invalid', message: 'The document could not be read.' }, true)
        : finish('retry', true);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.ref();
    const copy = job.bytes.slice();
    worker.postMessage({ id, kind: job.kind, bytes: copy.buffer, limits: job.limits }, [copy.buffer]);
  }
}

let shared: ExtractPool | undefined;

/** The process's pool, sized by CHECKER_EXTRACT_WORKERS (2 by default). */
export function extractPool(): ExtractPool {
  shared ??= new ExtractPool(readExtractSettings().workers);
  return shared;
}
