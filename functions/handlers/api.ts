import { correlationPaths } from '@aws-lambda-powertools/logger/correlationId';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { handle } from 'hono/aws-lambda';
import { createRenderer } from '../../web/render.ts';
import { createApp } from '../app/app.ts';
import { unauthenticated } from '../domain/errors.ts';
import type { Verifier } from '../domain/verifier.ts';
import { createCognitoVerifier } from '../identity/jwt-verifier.ts';
import { logger, metrics } from './observability.ts';
import { createRuntime } from './runtime.ts';

const runtime = createRuntime();
const { config } = runtime;

/** Cognito ID tokens only: the development issuer is never wired here. */
function cognitoVerifier(): Verifier {
  const issuer =
    config.COGNITO_ISSUER ??
    (config.COGNITO_USER_POOL_ID
      ? `https://cognito-idp.${config.AWS_REGION}.amazonaws.com/${config.COGNITO_USER_POOL_ID}`
      : undefined);
  if (!issuer || !config.COGNITO_CLIENT_ID) {
    return {
      verify: async () => {
        throw unauthenticated('Sign-in is not configured for this register.');
      },
    };
  }
  return createCognitoVerifier({ issuer, clientId: config.COGNITO_CLIENT_ID });
}

const app = createApp({
  store: runtime.store,
  clock: runtime.clock,
  render: createRenderer(),
  log: runtime.log,
  verifier: cognitoVerifier(),
  archive: runtime.archive,
});

/** API Gateway (HTTP API) → the register's Hono app. */
export const handler = middy(handle(app))
  .use(injectLambdaContext(logger, { correlationIdPath: correlationPaths.API_GATEWAY_HTTP, resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
