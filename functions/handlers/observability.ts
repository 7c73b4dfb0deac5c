import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { searchDottedPath } from './correlation-id.ts';

/**
 * Powertools for AWS Lambda: structured JSON logs carrying the correlation id of each request or
 * event, and CloudWatch metrics in embedded metric format. One instance each per container.
 * Service name and namespace come from POWERTOOLS_SERVICE_NAME / POWERTOOLS_METRICS_NAMESPACE.
 */
export const logger = new Logger({ correlationIdSearchFn: searchDottedPath });

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'ModernSlaveryRegister',
});

/**
 * X-Ray traces through Powertools: each invocation is a `## index.handler` subsegment annotated
 * with ColdStart and Service, and every call of an AWS SDK client passed through traceAwsClient
 * (DynamoDB, S3, SES, the rotation's clients) a subsegment under it. Outside Lambda
 * (AWS_EXECUTION_ENV unset: tests, the local server) or with POWERTOOLS_TRACE_ENABLED=false it
 * does nothing. The service name comes from POWERTOOLS_SERVICE_NAME.
 */
export const tracer = new Tracer();

/** An AWS SDK v3 client whose calls are traced (returned unchanged when tracing is off). */
export function traceAwsClient<Client extends { middlewareStack: unknown }>(client: Client): Client {
  return tracer.captureAWSv3Client(client);
}

/**
 * The handlers' tracing middleware. Responses are never recorded (pages and downloads are large
 * and may carry personal data; POWERTOOLS_TRACER_CAPTURE_RESPONSE=false says the same in AWS);
 * errors are.
 */
export const traceHandler = () => captureLambdaHandler(tracer, { captureResponse: false });

/** The shape every domain and app logger takes: a message and, optionally, the error or detail. */
export function logError(message: string, detail?: unknown): void {
  if (detail instanceof Error) logger.error(message, detail);
  else logger.error(message, { detail });
}
