import { Worker } from 'node:worker_threads';
import * as z from 'zod';
import type { FrontOptions } from './front.ts';

export interface RunningFront {
  port: number;
  stop: () => Promise<void>;
}

// A worker thread does not inherit tsx's loader (under `npm start`) nor vitest's, so the thread
// registers tsx itself before importing its TypeScript entry.
const entry = new URL('./front-thread.ts', import.meta.url).href;
const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;

const ready = z.object({ port: z.number().int() });

/** The front (front.ts) in a thread of its own, so that its event loop is never the app's. */
export async function startFront(options: FrontOptions): Promise<RunningFront> {
  const worker = new Worker(bootstrap, { eval: true, workerData: options });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (message: unknown) => resolve(ready.parse(message).port));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the front's thread exited (${code})`)));
  });
  let stopping = false;
  // Clients cannot reach the app without the front: its end, unless asked for, is said aloud.
  worker.on('error', (error) => console.error('The front (functions/local/front.ts) failed:', error));
  worker.on('exit', (code) => {
    if (!stopping) console.error(`The front's thread ended (${code}): the register no longer answers.`);
  });
  return {
    port,
    stop: async () => {
      stopping = true;
      await worker.terminate();
    },
  };
}
