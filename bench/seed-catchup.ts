import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readGovCsv } from '../functions/domain/gov-import/gov-csv.ts';
import { readGovStatements } from '../functions/domain/gov-import/gov-statement.ts';
import { importGovStatements } from '../functions/domain/gov-import/import-gov.ts';
import { startDynamoDbLocal } from '../functions/local/dynamodb-local.ts';
import { createFileArchive } from '../functions/local/file-archive.ts';
import { createStreamPoller } from '../functions/local/stream-poller.ts';
import { createFileMailer } from '../functions/mail/file-mailer.ts';
import { ensureTable } from '../functions/store/ensure-table.ts';
import { createStore } from '../functions/store/store.ts';
import { processChanges } from '../functions/worker/process-changes.ts';
import { createReactors } from '../functions/worker/reactors.ts';
import { dynamoDbLocalCpu } from './dynamodb-local-cpu.ts';
import { govCsv } from './import-gov.ts';

/**
 * How long the local stream worker takes to catch up after the register is seeded the way a real
 * one is (`register import-gov`: header, revision, year claim and audit per statement, written by
 * the import), with each number of batches in flight: a fresh in-memory DynamoDB Local per run,
 * the same reactors and poller as `npm start`.
 *   N=2000 PARALLEL=1,4 npx tsx bench/seed-catchup.ts
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const statements = Number(process.env.N ?? 2000);
const parallels = (process.env.PARALLEL ?? '1,4').split(',').map(Number);

const folder = mkdtempSync(path.join(tmpdir(), 'bench-catchup-'));
const file = path.join(folder, 'StatementSummaries.csv');
writeFileSync(file, govCsv(statements).csv);
try {
  for (const parallel of parallels) {
    const dynamo = await startDynamoDbLocal();
    const store = createStore({ tableName: 'catchup', region: 'eu-west-2', endpoint: dynamo.endpoint });
    try {
      await ensureTable(store.client, 'catchup');
      const reading = await readGovStatements(readGovCsv(createReadStream(file), 'StatementSummaries.csv'));
      const seeding = performance.now();
      await importGovStatements(store, reading.statements, () => new Date());
      const seedSeconds = (performance.now() - seeding) / 1000;
      const clock = () => new Date();
      const reactors = createReactors({
        store,
        clock,
        log: () => {},
        archive: createFileArchive(path.join(folder, `archive-${parallel}`)),
        mailer: createFileMailer(path.join(folder, `outbox-${parallel}`), clock),
      });
      let records = 0;
      let batches = 0;
      const poller = createStreamPoller({
        client: store.client,
        endpoint: dynamo.endpoint,
        region: 'eu-west-2',
        tableName: 'catchup',
        parallel,
        handle: async (changes) => {
          batches++;
          const { firstFailure } = await processChanges(changes, reactors, (change, error) =>
            process.stderr.write(`failed on ${change.pk}: ${String(error)}\n`),
          );
          records += changes.length;
          return firstFailure;
        },
        onError: (error) => process.stderr.write(`poller: ${String(error)}\n`),
      });
      const javaCpu = dynamoDbLocalCpu(Number(new URL(dynamo.endpoint).port));
      const java = javaCpu();
      const node = process.cpuUsage();
      const started = performance.now();
      await poller.drain(1_000_000);
      const seconds = (performance.now() - started) / 1000;
      const nodeCpu = process.cpuUsage(node);
      const javaAfter = javaCpu();
      console.log(
        JSON.stringify({
          statements,
          parallel,
          seedSeconds: Number(seedSeconds.toFixed(1)),
          catchUpSeconds: Number(seconds.toFixed(1)),
          statementsPerSecond: Number((statements / seconds).toFixed(1)),
          records,
          batches,
          nodeCpuSeconds: Number(((nodeCpu.user + nodeCpu.system) / 1e6).toFixed(1)),
          javaCpuSeconds:
            java === undefined || javaAfter === undefined ? undefined : Number((javaAfter - java).toFixed(1)),
        }),
      );
    } finally {
      store.client.destroy();
      await dynamo.stop();
    }
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
