/**
 * `nunjucks` for the Lambda bundles: its slim runtime (no lexer, parser or compiler, 37 KB
 * instead of 83 KB), since a bundle carries its templates compiled at build time
 * (bin/precompile-templates.mjs → web/compiled-templates.cjs, which web/render.ts loads).
 * infra/bundling.ts aliases `nunjucks` to this file; `npm start` and the tests use nunjucks itself.
 */
import slim from '../../node_modules/nunjucks/browser/nunjucks-slim.js';

export const Environment = slim.Environment;

/** A bundle never reads .njk files: reaching this means the compiled templates are missing. */
export class FileSystemLoader {
  constructor() {
    throw new Error(
      'This bundle reads precompiled templates only, and web/compiled-templates.cjs is missing.',
    );
  }
}

export default { Environment, FileSystemLoader };
