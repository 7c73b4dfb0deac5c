#!/usr/bin/env node
// `npx register …`: runs the compiled command line (dist/cli/, built on install by
// bin/build-cli.mjs), rebuilding it first when a source file changed since; without esbuild it
// falls back to loading the TypeScript through tsx (about a second slower), and says so.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist/cli/main.mjs');

// Files the checker reads at run time, found from the repository rather than from dist/.
process.env.CHECKER_MODEL_DIR ??= join(root, 'functions/checker/model');
process.env.CHECKER_PDF_WORKER ??= join(root, 'functions/checker/extract/pdf-worker.mjs');
process.env.CHECKER_EXTRACT_WORKER ??= join(root, 'functions/checker/extract/extract-worker.mjs');

function isFresh() {
  try {
    const { builtAt, inputs } = JSON.parse(readFileSync(join(root, 'dist/cli/inputs.json'), 'utf8'));
    statSync(compiled);
    return inputs.every((file) => statSync(join(root, file)).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

async function load() {
  if (!isFresh()) {
    try {
      await (await import('./build-cli.mjs')).buildCli();
    } catch (error) {
      process.stderr.write(
        `register: could not compile the command line (${error instanceof Error ? error.message.split('\n')[0] : error}); running it from source.\n`,
      );
      const { register } = await import('tsx/esm/api');
      register();
      return import('../functions/cli/main.ts');
    }
  }
  return import(pathToFileURL(compiled).href);
}

const { main } = await load();
process.exitCode = await main(process.argv.slice(2));
