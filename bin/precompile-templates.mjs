#!/usr/bin/env node
// Compiles every Nunjucks template the pages use (web/views and GOV.UK Frontend's .njk files)
// into one CommonJS module of factories, so a Lambda never parses a template at run time:
// the first page of a cold start skips the lexer, parser and compiler (web/render.ts loads it).
// Usage: node bin/precompile-templates.mjs <project root> <output file>
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';
import nunjucks from 'nunjucks';

function templateFiles(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return templateFiles(path.join(dir, entry.name), name);
    return entry.name.endsWith('.njk') ? [{ name, file: path.join(dir, entry.name) }] : [];
  });
}

/** Template name → compiled source, views first as the FileSystemLoader searches them. */
export function compileTemplates(root) {
  const roots = [
    { dir: path.join(root, 'web/views'), prefix: '' },
    { dir: path.join(root, 'node_modules/govuk-frontend/dist/govuk'), prefix: 'govuk' },
  ];
  // The options web/render.ts gives its Environment: trimBlocks and lstripBlocks change the code.
  const options = JSON.parse(readFileSync(path.join(root, 'web/template-options.json'), 'utf8'));
  const env = new nunjucks.Environment([], options);
  const compiled = new Map();
  for (const { dir, prefix } of roots) {
    for (const { name, file } of templateFiles(dir, prefix)) {
      if (compiled.has(name)) continue;
      const source = readFileSync(file, 'utf8');
      compiled.set(
        name,
        nunjucks.compiler.compile(source, env.asyncFilters, env.extensionsList, name, env.opts),
      );
    }
  }
  return compiled;
}

export function compiledModule(compiled) {
  const entries = [...compiled].map(([name, code]) => `${JSON.stringify(name)}: function () {\n${code}\n}`);
  const source = `"use strict";\nmodule.exports = {\n${entries.join(',\n')}\n};\n`;
  return transformSync(source, { minify: true, format: 'cjs', target: 'node22' }).code;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root, out] = process.argv.slice(2);
  if (!root || !out) {
    console.error('usage: node bin/precompile-templates.mjs <project root> <output file>');
    process.exit(2);
  }
  const compiled = compileTemplates(path.resolve(root));
  writeFileSync(out, compiledModule(compiled));
}
