import path from 'node:path';
import { parseArgs } from 'node:util';
import { guardedFetch } from '../checker/fetch/guarded-fetch.ts';
import { demoSites } from './demo/demo-register.ts';
import { demoFetcher } from './demo/demo-sites.ts';
import { DEMO_OFFICER, loadDemo } from './demo/load-demo.ts';
import { assertPortFree } from './dynamodb-local.ts';
import { clearRunning, RUNNING_FILE, recordRunning } from './running-register.ts';
import { startLocalRegister } from './server.ts';

/**
 * `npm start`: the whole register on http://localhost:3000 (PORT overrides), data under .data/.
 * `npm run demo` (`npm start -- --demo`) first loads the demo register into that data.
 */
async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const { values } = parseArgs({ options: { demo: { type: 'boolean', default: false } }, strict: true });
  const port = Number(process.env.PORT ?? 3000);
  const dataDir = path.resolve(process.env.REGISTER_DATA_DIR ?? '.data');
  await assertPortFree(port, 'the register (set PORT to use another)');
  const register = await startLocalRegister({
    port,
    dataDir,
    siteAddress: process.env.PUBLIC_BASE_URL ?? `http://localhost:${port}`,
    // The demo organisations' websites (hosts under .example, never on the network) are served to the checker.
    checkFetcher: demoFetcher(demoSites(new Date()), (url) => guardedFetch(url, { timeoutMs: 8_000 })),
  });
  const url = `http://localhost:${port}`;
  recordRunning({ dataDir, url, pid: process.pid });
  if (values.demo) {
    console.log('Loading the demo register (about half a minute: every statement is checked)…');
    const demo = await loadDemo(register);
    console.log(
      demo.loaded
        ? `Demo loaded: ${demo.organisations.length} organisations. Sign in at ${url}/sign-in as ${DEMO_OFFICER} (tick "compliance officer"), or as a business: ${demo.organisations
            .flatMap((o) => (o.email ? [o.email] : []))
            .join(', ')}.`
        : 'The demo register is loaded already (its organisations are in this data folder).',
    );
  }
  console.log(
    `The register is running at ${url} (data in ${dataDir}; ${path.basename(RUNNING_FILE)} tells \`npx register dev-token\`). Press Ctrl+C to stop.`,
  );
  // One stop, whatever arrives: `npm start` under a process manager may deliver a signal twice
  // (to tsx and to this process), and a second default handler would exit before DynamoDB Local stops.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    clearRunning(process.pid);
    void register.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
