import { rateLimitsAllowing } from '../../../functions/domain/rate-limits.ts';
import { startLocalRegister } from '../../../functions/local/server.ts';

/**
 * The local register as its own process, for tests that kill it: `npm start`'s server on an
 * existing DynamoDB Local (DYNAMODB_ENDPOINT, TABLE_NAME), with its data folder (REGISTER_DATA_DIR:
 * dev-issuer keys, archive, stream checkpoint) and PORT. Prints `ready <url>` once it listens.
 */
const env = process.env;
const dataDir = env.REGISTER_DATA_DIR;
if (!dataDir || !env.DYNAMODB_ENDPOINT || !env.TABLE_NAME)
  throw new Error('REGISTER_DATA_DIR, DYNAMODB_ENDPOINT and TABLE_NAME are needed');
const register = await startLocalRegister({
  // One address makes every request here: limits for people would stop the run.
  limits: rateLimitsAllowing(1_000_000),
  port: Number(env.PORT ?? 0),
  dataDir,
  dynamoEndpoint: env.DYNAMODB_ENDPOINT,
  tableName: env.TABLE_NAME,
  quiet: true,
  dailyJobs: false,
});
process.stdout.write(`ready ${register.url}\n`);
process.once('SIGTERM', () => {
  void register.stop().then(() => process.exit(0));
});
