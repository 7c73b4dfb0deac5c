import type { RouteSet } from './app.ts';
import { checkRouteDocs } from './routes/check-route.ts';

/**
 * `POST /api/v1/check` in the OpenAPI document of an app that leaves it to the check function
 * (its own file, so that the api bundle carries the contract without the checker).
 */
export const checkerRouteDocs: RouteSet = () => [checkRouteDocs()];
