import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { evidenceAnswer } from '../functions/app/evidence-labels.ts';
import { compiledTemplatesFile } from './compiled-templates.ts';
import templateOptions from './template-options.json' with { type: 'json' };

export type Render = (template: string, context: Record<string, unknown>) => string;

/** Where the templates live: beside this file in the repo; REGISTER_ASSET_ROOT in a Lambda bundle. */
export function defaultAssetRoot(): string {
  return process.env.REGISTER_ASSET_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
}

type TemplateFactories = Record<string, () => unknown>;

/**
 * Templates compiled at build time, by name; a relative import ("./macros/…", as GOV.UK Frontend
 * writes them) is resolved against the importing template's name, as the file loader does.
 */
function precompiledLoader(factories: TemplateFactories): nunjucks.ILoader {
  const loader = {
    isRelative: (name: string) => name.startsWith('./') || name.startsWith('../'),
    resolve: (from: string, to: string) => path.posix.join(path.posix.dirname(from), to),
    getSource(name: string) {
      const factory = Object.hasOwn(factories, name) ? factories[name] : undefined;
      if (!factory) return null as unknown as nunjucks.LoaderSource;
      return {
        src: { type: 'code', obj: factory() },
        path: name,
        noCache: false,
      } as unknown as nunjucks.LoaderSource;
    },
  };
  return loader;
}

function templateLoader(root: string): nunjucks.ILoader {
  const compiled = path.join(root, compiledTemplatesFile);
  if (existsSync(compiled))
    return precompiledLoader(createRequire(import.meta.url)(compiled) as TemplateFactories);
  const govukRoot = process.env.REGISTER_ASSET_ROOT
    ? path.join(root, 'govuk-frontend')
    : path.join(root, 'node_modules/govuk-frontend/dist');
  return new nunjucks.FileSystemLoader([path.join(root, 'web/views'), govukRoot], { noCache: false });
}

/**
 * Nunjucks with autoescaping on, loading our views and GOV.UK Frontend's component macros: from
 * the .njk files here, or compiled at build time in a Lambda bundle (no parsing at a cold start).
 * Output is escaped by default; `| safe` is reserved for markup we built ourselves.
 */
export function createRenderer(root = defaultAssetRoot()): Render {
  const env = new nunjucks.Environment(templateLoader(root), templateOptions);
  env.addFilter('date', (value: unknown) => formatDate(value));
  env.addFilter('evidenceAnswer', (field: string, text?: string) => evidenceAnswer(field, text));
  env.addFilter('dayMonth', (value: unknown) => formatDayMonth(value));
  // "1 statement", "2 statements": {{ count | plural("statement") }} (or plural("child", "children")).
  env.addFilter(
    'plural',
    (count: unknown, one: string, many?: string) =>
      `${Number(count).toLocaleString('en-GB')} ${Number(count) === 1 ? one : (many ?? `${one}s`)}`,
  );
  return (template, context) => env.render(template, context);
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

const dayMonthFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });

/** A financial year end "12-31" as "31 December". */
function formatDayMonth(value: unknown): string {
  if (typeof value !== 'string' || !/^\d{2}-\d{2}$/.test(value))
    return typeof value === 'string' ? value : '';
  const date = new Date(`2024-${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? value : dayMonthFormat.format(date);
}

function formatDate(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) return '';
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}
