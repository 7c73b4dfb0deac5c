/** `z.core` for the Lambda bundles: zod's core, with English as its only locale (see ./zod.mjs). */
export * from '../../node_modules/zod/v4/core/index.js';

import en from '../../node_modules/zod/v4/locales/en.js';

export const locales = { en };
