import { startDynamoDbLocal } from '../functions/local/dynamodb-local.ts';

/**
 * An in-memory DynamoDB Local that outlives one `npm run bench`, so a 100k seed is made once:
 * `PORT=8123 npx tsx bench/dynamodb.ts &` then
 * `BENCH_DYNAMO_ENDPOINT_100000=http://127.0.0.1:8123 BENCH_SIZES=1000,100000 npm run bench`.
 * Stops (and the table with it) on Ctrl-C, or SIGTERM to this node process (npx and tsx in front
 * of it do not pass a signal on to it).
 */
const dynamo = await startDynamoDbLocal(process.env.PORT ? { port: Number(process.env.PORT) } : {});
console.log(dynamo.endpoint);
const stop = () => void dynamo.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
