import { S3Client } from '@aws-sdk/client-s3';
import { createS3Archive } from '../archive/s3-archive.ts';
import { type Config, readConfig } from '../config.ts';
import type { Archive } from '../domain/archive.ts';
import { createStore, type Store } from '../store/store.ts';
import { logError, traceAwsClient } from './observability.ts';

/**
 * What every Lambda builds once per container, at cold start: validated config and the store.
 * Its AWS clients (DynamoDB, S3) are traced (observability.ts).
 */
export interface Runtime {
  config: Config;
  store: Store;
  clock: () => Date;
  log: (message: string, detail?: unknown) => void;
  /** Statement files: the ARCHIVE_BUCKET in S3. */
  archive: Archive;
}

/** Without ARCHIVE_BUCKET the archive refuses every call, loudly, rather than losing files. */
function archiveFor(config: Config): Archive {
  if (config.ARCHIVE_BUCKET)
    return createS3Archive(
      traceAwsClient(new S3Client({ region: config.AWS_REGION })),
      config.ARCHIVE_BUCKET,
    );
  const missing = async (): Promise<never> => {
    throw new Error('ARCHIVE_BUCKET is not configured');
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
  return { config, store, clock: () => new Date(), log: logError, archive: archiveFor(config) };
}
