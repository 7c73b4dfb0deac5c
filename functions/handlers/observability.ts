import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
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

/** The shape every domain and app logger takes: a message and, optionally, the error or detail. */
export function logError(message: string, detail?: unknown): void {
  if (detail instanceof Error) logger.error(message, detail);
  else logger.error(message, { detail });
}
