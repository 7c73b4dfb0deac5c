import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import * as z from 'zod';
import { createRenderer, defaultAssetRoot } from '../../web/render.ts';
import { createRegisterApp } from '../app/register-app.ts';
import type { Fetcher } from '../checker/website.ts';
import { rateLimitsOf, readConfig, sessionSettingsFromConfig } from '../config.ts';
import { type Archive, createMemoryArchive } from '../domain/archive.ts';
import type { RateLimits } from '../domain/rate-limits.ts';
import type { SessionSettings } from '../domain/session-settings.ts';
import { createFileMailer, type StoredMail } from '../mail/file-mailer.ts';
import { lettersThroughOutbox } from '../mail/letters.ts';
import { ensureTable } from '../store/ensure-table.ts';
import { createStore, type Store } from '../store/store.ts';
import { runDailyJobs } from '../worker/daily-jobs.ts';
import { processChanges } from '../worker/process-changes.ts';
import { createReactors } from '../worker/reactors.ts';
import { createDevIssuer, type DevIssuer } from './dev-issuer.ts';
import { devOutboxPage } from './dev-outbox-page.ts';
import { type RunningDynamoDbLocal, startDynamoDbLocal } from './dynamodb-local.ts';
import { createFileArchive } from './file-archive.ts';
import { startFront } from './start-front.ts';
import { staticAssets } from './static-assets.ts';
import { createStreamPoller, DEFAULT_STREAM_PARALLEL, type StreamPoller } from './stream-poller.ts';

export interface LocalRegisterOptions {
  port: number;
  /** The address the register is reached at (problem type URIs, the OpenAPI server). */
  siteAddress?: string;
  /** Folder for DynamoDB Local's file and the worker's checkpoint; in memory when absent. */
  dataDir?: string;
  /** Use a DynamoDB Local that is already running instead of starting one. */
  dynamoEndpoint?: string;
  tableName?: string;
  clock?: () => Date;
  /** Poll the stream on a timer (npm start) or only when drained by hand (tests). */
  pollStream?: boolean;
  quiet?: boolean;
  /** The development identity provider; by default its keys live in <dataDir>/dev-issuer (in memory without a dataDir). */
  devIssuer?: DevIssuer;
  /** Run the daily jobs (the compliance sweep) on a timer: an hour after start, then daily. Default: as pollStream. */
  dailyJobs?: boolean;
  /**
   * The front (front.ts) clients connect to, and how many requests it hands the app at once; false:
   * clients reach the app directly (only to measure what the front changes).
   */
  front?: { appConnections: number } | false;
  /** Abuse limits; by default those of the environment (functions/config.ts), as in AWS. */
  limits?: RateLimits;
  /** Session lifetimes (tests shorten them); the environment's (SESSION_*) without. */
  sessions?: SessionSettings;
  /** What the checker fetches statement and homepage addresses with (npm start: the demo's sites, then the network). */
  checkFetcher?: Fetcher;
  /** Stream batches handled at once per shard; by default LOCAL_STREAM_PARALLEL, else the stack's 4. */
  streamParallel?: number;
}

const streamParallelSchema = z.coerce.number().int().min(1).max(10).optional();

/** LOCAL_STREAM_PARALLEL (1–10, as Lambda's parallelizationFactor allows), or the stack's default. */
export function streamParallelFrom(env: Record<string, string | undefined>): number {
  const value = env.LOCAL_STREAM_PARALLEL;
  const parsed = streamParallelSchema.safeParse(value === '' ? undefined : value);
  if (!parsed.success)
    throw new Error(`Invalid LOCAL_STREAM_PARALLEL: ${value} (a whole number from 1 to 10).`);
  return parsed.data ?? DEFAULT_STREAM_PARALLEL;
}

/**
 * Requests the front hands the app at once. The app needs many in flight (each waits on DynamoDB
 * Local); `npm run load -- --app-connections N` measures others (README, Operations, Load).
 */
export const DEFAULT_APP_CONNECTIONS = 32;

export interface LocalRegister {
  url: string;
  store: Store;
  poller: StreamPoller;
  /** Signs tokens the app accepts (sign-in page, `register dev-token`, tests). */
  devIssuer: DevIssuer;
  archive: Archive;
  /** The notices the worker sent, as files in <dataDir>/outbox (a temporary folder without a dataDir); also at /dev/outbox. */
  outbox: { list: () => Promise<StoredMail[]> };
  stop: () => Promise<void>;
}

const region = 'eu-west-2';

/** The whole register on this machine: DynamoDB Local, the app, static assets and the stream worker. */
export async function startLocalRegister(options: LocalRegisterOptions): Promise<LocalRegister> {
  const root = defaultAssetRoot();
  const log = (message: string, detail?: unknown) => {
    if (!options.quiet) console.error(message, detail ?? '');
  };
  let dynamo: RunningDynamoDbLocal | undefined;
  let endpoint = options.dynamoEndpoint;
  if (!endpoint) {
    if (options.dataDir) mkdirSync(path.join(options.dataDir, 'dynamodb'), { recursive: true });
    dynamo = await startDynamoDbLocal(
      options.dataDir ? { dataDir: path.join(options.dataDir, 'dynamodb') } : {},
    );
    endpoint = dynamo.endpoint;
  }
  const tableName = options.tableName ?? 'register';
  const store = createStore({ tableName, region, endpoint });
  await ensureTable(store.client, tableName);

  const clock = options.clock ?? (() => new Date());
  const devIssuer =
    options.devIssuer ?? (await createDevIssuer(options.dataDir ? { dir: options.dataDir } : {}));
  const archive = options.dataDir
    ? createFileArchive(path.join(options.dataDir, 'archive'))
    : createMemoryArchive();
  const config = readConfig();
  const app = createRegisterApp({
    store,
    clock,
    render: createRenderer(root),
    log,
    verifier: devIssuer.verifier,
    archive,
    devIssuer,
    limits: options.limits ?? rateLimitsOf(config),
    // The local server speaks plain http: a Secure cookie would be dropped by browsers other than Chromium.
    sessions: options.sessions ?? sessionSettingsFromConfig(config, { secureCookie: false }),
    accessibilityContact: config.ACCESSIBILITY_CONTACT_EMAIL,
    siteAddress: options.siteAddress,
    // "Posted" letters land in the local outbox with the notices (the mailer is made just below).
    letters: { post: (letter) => lettersThroughOutbox(mailer).post(letter) },
  });
  const mailer = createFileMailer(
    options.dataDir
      ? path.join(options.dataDir, 'outbox')
      : path.join(
          tmpdir(),
          `register-outbox-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
        ),
    clock,
  );
  const render = createRenderer(root);
  // Static files first, then the local-only outbox page (never part of the deployed app); everything
  // else is the app itself, with its own 404 and error answers.
  const outer = staticAssets(root)
    .route('/', devOutboxPage({ render, list: () => mailer.list() }))
    .all('*', (c) => app.fetch(c.req.raw, c.env));

  const workerDeps = { store, clock, log, archive, mailer };
  const reactors = createReactors(workerDeps, options.checkFetcher ? { fetcher: options.checkFetcher } : {});
  const poller = createStreamPoller({
    client: store.client,
    endpoint,
    region,
    tableName,
    handle: async (changes) =>
      (
        await processChanges(changes, reactors, (change, error) =>
          log(`stream worker failed on ${change.pk}`, error),
        )
      ).firstFailure,
    onError: (error) => log('stream poller error', error),
    parallel: options.streamParallel ?? streamParallelFrom(process.env),
    ...(options.dataDir ? { checkpointFile: path.join(options.dataDir, 'stream-checkpoint.json') } : {}),
  });
  if (options.pollStream !== false) poller.start();
  const timers: NodeJS.Timeout[] = [];
  if (options.dailyJobs ?? options.pollStream !== false) {
    const daily = async () => {
      try {
        log('daily jobs finished', await runDailyJobs(workerDeps));
      } catch (error) {
        log('daily jobs failed', error);
      }
    };
    timers.push(setTimeout(daily, 3_600_000).unref(), setInterval(daily, 86_400_000).unref());
  }

  const frontOptions =
    options.front === false ? undefined : (options.front ?? { appConnections: DEFAULT_APP_CONNECTIONS });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve(
      { fetch: outer.fetch, port: frontOptions ? 0 : options.port, hostname: '127.0.0.1' },
      () => resolve(s as Server),
    );
    (s as Server).once('error', reject);
  });
  // Longer than the front's idle connections live, so the app never closes one the front is reusing.
  server.keepAliveTimeout = 65_000;
  const appPort = (server.address() as AddressInfo).port;
  const front = frontOptions
    ? await startFront({
        appPort,
        port: options.port,
        hostname: '127.0.0.1',
        assetRoot: root,
        ...frontOptions,
      })
    : undefined;
  const port = front?.port ?? appPort;

  return {
    url: `http://127.0.0.1:${port}`,
    store,
    poller,
    devIssuer,
    archive,
    outbox: { list: () => mailer.list() },
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      await front?.stop();
      await poller.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.client.destroy();
      await dynamo?.stop();
    },
  };
}
