import { createApp } from '../../functions/app/app.ts';
import type { Store } from '../../functions/store/store.ts';
import { createRenderer } from '../../web/render.ts';

export const fixedNow = new Date('2026-11-29T12:00:00.000Z');

/** The app in-process, on a real table, with a fixed clock; errors are collected, not printed. */
export function testApp(store: Store, now: () => Date = () => fixedNow) {
  const errors: unknown[] = [];
  const app = createApp({
    store,
    clock: now,
    render: createRenderer(),
    log: (_message, error) => errors.push(error),
  });
  return { app, errors };
}
