/**
 * `zod` for the Lambda bundles, minus its 60 translations of the error messages.
 *
 * @hono/zod-openapi uses the `z` namespace as a value, so esbuild keeps every export of zod,
 * including `locales` (about a quarter of the api bundle). The bundles alias `zod` to this file
 * (infra/bundling.ts): everything else is zod's own, re-exported; `locales` (here and on
 * `z.core`) holds English only, which zod registers as the default in any case.
 */
export * from '../../node_modules/zod/v4/classic/external.js';
export * as core from './core.mjs';

import en from '../../node_modules/zod/v4/locales/en.js';
import * as z from './zod.mjs';

export const locales = { en };
export { z, z as default };
