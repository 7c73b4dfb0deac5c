import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as ChartModule from './officers-charts.ts';

/** GOV.UK palette colours with at least 3:1 contrast against white. */
export const COLOURS = {
  blue: '#1d70b8',
  green: '#00703c',
  orange: '#b64c00',
  purple: '#4c2c92',
  grey: '#505a5f',
};

/** What a group's bar says when there is no figure (nothing was determined), instead of a 0. */
export const NOT_DETERMINED = 'Not determined';

/** The chart builders bundled on their own beside index.mjs (infra/bundling.ts). */
export const CHARTS_BUNDLE_FILE = 'charts.mjs';

export type ChartBuilders = typeof ChartModule;

let loading: Promise<ChartBuilders> | undefined;

/**
 * The chart builders (Observable Plot on a linkedom document, about 700 KB minified), loaded on
 * the first chart page rather than at every cold start: in a Lambda bundle from charts.mjs beside
 * index.mjs, otherwise from the source. The specifier is computed so that esbuild leaves the
 * import out of index.mjs.
 */
export function loadCharts(): Promise<ChartBuilders> {
  const root = process.env.REGISTER_ASSET_ROOT;
  const bundled = root ? path.join(root, CHARTS_BUNDLE_FILE) : undefined;
  const specifier =
    bundled && existsSync(bundled)
      ? pathToFileURL(bundled).href
      : new URL('./officers-charts.ts', import.meta.url).href;
  loading ??= import(specifier) as Promise<ChartBuilders>;
  return loading;
}
