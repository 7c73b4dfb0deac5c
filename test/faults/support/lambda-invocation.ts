import type { Context } from 'aws-lambda';
import type { LambdaEvent } from 'hono/aws-lambda';
import { ulid } from 'ulid';

/** An API Gateway HTTP API (payload 2.0) GET, as hono/aws-lambda takes it. */
export function apiEvent(path: string, requestId = `req-${ulid()}`): LambdaEvent {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    body: null,
    headers: { host: 'register.example', accept: 'application/json' },
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      authentication: null,
      authorizer: {},
      domainName: 'register.example',
      domainPrefix: 'register',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'test' },
      requestId,
      routeKey: '$default',
      stage: '$default',
      time: '29/Nov/2026:12:00:00 +0000',
      timeEpoch: 1_795_953_600_000,
    },
  };
}

/** The context the Lambda runtime hands the api function's handler. */
export const lambdaContext = (awsRequestId = `lambda-${ulid()}`): Context =>
  ({
    awsRequestId,
    functionName: 'register-api',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-2:123456789012:function:register-api',
    memoryLimitInMB: '1024',
    logGroupName: '/aws/lambda/register-api',
    logStreamName: 'stream',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 29_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  }) as Context;
