import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism as availableCores, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import {
  afterBundlingCommands,
  esbuildOptions,
  type HandlerName,
  handlerEntries,
  projectRoot,
} from '../infra/bundling.ts';

/** Targets from the brief: what a cold start of the api function may cost. */
export const bundleTargets = { apiBundleBytes: 1_000_000, apiColdImportMs: 300 } as const;

export interface BuiltBundle {
  dir: string;
  file: string;
  bytes: number;
}

/**
 * Bundles one handler with esbuild exactly as the stack's NodejsFunction does (the options
 * of infra/bundling.ts, and the same after-bundling file copies), into `outDir`.
 */
export async function bundleLikeTheStack(handler: HandlerName, outDir: string): Promise<BuiltBundle> {
  const file = path.join(outDir, esbuildOptions.outfile);
  await build({
    entryPoints: [path.join(projectRoot, handlerEntries[handler])],
    bundle: true,
    outfile: file,
    absWorkingDir: projectRoot,
    format: esbuildOptions.format,
    platform: esbuildOptions.platform,
    target: esbuildOptions.target,
    minify: esbuildOptions.minify,
    sourcemap: esbuildOptions.sourcemap,
    sourcesContent: esbuildOptions.sourcesContent,
    mainFields: [...esbuildOptions.mainFields],
    banner: { js: esbuildOptions.banner },
    external: [...esbuildOptions.external],
    alias: esbuildOptions.alias,
    logLevel: 'error',
  });
  const extras = afterBundlingCommands(handler, projectRoot, outDir);
  if (extras.length > 0) execFileSync('bash', ['-c', extras.join(' && ')], { cwd: projectRoot });
  return { dir: outDir, file, bytes: statSync(file).size };
}

/**
 * What the function sees in Lambda (REGISTER_ASSET_ROOT is /var/task there), with dummy
 * credentials: nothing calls AWS at import time.
 */
export function lambdaLikeEnv(assetRoot: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    TABLE_NAME: 'register-bench',
    STAGE: 'dev',
    AWS_REGION: 'eu-west-2',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    ARCHIVE_BUCKET: 'register-bench-archive',
    COGNITO_USER_POOL_ID: 'eu-west-2_bench',
    COGNITO_CLIENT_ID: 'bench',
    COGNITO_ISSUER: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_bench',
    POWERTOOLS_SERVICE_NAME: 'register-api',
    POWERTOOLS_METRICS_NAMESPACE: 'ModernSlaveryRegister',
    POWERTOOLS_TRACE_ENABLED: 'false',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    REGISTER_ASSET_ROOT: assetRoot,
    // The rotation function's settings (infra/register-stack.ts).
    ORIGIN_DISTRIBUTION_ID: 'EBENCH',
    ORIGIN_ID: 'api',
    GATED_FUNCTION_NAMES: 'register-api,register-check',
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/**
 * A Node script: imports a bundle (argv[2]), calls its handler as API Gateway (HTTP API, payload
 * 2.0) would for GET of each path (argv[4…]), writes the answers to argv[3] as JSON.
 */
export const invokeHandlerScript = `
import { writeFileSync } from 'node:fs';
const { handler } = await import(process.argv[2]);
const event = (rawPath) => ({
  version: '2.0', routeKey: '$default', rawPath, rawQueryString: '', isBase64Encoded: false,
  headers: { host: 'abc123.execute-api.us-east-1.amazonaws.com', accept: 'text/html,application/json' },
  requestContext: {
    accountId: '123456789012', apiId: 'abc123', domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
    domainPrefix: 'abc123', requestId: 'req-' + rawPath, routeKey: '$default', stage: '$default',
    time: '29/Nov/2026:12:00:00 +0000', timeEpoch: 1795953600000,
    http: { method: 'GET', path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'bundle-test' },
  },
});
const context = {
  awsRequestId: 'req', functionName: 'register-api', functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:register-api', memoryLimitInMB: '1536',
  logGroupName: '/aws/lambda/register-api', logStreamName: 'bundle-test', callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 29000,
};
const answers = {};
for (const path of process.argv.slice(4)) {
  const response = await handler(event(path), context);
  const body = response.isBase64Encoded ? Buffer.from(response.body, 'base64').toString('utf8') : response.body;
  answers[path] = { statusCode: response.statusCode, body };
}
writeFileSync(process.argv[3], JSON.stringify(answers));
`;

/** The page each function's first request renders in the cold-start measure (none: import only). */
const firstPages: Record<HandlerName, string[]> = {
  api: ['/'],
  check: ['/check'],
  stream: [],
  schedule: [],
  rotation: [],
};

/** Wall time of one fresh `node` process running `args`, in milliseconds. */
function processMs(args: string[], env: NodeJS.ProcessEnv, cwd: string): number {
  const started = performance.now();
  execFileSync(process.execPath, args, { env, cwd, stdio: 'ignore', timeout: 60_000 });
  return performance.now() - started;
}

const RUNS = 11;

/**
 * Every Lambda bundle as the stack builds it: its size, and its cold start — a fresh `node`
 * importing it and answering its first page (templates precompiled), minus a bare `node -e 0`
 * timed in the same run, each the median of 11 processes taken in turn. Targets for the api
 * function: < 1 MB and < 300 ms. Markdown lines.
 */
export async function benchBundle(): Promise<string> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'register-bundle-'));
  const loadBefore = loadavg()[0] ?? 0;
  const mark = (ok: boolean) => (ok ? 'met' : '**missed**');
  try {
    const runner = path.join(scratch, 'invoke.mjs');
    writeFileSync(runner, invokeHandlerScript);
    const rows: string[] = [];
    for (const handler of Object.keys(handlerEntries) as HandlerName[]) {
      const bundle = await bundleLikeTheStack(handler, path.join(scratch, handler));
      const env = lambdaLikeEnv(bundle.dir);
      const bare: number[] = [];
      const cold: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        bare.push(processMs(['-e', '0'], env, scratch));
        cold.push(
          processMs(
            [runner, bundle.file, path.join(scratch, 'answers.json'), ...firstPages[handler]],
            env,
            scratch,
          ),
        );
      }
      const startMs = median(cold) - median(bare);
      const isApi = handler === 'api';
      const what =
        firstPages[handler].length > 0 ? `import + first page (${firstPages[handler].join(', ')})` : 'import';
      rows.push(
        `| ${handler} | ${(bundle.bytes / 1024).toFixed(0)} KiB (${bundle.bytes} bytes) | ${isApi ? `< 1 MB: ${mark(bundle.bytes < bundleTargets.apiBundleBytes)}` : '–'} | ` +
          `${startMs.toFixed(0)} ms: ${what}, median ${median(cold).toFixed(0)} − bare node ${median(bare).toFixed(0)} | ` +
          `${isApi ? `< 300 ms: ${mark(startMs < bundleTargets.apiColdImportMs)}` : '–'} |`,
      );
    }
    return [
      '### Lambda bundles and cold starts',
      '',
      '| function | index.mjs (minified ESM) | target | cold start above bare node (median of 11) | target |',
      '|---|---|---|---|---|',
      ...rows,
      '',
      `Bundled with esbuild as infra/bundling.ts sets it (templates precompiled); run with ${process.version} on this machine ` +
        '(Lambda runs Node 22); each time is a whole fresh process, spawn to exit. ' +
        `1-minute load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]?.toFixed(1)} after ` +
        `(${availableCores()} cores): a loaded machine inflates the times.`,
      '',
    ].join('\n');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
