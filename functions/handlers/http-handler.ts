import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { handle } from 'hono/aws-lambda';
import { createRenderer } from '../../web/render.ts';
import { createApp, type RouteSet } from '../app/app.ts';
import { type Config, rateLimitsOf, sessionSettingsFromConfig } from '../config.ts';
import { unauthenticated } from '../domain/errors.ts';
import type { HostedSignIn, Verifier } from '../domain/verifier.ts';
import { createCognitoHostedSignIn } from '../identity/cognito-hosted-sign-in.ts';
import { createCognitoVerifier } from '../identity/jwt-verifier.ts';
import { correlationIdPaths } from './correlation-id.ts';
import { logger, metrics, traceHandler } from './observability.ts';
import { createRuntime } from './runtime.ts';

/** Cognito ID tokens only: the development issuer is never wired here. */
function cognitoVerifier(config: Config): Verifier {
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

/** Page sign-in through Cognito's managed login, when the stack gave a domain and the site's address. */
function hostedSignIn(config: Config): HostedSignIn | undefined {
  if (!config.COGNITO_DOMAIN || !config.PUBLIC_BASE_URL || !config.COGNITO_CLIENT_ID) return undefined;
  const site = config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  return createCognitoHostedSignIn({
    domainUrl: config.COGNITO_DOMAIN,
    clientId: config.COGNITO_CLIENT_ID,
    redirectUri: `${site}/auth/callback`,
    // infra/auth.ts registers exactly this as the client's logout URL.
    signedOutUri: `${site}/`,
  });
}

/** API Gateway (HTTP API) → a Hono app serving the given route sets, built once per container. */
export function httpHandler(routeSets: readonly RouteSet[], options: { sessionsReadOnly?: boolean } = {}) {
  const runtime = createRuntime();
  const app = createApp(
    {
      store: runtime.store,
      clock: runtime.clock,
      render: createRenderer(),
      log: runtime.log,
      verifier: cognitoVerifier(runtime.config),
      archive: runtime.archive,
      siteAddress: runtime.config.PUBLIC_BASE_URL,
      accessibilityContact: runtime.config.ACCESSIBILITY_CONTACT_EMAIL,
      originSecret: runtime.config.ORIGIN_SECRET,
      originSecretNext: runtime.config.ORIGIN_SECRET_NEXT,
      hostedSignIn: hostedSignIn(runtime.config),
      limits: rateLimitsOf(runtime.config),
      // Behind CloudFront the site is https only: Secure, __Host- cookie.
      sessions: {
        ...sessionSettingsFromConfig(runtime.config, { secureCookie: true }),
        readOnly: options.sessionsReadOnly === true,
      },
    },
    routeSets,
  );
  return middy(handle(app))
    .use(traceHandler())
    .use(injectLambdaContext(logger, { correlationIdPath: correlationIdPaths.httpApi, resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}
