import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { createSesMailer } from '../mail/ses-mailer.ts';
import { changeFromStreamRecord, type RawStreamRecord } from '../store/stream-records.ts';
import { processStreamBatch, type Reactor } from '../worker/process-changes.ts';
import { createReactors } from '../worker/reactors.ts';
import { logger, metrics, traceAwsClient, traceHandler } from './observability.ts';
import { createRuntime } from './runtime.ts';

/** What the stream handler works with: the reactors, where errors are logged, and the metrics. */
export interface StreamHandlerDeps {
  reactors: readonly Reactor[];
  log: (message: string, detail?: unknown) => void;
  metrics: Metrics;
}

/**
 * DynamoDB Stream → the worker. Every record of the batch is tried; the partial batch response
 * names the records that failed (not parsable, or a reactor threw), so a poison record never
 * holds up the others. Lambda resumes from the lowest failure (bisecting, with bounded retries,
 * then the DLQ); records after it are delivered again, which idempotent reactors shrug off.
 */
export async function handleStreamEvent(
  event: DynamoDBStreamEvent,
  deps: StreamHandlerDeps,
): Promise<DynamoDBBatchResponse> {
  const records: DynamoDBRecord[] = event.Records ?? [];
  const result = await processStreamBatch(
    records,
    (record) => changeFromStreamRecord(record as RawStreamRecord),
    deps.reactors,
    (record, error) =>
      deps.log(
        `stream worker failed on record ${record.eventID ?? '?'} (${JSON.stringify(record.dynamodb?.Keys ?? null)})`,
        error,
      ),
  );
  deps.metrics.addMetric('StreamRecords', MetricUnit.Count, records.length);
  deps.metrics.addMetric('StreamRecordsMalformed', MetricUnit.Count, result.malformed);
  deps.metrics.addMetric('StreamBatchFailures', MetricUnit.Count, result.failures.length ? 1 : 0);
  return { batchItemFailures: result.failures.map((itemIdentifier) => ({ itemIdentifier })) };
}

/** The Lambda handler around handleStreamEvent: Powertools traces, logging and metrics through middy. */
export function createStreamHandler(
  deps: () => Omit<StreamHandlerDeps, 'metrics'>,
  metricsSink: Metrics = metrics,
) {
  return middy(
    async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> =>
      handleStreamEvent(event, { ...deps(), metrics: metricsSink }),
  )
    .use(traceHandler())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metricsSink, { captureColdStartMetric: true }));
}

let production: Omit<StreamHandlerDeps, 'metrics'> | undefined;

/** Built once per container, on first use (so importing this module has no side effects). */
function productionDeps(): Omit<StreamHandlerDeps, 'metrics'> {
  if (production) return production;
  const runtime = createRuntime();
  const reactors = createReactors({
    store: runtime.store,
    clock: runtime.clock,
    log: runtime.log,
    archive: runtime.archive,
    mailer: runtime.config.MAIL_FROM
      ? createSesMailer({
          from: runtime.config.MAIL_FROM,
          region: runtime.config.AWS_REGION,
          client: traceAwsClient(new SESv2Client({ region: runtime.config.AWS_REGION })),
        })
      : undefined,
    publicBaseUrl: runtime.config.PUBLIC_BASE_URL,
    // Statements imported from the government registry: fetched politely, a few a minute per host.
    importedFetch: { perHostPerMinute: 6, dailyBudget: 5_000 },
  });
  production = { reactors, log: runtime.log };
  return production;
}

export const handler = createStreamHandler(productionDeps);
