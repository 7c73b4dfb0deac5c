import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startDynamoDbLocal } from '../functions/local/dynamodb-local.ts';
import { ensureTable } from '../functions/store/ensure-table.ts';
import { createStore } from '../functions/store/store.ts';
import { ensureBenchTable } from './bench-table.ts';
import { seedRegister } from './seed.ts';

/**
 * Seeding speed on a fresh in-memory DynamoDB Local, and where the CPU goes (this process and
 * Java): `MODE=nostream N=2000 PARALLEL=12 npx tsx bench/seed-speed.ts`. MODE=ensure seeds the
 * real table (with its stream), MODE=nostream the read benchmarks' table (bench-table.ts).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const statements = Number(process.env.N ?? 2000);
const mode = process.env.MODE === 'ensure' ? 'ensure' : 'nostream';
const parallel = Number(process.env.PARALLEL ?? 12);

const dynamo = await startDynamoDbLocal();
const [javaPid] = execFileSync('pgrep', ['-f', '--', `-port ${dynamo.port} `])
  .toString()
  .trim()
  .split('\n');
/** User plus system CPU seconds of DynamoDB Local so far (fields 14 and 15 of /proc/<pid>/stat). */
const javaSeconds = () => {
  const fields = readFileSync(`/proc/${javaPid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
try {
  const store = createStore({ tableName: 'seed-speed', region: 'eu-west-2', endpoint: dynamo.endpoint });
  await (mode === 'ensure' ? ensureTable : ensureBenchTable)(store.client, 'seed-speed');
  const java = javaSeconds();
  const node = process.cpuUsage();
  const seeded = await seedRegister(store, statements, { parallel });
  const nodeCpu = process.cpuUsage(node);
  console.log(
    JSON.stringify({
      mode,
      statements,
      parallel,
      items: seeded.items,
      seconds: Number(seeded.seconds.toFixed(1)),
      itemsPerSecond: Math.round(seeded.items / seeded.seconds),
      nodeCpuSeconds: Number(((nodeCpu.user + nodeCpu.system) / 1e6).toFixed(1)),
      javaCpuSeconds: Number((javaSeconds() - java).toFixed(1)),
    }),
  );
  store.client.destroy();
} finally {
  await dynamo.stop();
}
