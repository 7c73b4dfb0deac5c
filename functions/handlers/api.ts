import middy from '@middy/core';
import { handle } from 'hono/aws-lambda';
import { createRenderer } from '../../web/render.ts';
import { createApp } from '../app/app.ts';
import { createRuntime } from './runtime.ts';

const runtime = createRuntime();
const app = createApp({
  store: runtime.store,
  clock: runtime.clock,
  render: createRenderer(),
  log: runtime.log,
});

/** API Gateway (HTTP API) → the register's Hono app. */
export const handler = middy(handle(app));
