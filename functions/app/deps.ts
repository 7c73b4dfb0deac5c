import type { User } from '../../schemas/user.ts';
import type { Render } from '../../web/render.ts';
import type { Store } from '../store/store.ts';
import type { ErrorLogger } from './problems.ts';

/** Everything the app needs from outside, passed in so tests and Lambda wire it differently. */
export interface AppDeps {
  store: Store;
  /** The time now; tests pass a fixed clock. */
  clock: () => Date;
  render: Render;
  log: ErrorLogger;
}

/** Per-request values set by middleware. */
export interface AppEnv {
  Variables: {
    secureHeadersNonce?: string;
    /** Set by the authentication middleware when the request carries valid credentials. */
    user?: User;
  };
}
