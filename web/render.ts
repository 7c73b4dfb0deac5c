import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

export type Render = (template: string, context: Record<string, unknown>) => string;

/** Where the templates live: beside this file in the repo; REGISTER_ASSET_ROOT in a Lambda bundle. */
export function defaultAssetRoot(): string {
  return process.env.REGISTER_ASSET_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
}

/**
 * Nunjucks with autoescaping on, loading our views and GOV.UK Frontend's component macros.
 * Output is escaped by default; `| safe` is reserved for markup we built ourselves.
 */
export function createRenderer(root = defaultAssetRoot()): Render {
  const govukRoot = process.env.REGISTER_ASSET_ROOT
    ? path.join(root, 'govuk-frontend')
    : path.join(root, 'node_modules/govuk-frontend/dist');
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([path.join(root, 'web/views'), govukRoot], { noCache: false }),
    { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
  );
  env.addFilter('date', (value: unknown) => formatDate(value));
  return (template, context) => env.render(template, context);
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

function formatDate(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) return '';
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}
