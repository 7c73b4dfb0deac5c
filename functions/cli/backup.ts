import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { dataDirectory } from '../local/dev-issuer.ts';
import { startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { createStreamPoller } from '../local/stream-poller.ts';
import { exportItems } from '../store/backup/export-items.ts';
import { importItems } from '../store/backup/import-items.ts';
import { ensureTable } from '../store/ensure-table.ts';
import { createStore, type Store } from '../store/store.ts';
import type { Io } from './main.ts';

const options = {
  file: { type: 'string' },
  table: { type: 'string', default: 'register' },
  endpoint: { type: 'string' },
  region: { type: 'string' },
  aws: { type: 'boolean', default: false },
} as const;

/**
 * Where the table is: `--aws` (the deployed table, with the caller's AWS credentials),
 * `--endpoint` (a running DynamoDB Local), or by default the local data folder, opened with a
 * DynamoDB Local of its own — stop `npm start` first, so two engines never share the file.
 */
export async function openTable(values: {
  table: string;
  endpoint?: string | undefined;
  region?: string | undefined;
  aws: boolean;
}): Promise<{
  store: Store;
  close: () => Promise<void>;
  markStreamApplied?: () => Promise<void>;
  /** The local data folder's engine: its address and region, for a stream poller of the caller's. */
  local?: { endpoint: string; region: string };
}> {
  const region = values.region ?? process.env.AWS_REGION ?? 'eu-west-2';
  if (values.aws || values.endpoint) {
    const store = createStore({ tableName: values.table, region, endpoint: values.endpoint });
    return { store, close: async () => store.client.destroy() };
  }
  const folder = path.join(dataDirectory(), 'dynamodb');
  mkdirSync(folder, { recursive: true });
  const engine = await startDynamoDbLocal({ dataDir: folder });
  const store = createStore({ tableName: values.table, region, endpoint: engine.endpoint });
  await ensureTable(store.client, values.table);
  return {
    store,
    local: { endpoint: engine.endpoint, region },
    // The restored items already hold every derived item (index, counters, flags): record the
    // import's own stream records as processed so the next `npm start` does not apply them twice.
    markStreamApplied: async () => {
      const poller = createStreamPoller({
        client: store.client,
        endpoint: engine.endpoint,
        region,
        tableName: values.table,
        handle: async () => undefined,
        onError: () => {},
        checkpointFile: path.join(dataDirectory(), 'stream-checkpoint.json'),
      });
      await poller.drain(10_000);
    },
    close: async () => {
      store.client.destroy();
      await engine.stop();
    },
  };
}

function parse(command: string, args: string[], io: Io) {
  try {
    const { values } = parseArgs({ args, options, strict: true });
    if (!values.file) throw new Error('--file is required');
    return { ...values, file: values.file };
  } catch (error) {
    io.stderr.write(
      `register ${command}: ${(error as Error).message}\nUsage: register ${command} --file <register.jsonl> [--aws | --endpoint <url>] [--table <name>] [--region <r>]\n`,
    );
    return undefined;
  }
}

/** `register export --file out.jsonl`: every item of the register, one JSON line each. */
export async function exportCommand(args: string[], io: Io): Promise<number> {
  const values = parse('export', args, io);
  if (!values) return 2;
  const { store, close } = await openTable(values);
  try {
    const out = createWriteStream(values.file);
    const count = await exportItems(store, (line) => {
      if (!out.write(line)) return new Promise<void>((resolve) => out.once('drain', () => resolve()));
    });
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    io.stderr.write(`Exported ${count} items to ${values.file}\n`);
    return 0;
  } finally {
    await close();
  }
}

/** `register import --file in.jsonl`: writes an export back, normally into an empty register. */
export async function importCommand(args: string[], io: Io): Promise<number> {
  const values = parse('import', args, io);
  if (!values) return 2;
  const { store, close, markStreamApplied } = await openTable(values);
  try {
    const lines = createInterface({
      input: createReadStream(values.file),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    const count = await importItems(store, lines);
    await markStreamApplied?.();
    io.stderr.write(`Imported ${count} items from ${values.file}\n`);
    return 0;
  } finally {
    await close();
  }
}
