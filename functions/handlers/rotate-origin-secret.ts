import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { rotateOriginSecret } from '../rotation/origin-secret-rotation.ts';
import { readRotationSettings, rotationEventSchema } from '../rotation/rotation-schemas.ts';
import { logger, traceAwsClient, traceHandler } from './observability.ts';

/**
 * Secrets Manager → one step of the origin secret's rotation (functions/rotation/). Its own
 * function: the api and check functions never carry the CloudFront, Lambda and Secrets Manager
 * clients. Configuration is read once, at cold start.
 */
const settings = readRotationSettings(process.env);
const clients = {
  secrets: traceAwsClient(new SecretsManagerClient({ region: settings.region })),
  // CloudFront's control plane is global (us-east-1); the SDK routes it whatever the region.
  cloudFront: traceAwsClient(new CloudFrontClient({ region: settings.region })),
  lambda: traceAwsClient(new LambdaClient({ region: settings.region })),
};

/** Polling stops this long before the function's own timeout, so the step fails cleanly. */
const safetyMarginMs = 15_000;

export const handler = middy(async (event: unknown, context: Context) => {
  const parsed = rotationEventSchema.parse(event);
  await rotateOriginSecret(parsed, {
    clients,
    settings,
    log: (message, detail) => logger.info(message, { ...detail }),
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    deadline: Date.now() + context.getRemainingTimeInMillis() - safetyMarginMs,
  });
})
  .use(traceHandler())
  .use(injectLambdaContext(logger, { resetKeys: true }));
