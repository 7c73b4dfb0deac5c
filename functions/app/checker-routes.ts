import type { RouteSet } from './app.ts';
import { checkApi } from './routes/check-api.ts';
import { checkPage } from './routes/check-page.ts';

/** The checker without storing: `POST /api/v1/check` and the /check page. */
export const checkerRoutes: RouteSet = (deps) => [checkApi(deps), checkPage(deps)];
