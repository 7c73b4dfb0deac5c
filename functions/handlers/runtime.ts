import { type Config, readConfig } from '../config.ts';
import { createStore, type Store } from '../store/store.ts';

/** What every Lambda builds once per container, at cold start: validated config and the store. */
export interface Runtime {
  config: Config;
  store: Store;
  clock: () => Date;
  log: (message: string, detail?: unknown) => void;
}

export function createRuntime(env: Record<string, string | undefined> = process.env): Runtime {
  const config = readConfig(env);
  const store = createStore({
    tableName: config.TABLE_NAME,
    region: config.AWS_REGION,
    endpoint: config.DYNAMODB_ENDPOINT,
  });
  const log = (message: string, detail?: unknown) => {
    const cause =
      detail instanceof Error ? { name: detail.name, message: detail.message, stack: detail.stack } : detail;
    console.error(JSON.stringify({ level: 'ERROR', message, cause }));
  };
  return { config, store, clock: () => new Date(), log };
}
