import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * How every Lambda bundle is built, in one place: the stack hands these to NodejsFunction and
 * bench/bundle.ts hands the same values to esbuild directly, so what is measured is what ships.
 */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The Lambda handlers, relative to the project root. */
export const handlerEntries = {
  api: 'functions/handlers/api.ts',
  stream: 'functions/handlers/stream.ts',
  schedule: 'functions/handlers/schedule.ts',
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
  alias: { zod: './infra/zod-lean/zod.mjs' } as Record<string, string>,
  /** The handler file in the bundle folder; `.mjs` so Node loads it as ESM. */
  outfile: 'index.mjs',
} as const;

/**
 * Folders the api bundle carries beside index.mjs so Nunjucks can load templates at run time
 * (web/render.ts resolves them under REGISTER_ASSET_ROOT=/var/task): our views, and only the
 * `.njk` files of GOV.UK Frontend (its fonts, images and scripts are served from the assets bucket).
 */
export function templateCopyCommands(inputDir: string, outputDir: string): string[] {
  const govukTarget = `${outputDir}/govuk-frontend/govuk`;
  return [
    `mkdir -p "${outputDir}/web"`,
    `cp -R "${inputDir}/web/views" "${outputDir}/web/views"`,
    `mkdir -p "${outputDir}/govuk-frontend"`,
    `cp -R "${inputDir}/node_modules/govuk-frontend/dist/govuk" "${govukTarget}"`,
    `find "${govukTarget}" -type f ! -name '*.njk' -delete`,
    `find "${govukTarget}" -type d -empty -delete`,
  ];
}

/** Where web/render.ts looks for templates inside a Lambda bundle. */
export const lambdaAssetRoot = '/var/task';
