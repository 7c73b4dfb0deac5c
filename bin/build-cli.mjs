// Compiles the command line (functions/cli/) to JavaScript in dist/cli/, so `register` starts
// without compiling TypeScript: run by `npm install`/`npm ci` (the prepare script) and by
// bin/register.mjs when its sources changed since. Packages stay imports of node_modules;
// the subcommands are chunks of their own, loaded only when used.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_DIR = join(root, 'dist/cli');
/** The sources the build read, for bin/register.mjs to tell whether it is out of date. */
export const INPUTS_FILE = join(CLI_DIR, 'inputs.json');

export async function buildCli() {
  const esbuild = await import('esbuild');
  // Before reading: a source saved during the build counts as newer than it.
  const builtAt = Date.now();
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: 'functions/cli/main.ts' },
    outdir: CLI_DIR,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Packages stay imports, except their JSON files (Node would need an import attribute).
    plugins: [
      {
        name: 'external-packages',
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.endsWith('.json') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    write: false,
  });
  const inputs = Object.keys(result.metafile.inputs).map((file) => relative(root, join(root, file)));
  // Each file lands whole (written aside, then renamed), chunks before the entry that names them
  // and the list of inputs last, so a `register` started meanwhile (or a second build) never reads
  // half a build. Chunk names carry their content's hash: old ones are left for such readers.
  const entry = join(CLI_DIR, 'main.mjs');
  const files = [
    ...result.outputFiles.filter((file) => file.path !== entry),
    ...result.outputFiles.filter((file) => file.path === entry),
    { path: INPUTS_FILE, contents: new TextEncoder().encode(JSON.stringify({ builtAt, inputs })) },
  ];
  for (const file of files) {
    await mkdir(dirname(file.path), { recursive: true });
    const aside = join(dirname(file.path), `.${basename(file.path)}.${process.pid}.tmp`);
    await writeFile(aside, file.contents);
    await rename(aside, file.path);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await buildCli();
  } catch (error) {
    // Never fail an install over it: bin/register.mjs falls back to running the TypeScript.
    console.error(
      `register: the command line was not compiled (${error instanceof Error ? error.message : error}); it will run from source, more slowly.`,
    );
  }
}
