/**
 * `nunjucks` for the Lambda bundles: the two things web/render.ts uses (Environment and
 * FileSystemLoader), without what nunjucks' index also loads at start — Jinja compatibility,
 * the precompiler, the Express view engine and the browser loaders (about 7 KB).
 * infra/bundling.ts aliases `nunjucks` to this file; `npm start` and the tests use nunjucks itself.
 */
import environment from '../../node_modules/nunjucks/src/environment.js';
import nodeLoaders from '../../node_modules/nunjucks/src/node-loaders.js';

export const Environment = environment.Environment;
export const FileSystemLoader = nodeLoaders.FileSystemLoader;
export default { Environment, FileSystemLoader };
