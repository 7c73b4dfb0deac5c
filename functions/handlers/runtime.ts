import { createS3Archive } from '../archive/s3-archive.ts';
import { type Config, readConfig } from '../config.ts';
import type { Archive } from '../domain/archive.ts';
import { createStore, type Store } from '../store/store.ts';
import { logError, traceAwsClient } from './observability.ts';

/**
 * What every Lambda builds once per container, at cold start: validated config and the store.
 * Its DynamoDB client is traced (observability.ts); the archive's S3 calls go through `fetch`,
 * which Powertools Tracer traces as HTTP subsegments.
 */
export interface Runtime {
  config: Config;
  store: Store;
  clock: () => Date;
  log: (message: string, detail?: unknown) => void;
  /** Statement files: the ARCHIVE_BUCKET in S3. */
  archive: Archive;
}

/**
 * Without ARCHIVE_BUCKET (or credentials) the archive refuses every call, loudly, rather than
 * losing files. Credentials are read from the environment, as Lambda gives them, and kept out of
 * the config object so that nothing logs them.
 */
function archiveFor(config: Config, env: Record<string, string | undefined>): Archive {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (config.ARCHIVE_BUCKET && accessKeyId && secretAccessKey)
    return createS3Archive({
      bucket: config.ARCHIVE_BUCKET,
      region: config.AWS_REGION,
      credentials: { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN },
    });
  const missing = async (): Promise<never> => {
    throw new Error(
      config.ARCHIVE_BUCKET
        ? 'AWS credentials are not in the environment'
        : 'ARCHIVE_BUCKET is not configured',
    );
  };
  return { put: missing, get: missing };
}

export function createRuntime(env: Record<string, string | undefined> = process.env): Runtime {
  const config = readConfig(env);
  const store = createStore({
    tableName: config.TABLE_NAME,
    region: config.AWS_REGION,
    endpoint: config.DYNAMODB_ENDPOINT,
  });
  // The document client shares this client's middleware stack: its calls are traced too.
  traceAwsClient(store.client);
  return { config, store, clock: () => new Date(), log: logError, archive: archiveFor(config, env) };
}
