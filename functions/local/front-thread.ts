import { parentPort, workerData } from 'node:worker_threads';
import { createFront, frontOptionsSchema, listen } from './front.ts';
import { staticAssets } from './static-assets.ts';

/** The front's thread (started by startFront): serves until the thread is terminated. */
const options = frontOptionsSchema.parse(workerData);
const server = createFront(options, options.assetRoot ? staticAssets(options.assetRoot).fetch : undefined);
const port = await listen(server, options.port, options.hostname);
parentPort?.postMessage({ port });
