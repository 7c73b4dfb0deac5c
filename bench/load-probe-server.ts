import { rateLimitsAllowing } from '../functions/domain/rate-limits.ts';
import { startLocalRegister } from '../functions/local/server.ts';

/**
 * The local register in its own process for `bench/load-probe.ts`, as `npm start` runs it (with
 * the front) or, with APP_CONNECTIONS=0, with clients reaching the app directly.
 * Env: REGISTER_DATA_DIR, DYNAMODB_ENDPOINT, TABLE_NAME, APP_CONNECTIONS.
 */
const env = process.env;
if (!env.REGISTER_DATA_DIR || !env.DYNAMODB_ENDPOINT || !env.TABLE_NAME)
  throw new Error('REGISTER_DATA_DIR, DYNAMODB_ENDPOINT and TABLE_NAME are needed');

const appConnections = env.APP_CONNECTIONS === undefined ? undefined : Number(env.APP_CONNECTIONS);
const register = await startLocalRegister({
  // One address makes every request here: limits for people would stop the run.
  limits: rateLimitsAllowing(1_000_000),
  port: 0,
  dataDir: env.REGISTER_DATA_DIR,
  dynamoEndpoint: env.DYNAMODB_ENDPOINT,
  tableName: env.TABLE_NAME,
  quiet: true,
  dailyJobs: false,
  ...(appConnections === undefined ? {} : { front: appConnections > 0 ? { appConnections } : false }),
});
process.stdout.write(`ready ${register.url}\n`);
process.once('SIGTERM', () => {
  void register.stop().then(() => process.exit(0));
});
