import http from 'node:http';
import type { Socket } from 'node:net';
import { startLocalRegister } from '../functions/local/server.ts';

/**
 * The local register in its own process for `bench/load-probe.ts`, with a watch on new
 * connections: for each probe request (user agent `load-probe-<ms since epoch sent>`) it prints a
 * JSON line saying how long after sending the connection was accepted and the answer finished.
 * Env: REGISTER_DATA_DIR, DYNAMODB_ENDPOINT, TABLE_NAME, MAX_IN_FLIGHT (0: no admission limit).
 */
const env = process.env;
if (!env.REGISTER_DATA_DIR || !env.DYNAMODB_ENDPOINT || !env.TABLE_NAME)
  throw new Error('REGISTER_DATA_DIR, DYNAMODB_ENDPOINT and TABLE_NAME are needed');

const acceptedAt = new WeakMap<Socket, number>();
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
  if (event === 'connection') acceptedAt.set(args[0] as Socket, Date.now());
  if (event === 'request') {
    const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
    const sent = Number(/^load-probe-(\d+)$/.exec(request.headers['user-agent'] ?? '')?.[1]);
    if (Number.isFinite(sent)) {
      const accepted = (acceptedAt.get(request.socket) ?? Number.NaN) - sent;
      response.once('finish', () =>
        process.stdout.write(
          `${JSON.stringify({ probe: request.url, accepted, answered: Date.now() - sent })}\n`,
        ),
      );
    }
  }
  return Reflect.apply(emit, this, [event, ...args]) as boolean;
} as typeof emit;

const limit = Number(env.MAX_IN_FLIGHT ?? 8);
const register = await startLocalRegister({
  port: 0,
  dataDir: env.REGISTER_DATA_DIR,
  dynamoEndpoint: env.DYNAMODB_ENDPOINT,
  tableName: env.TABLE_NAME,
  quiet: true,
  dailyJobs: false,
  admission: { limit: limit > 0 ? limit : Number.POSITIVE_INFINITY },
});
process.stdout.write(`ready ${register.url}\n`);
process.once('SIGTERM', () => {
  void register.stop().then(() => process.exit(0));
});
