import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** Milliseconds to import the bundle in a fresh `node`, measured inside that process. */
export function coldImportMs(bundle: BuiltBundle, scratch: string): number {
  const runner = path.join(scratch, 'cold-import.mjs');
  const result = path.join(scratch, 'cold-import.json');
  writeFileSync(
    runner,
    [
      'import { writeFileSync } from "node:fs";',
      'const started = performance.now();',
      'await import(process.argv[2]);',
      'writeFileSync(process.argv[3], JSON.stringify(performance.now() - started));',
    ].join('\n'),
  );
  execFileSync(process.execPath, [runner, bundle.file, result], {
    env: lambdaLikeEnv(bundle.dir),
    stdio: 'ignore',
    timeout: 30_000,
  });
  return Number(readFileSync(result, 'utf8'));
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
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/**
 * The api function's bundle as the stack builds it: its size (target < 1 MB minified) and the
 * median of 5 cold imports in fresh `node` processes (target < 300 ms); the check function's
 * bundle (the checker, apart since it left the api function) beside it. Markdown lines.
 */
export async function benchBundle(): Promise<string> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'register-bundle-'));
  const loadBefore = loadavg()[0] ?? 0;
  const mark = (ok: boolean) => (ok ? 'met' : '**missed**');
  try {
    const rows: string[] = [];
    for (const handler of ['api', 'check'] as const) {
      const bundle = await bundleLikeTheStack(handler, path.join(scratch, handler));
      const runs = Array.from({ length: 5 }, () => coldImportMs(bundle, scratch));
      const importMs = median(runs);
      const targets =
        handler === 'api'
          ? [
              ` < 1 MB: ${mark(bundle.bytes < bundleTargets.apiBundleBytes)}`,
              ` < 300 ms: ${mark(importMs < bundleTargets.apiColdImportMs)}`,
            ]
          : [' –', ' –'];
      rows.push(
        `| ${handler} | index.mjs, minified ESM | ${(bundle.bytes / 1024).toFixed(0)} KiB (${bundle.bytes} bytes) |${targets[0]} |`,
        `| ${handler} | cold import, median of 5 | ${importMs.toFixed(0)} ms (runs: ${runs.map((ms) => ms.toFixed(0)).join(', ')}) |${targets[1]} |`,
      );
    }
    return [
      '### Lambda bundles (api and check functions)',
      '',
      '| function | measure | value | target |',
      '|---|---|---|---|',
      ...rows,
      '',
      `Bundled with esbuild as infra/bundling.ts sets it; imported with ${process.version} on this machine ` +
        '(Lambda runs Node 22); time measured inside a fresh `node` process around `import()`; ' +
        `1-minute load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]?.toFixed(1)} after ` +
        `(${availableCores()} cores): a loaded machine inflates the import time.`,
      '',
    ].join('\n');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
