/**
 * `zod` for the Lambda bundles, minus its 60 translations of the error messages and the
 * JSON Schema → zod converter (`fromJSONSchema`) and the compiled fast path (`compile`,
 * `withParser`: 30 KB), which the register never calls.
 *
 * @hono/zod-openapi uses the `z` namespace as a value, so esbuild keeps every export of zod
 * (about a quarter of the api bundle was `locales`). The bundles alias `zod` to this file
 * (infra/bundling.ts). Below are the exports of zod/v4/classic/external.js (zod 4.6.7) without
 * those two; `locales` (here and on `z.core`) holds English only, which zod registers as the
 * default in any case. test/infra/bundle.test.ts checks the bundle still speaks zod.
 */

export * from '../../node_modules/zod/v4/classic/checks.js';
export * as coerce from '../../node_modules/zod/v4/classic/coerce.js';
export * from '../../node_modules/zod/v4/classic/compat.js';
export { deepPartial } from '../../node_modules/zod/v4/classic/deep-partial.js';
export * from '../../node_modules/zod/v4/classic/errors.js';
export { input, output } from '../../node_modules/zod/v4/classic/in-out.js';
export * as iso from '../../node_modules/zod/v4/classic/iso.js';
export {
  ZodISODate,
  ZodISODateTime,
  ZodISODuration,
  ZodISOTime,
} from '../../node_modules/zod/v4/classic/iso.js';
export * from '../../node_modules/zod/v4/classic/parse.js';
export * from '../../node_modules/zod/v4/classic/schemas.js';
export {
  $brand,
  $input,
  $output,
  clone,
  config,
  flattenError,
  formatError,
  getDiscriminatedOption,
  globalRegistry,
  memoizer,
  NEVER,
  prettifyError,
  regexes,
  registry,
  TimePrecision,
  toZod,
  treeifyError,
  util,
} from '../../node_modules/zod/v4/core/index.js';
export { toJSONSchema } from '../../node_modules/zod/v4/core/json-schema-processors.js';
export * as core from './core.mjs';

import en from '../../node_modules/zod/v4/locales/en.js';
import * as z from './zod.mjs';

export const locales = { en };
export { z, z as default };
