import { checkerRouteDocs } from '../app/checker-route-docs.ts';
import { registerRoutes } from '../app/register-routes.ts';
import { httpHandler } from './http-handler.ts';

/** The register's pages and JSON API, all but the checker (which the check function serves). */
export const handler = httpHandler([registerRoutes, checkerRouteDocs]);
