import { parentPort, workerData } from 'node:worker_threads';
import * as z from 'zod';
import { createFront, listen } from './front.ts';
import { staticAssets } from './static-assets.ts';

/** The front's thread (started by startFront): serves until the thread is terminated. */
const options = z
  .object({
    appPort: z.number().int(),
    port: z.number().int(),
    hostname: z.string(),
    appConnections: z.number().int().positive(),
    assetRoot: z.string().optional(),
  })
  .parse(workerData);
const server = createFront(options, options.assetRoot ? staticAssets(options.assetRoot).fetch : undefined);
const port = await listen(server, options.port, options.hostname);
parentPort?.postMessage({ port });
