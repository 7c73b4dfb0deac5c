/**
 * `npm run recheck`: recomputes every stored check result whose rulesVersion is not the current
 * one (after the rules or the tagger change), on the local register's data (.data/, or
 * REGISTER_DATA_DIR; DYNAMODB_ENDPOINT and TABLE_NAME to point at another table). Results are
 * found through the CHECKS listing (gsi2), never a scan. `--offline` skips the website checks.
 * `--dry-run` computes and prints the same summary and writes nothing.
 * The summary lists every public rating (reviews applied) and automated rating that changed
 * (old -> new), and every reviewed finding the new rules disagree with: the review stays and a
 * `review_disagreement` flag asks an officer to look again.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ensureTable } from '../store/ensure-table.ts';
import { createStore } from '../store/store.ts';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { createFileArchive } from './file-archive.ts';
import { recheckAndReport } from './recheck-all.ts';

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const offline = process.argv.includes('--offline');
  const dryRun = process.argv.includes('--dry-run');
  const dataDir = path.resolve(process.env.REGISTER_DATA_DIR ?? '.data');
  let endpoint = process.env.DYNAMODB_ENDPOINT;
  let stop = async () => {};
  if (!endpoint) {
    mkdirSync(path.join(dataDir, 'dynamodb'), { recursive: true });
    const dynamo = await startDynamoDbLocal({ dataDir: path.join(dataDir, 'dynamodb') });
    endpoint = dynamo.endpoint;
    stop = dynamo.stop;
  }
  const tableName = process.env.TABLE_NAME ?? 'register';
  const store = createStore({ tableName, region: process.env.AWS_REGION ?? 'eu-west-2', endpoint });
  try {
    // A dry run writes nothing, not even a missing table or its settings.
    if (!dryRun) await ensureTable(store.client, tableName);
    const deps = {
      store,
      clock: () => new Date(),
      log: (message: string, detail?: unknown) => console.error(message, detail ?? ''),
      archive: createFileArchive(path.join(dataDir, 'archive')),
    };
    await recheckAndReport(deps, { offline, dryRun }, (line) => console.log(line)).catch((error: unknown) => {
      if (!(dryRun && error instanceof Error && error.name === 'ResourceNotFoundException')) throw error;
      console.log(`Dry run: there is no table ${tableName} yet, so nothing to recheck.`);
    });
  } finally {
    store.client.destroy();
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
