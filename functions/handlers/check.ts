import { checkerRoutes } from '../app/checker-routes.ts';
import { httpHandler } from './http-handler.ts';

/**
 * `POST /api/v1/check` and the /check page: the checker, with its PDF reader thread and tagger
 * model, in a function of its own so that the rest of the register loads without them.
 */
export const handler = httpHandler([checkerRoutes]);
