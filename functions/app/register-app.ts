import { createApp } from './app.ts';
import { checkerRoutes } from './checker-routes.ts';
import type { AppDeps } from './deps.ts';
import { registerRoutes } from './register-routes.ts';

/** The whole register in one app, as the local server and the tests run it. */
export const createRegisterApp = (deps: AppDeps) => createApp(deps, [registerRoutes, checkerRoutes]);
