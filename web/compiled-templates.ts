/** Where a Lambda bundle keeps its templates, compiled at build time by bin/precompile-templates.mjs. */
export const compiledTemplatesFile = 'web/compiled-templates.cjs';
