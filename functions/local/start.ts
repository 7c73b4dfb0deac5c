import path from 'node:path';
import { assertPortFree } from './dynamodb-local.ts';
import { startLocalRegister } from './server.ts';

/** `npm start`: the whole register on http://localhost:3000 (PORT overrides), data under .data/. */
async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const port = Number(process.env.PORT ?? 3000);
  const dataDir = path.resolve(process.env.REGISTER_DATA_DIR ?? '.data');
  await assertPortFree(port, 'the register (set PORT to use another)');
  const register = await startLocalRegister({
    port,
    dataDir,
    siteAddress: process.env.PUBLIC_BASE_URL ?? `http://localhost:${port}`,
  });
  console.log(
    `The register is running at http://localhost:${port} (data in ${dataDir}). Press Ctrl+C to stop.`,
  );
  // One stop, whatever arrives: `npm start` under a process manager may deliver a signal twice
  // (to tsx and to this process), and a second default handler would exit before DynamoDB Local stops.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void register.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
