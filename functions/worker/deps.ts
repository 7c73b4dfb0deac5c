import type { Store } from '../store/store.ts';

export interface WorkerDeps {
  store: Store;
  clock: () => Date;
  log: (message: string, detail?: unknown) => void;
}
