import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHARTS_BUNDLE_FILE } from '../functions/app/routes/charts.ts';
import { compiledTemplatesFile } from '../web/compiled-templates.ts';

/**
 * How every Lambda bundle is built, in one place: the stack hands these to NodejsFunction and
 * bench/bundle.ts hands the same values to esbuild directly, so what is measured is what ships.
 */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The Lambda handlers, relative to the project root. */
export const handlerEntries = {
  api: 'functions/handlers/api.ts',
  check: 'functions/handlers/check.ts',
  stream: 'functions/handlers/stream.ts',
  schedule: 'functions/handlers/schedule.ts',
  /** Secrets Manager's rotation of the origin secret (the only bundle with CloudFront and Lambda clients). */
  rotation: 'functions/handlers/rotate-origin-secret.ts',
} as const;

export type HandlerName = keyof typeof handlerEntries;

/** CommonJS dependencies (nunjucks, parts of the AWS SDK) call `require`; give ESM one. */
export const esmRequireBanner =
  "import { createRequire as __registerCreateRequire } from 'node:module';" +
  'const require = __registerCreateRequire(import.meta.url);';

export const esbuildOptions = {
  format: 'esm',
  platform: 'node',
  target: 'node22',
  minify: true,
  sourcemap: true,
  /** Source maps stay small: positions only, the sources are in the repository. */
  sourcesContent: false,
  /** Prefer packages' ESM builds, which tree-shake. */
  mainFields: ['module', 'main'],
  banner: esmRequireBanner,
  /**
   * The AWS SDK is bundled, not taken from the Lambda runtime: the versions pinned in
   * package-lock.json are the ones tested here.
   */
  external: [] as string[],
  /**
   * `zod` without its 60 translations (infra/zod-lean/zod.mjs): about 260 KB less to ship and to
   * compile at every cold start. Relative to the project root, where esbuild runs.
   */
  alias: {
    zod: './infra/zod-lean/zod.mjs',
    /** Lambda's credentials are in its environment: the SDK's chain reduced to that (90 KB less). */
    '@aws-sdk/credential-provider-node': './infra/lambda-credentials/credential-provider-node.mjs',
    /** Nunjucks' environment and file loader, without its Jinja, precompiler and Express parts. */
    nunjucks: './infra/nunjucks-lean/nunjucks.mjs',
    /** X-Ray's SDK needs only `gte` of semver, for the AWS SDK v2 it never meets here (25 KB less). */
    semver: './infra/semver-lean/semver.mjs',
    /** The SDK's lazily loaded event-stream codec, which no operation here needs (15 KB less). */
    '@smithy/core/event-streams': './infra/smithy-lean/event-streams.mjs',
  } as Record<string, string>,
  /** The handler file in the bundle folder; `.mjs` so Node loads it as ESM. */
  outfile: 'index.mjs',
} as const;

/**
 * Files a bundle carries beside index.mjs, for code that reads them at run time:
 * - templates (api, check): our views and GOV.UK Frontend's `.njk` files compiled into one module
 *   (bin/precompile-templates.mjs), which web/render.ts loads under REGISTER_ASSET_ROOT=/var/task
 *   (GOV.UK Frontend's fonts, images and scripts are served from the assets bucket instead);
 * - checker (check, stream worker): the document readers' worker thread (HTML, PDF, Word), bundled
 *   on its own as `extract-worker.mjs` beside index.mjs (functions/checker/extract/pool.ts starts
 *   it from there), and
 *   the tagger model, copied to functions/checker/model under REGISTER_ASSET_ROOT;
 * - charts (api): the chart builders as charts.mjs beside index.mjs (chartsBundleCommand).
 */
export const bundleExtras: Record<HandlerName, { templates: boolean; checker: boolean; charts: boolean }> = {
  api: { templates: true, checker: false, charts: true },
  check: { templates: true, checker: true, charts: false },
  stream: { templates: false, checker: true, charts: false },
  schedule: { templates: false, checker: false, charts: false },
  rotation: { templates: false, checker: false, charts: false },
};

export const carriesFiles = (handler: HandlerName): boolean =>
  bundleExtras[handler].templates || bundleExtras[handler].checker || bundleExtras[handler].charts;

/** Shell commands (bash) run after esbuild, with the project at inputDir and the bundle at outputDir. */
export function afterBundlingCommands(handler: HandlerName, inputDir: string, outputDir: string): string[] {
  const extras = bundleExtras[handler];
  return [
    ...(extras.templates ? templateCopyCommands(inputDir, outputDir) : []),
    ...(extras.checker ? checkerFileCommands(inputDir, outputDir) : []),
    ...(extras.charts ? [chartsBundleCommand(inputDir, outputDir)] : []),
  ];
}

/**
 * The chart builders (Observable Plot and its linkedom document, about 700 KB minified) bundled on
 * their own as charts.mjs beside index.mjs, which imports them on the first chart page
 * (functions/app/routes/charts.ts): the other pages' cold start does not compile them.
 */
export const chartsEntry = 'functions/app/routes/officers-charts.ts';

/** One entry bundled on its own beside index.mjs, with the handler's esbuild options. */
function separateBundleCommand(inputDir: string, entry: string, outfile: string): string {
  return [
    `"${inputDir}/node_modules/.bin/esbuild"`,
    `"${inputDir}/${entry}"`,
    '--bundle',
    `--platform=${esbuildOptions.platform}`,
    `--format=${esbuildOptions.format}`,
    `--target=${esbuildOptions.target}`,
    '--minify',
    `--main-fields=${esbuildOptions.mainFields.join(',')}`,
    '--log-level=warning',
    `"--banner:js=${esmRequireBanner}"`,
    `--outfile="${outfile}"`,
  ].join(' ');
}

export function chartsBundleCommand(inputDir: string, outputDir: string): string {
  return separateBundleCommand(inputDir, chartsEntry, `${outputDir}/${CHARTS_BUNDLE_FILE}`);
}

export function templateCopyCommands(inputDir: string, outputDir: string): string[] {
  return [
    `mkdir -p "${outputDir}/web"`,
    `node "${inputDir}/bin/precompile-templates.mjs" "${inputDir}" "${outputDir}/${compiledTemplatesFile}"`,
  ];
}

export const extractWorkerEntry = 'functions/checker/extract/extract-worker.mjs';
export const checkerModelDir = 'functions/checker/model';

export function checkerFileCommands(inputDir: string, outputDir: string): string[] {
  const esbuild = separateBundleCommand(inputDir, extractWorkerEntry, `${outputDir}/extract-worker.mjs`);
  return [
    esbuild,
    `if [ -d "${inputDir}/${checkerModelDir}" ]; then mkdir -p "${outputDir}/functions/checker" && ` +
      `cp -R "${inputDir}/${checkerModelDir}" "${outputDir}/${checkerModelDir}"; fi`,
  ];
}

/** Where web/render.ts looks for templates inside a Lambda bundle. */
export const lambdaAssetRoot = '/var/task';
