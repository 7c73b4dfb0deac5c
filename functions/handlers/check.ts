import { checkerRoutes } from '../app/checker-routes.ts';
import { httpHandler } from './http-handler.ts';

/**
 * `POST /api/v1/check` and the /check page: the checker, with its PDF reader thread and tagger
 * model, in a function of its own so that the rest of the register loads without them. It only
 * reads sessions (the signed-in navigation of the /check page): its IAM allows nothing more.
 */
export const handler = httpHandler([checkerRoutes], { sessionsReadOnly: true });
