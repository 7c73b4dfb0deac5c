import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../../infra/bundling.ts';
import { compiledTemplatesFile } from '../../web/compiled-templates.ts';
import { createRenderer, type Render } from '../../web/render.ts';

/**
 * A Lambda bundle renders from templates compiled at build time; everything else reads the .njk
 * files. Both must give the same page, byte for byte.
 */
let bundleRoot: string;
let fromFiles: Render;
let fromCompiled: Render;

const views = readdirSync(path.join(projectRoot, 'web/views'), { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.njk'))
  .map((entry) => path.relative(path.join(projectRoot, 'web/views'), path.join(entry.parentPath, entry.name)))
  .sort();

beforeAll(() => {
  bundleRoot = mkdtempSync(path.join(tmpdir(), 'register-templates-'));
  mkdirSync(path.join(bundleRoot, 'web'));
  execFileSync(process.execPath, [
    path.join(projectRoot, 'bin/precompile-templates.mjs'),
    projectRoot,
    path.join(bundleRoot, compiledTemplatesFile),
  ]);
  fromFiles = createRenderer(projectRoot);
  fromCompiled = createRenderer(bundleRoot);
});

afterAll(() => rmSync(bundleRoot, { recursive: true, force: true }));

const outcome = (render: Render, view: string, context: Record<string, unknown>) => {
  try {
    return { html: render(view, context) };
  } catch (error) {
    // The file loader names a template by its path, the compiled one by its name.
    return {
      error: String(error)
        .replaceAll(`${path.join(projectRoot, 'web/views')}/`, '')
        .replace(/\s+/g, ' '),
    };
  }
};

describe('templates compiled at build time', () => {
  test('cover every view', () => {
    expect(views.length).toBeGreaterThan(10);
  });

  test.each(views)('render %s exactly as the template files do', (view) => {
    const context = {
      title: 'A page',
      description: 'What this page is for.',
      signedIn: { name: 'Ada', roles: ['officer'] },
      errors: [{ text: 'Enter a name', href: '#name' }],
      items: [{ id: 'a', name: 'Acme <Ltd>' }],
      csrfToken: 'token',
      cspNonce: 'nonce',
    };
    const compiled = outcome(fromCompiled, view, context);
    expect(compiled).toEqual(outcome(fromFiles, view, context));
  });

  test('resolve GOV.UK Frontend macros that import their helpers by relative path', () => {
    const page = fromCompiled('problems/index.njk', { title: 'Errors', types: [] });
    expect(page).toContain('govuk-template');
  });
});
