import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  SingleValueWidget,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type Table } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface RegisterObservabilityProps {
  stage: string;
  api: HttpApi;
  functions: { api: IFunction; check: IFunction; stream: IFunction; schedule: IFunction };
  table: Table;
  streamDlq: Queue;
  scheduleDlq: Queue;
  /** The origin secret's rotation function: any failed step is an alarm. */
  originSecretRotation?: IFunction | undefined;
  alarmEmail?: string | undefined;
}

/** Alarm thresholds: what an operator should be woken for. */
export const thresholds = {
  /** Percentage of API requests answered 5xx, over 5 minutes. */
  api5xxPercent: 1,
  /** p99 of API Gateway latency, milliseconds, over 5 minutes. */
  apiP99LatencyMs: 3000,
  /** Age of the oldest stream record the worker has not processed, milliseconds. */
  streamIteratorAgeMs: 5 * 60 * 1000,
  /** DynamoDB requests throttled over 5 minutes (the SDK retried them with backoff; more than this is a trend). */
  tableThrottledRequests: 0,
} as const;

/**
 * The table operations the register's functions make (functions/store/). An alarm's metric math
 * may use at most 10 metrics, so the throttles are summed over these rather than every operation.
 */
export const tableOperations = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.SCAN,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.BATCH_WRITE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
] as const;

/**
 * What operators watch: alarms (to an encrypted SNS topic, with an optional email subscriber)
 * for API 5xx rate and p99 latency, stream iterator age, anything in a dead-letter queue,
 * Lambda errors and throttles, and DynamoDB throttling; and one dashboard with the same figures.
 */
export class RegisterObservability extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: RegisterObservabilityProps) {
    super(scope, id);
    const period = Duration.minutes(5);

    // CloudWatch may only publish to an encrypted topic through a customer managed key it can use.
    const key = new Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the register alarm topic',
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: `Register alarms (${props.stage})`,
      masterKey: key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action = new SnsAction(this.topic);

    const alarm = (id: string, metric: IMetric, threshold: number, description: string) => {
      const created = new Alarm(this, id, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
      return created;
    };

    const requests = props.api.metricCount({ period, statistic: 'Sum' });
    const serverErrors = props.api.metricServerError({ period, statistic: 'Sum' });
    const errorRate = new MathExpression({
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: { requests, errors: serverErrors },
      period,
      label: 'API 5xx %',
    });
    const latencyP99 = props.api.metricLatency({ period, statistic: 'p99' });
    const iteratorAge = props.functions.stream.metric('IteratorAge', { period, statistic: 'Maximum' });
    const streamDlqDepth = props.streamDlq.metricApproximateNumberOfMessagesVisible({
      period,
      statistic: 'Maximum',
    });
    const scheduleDlqDepth = props.scheduleDlq.metricApproximateNumberOfMessagesVisible({
      period,
      statistic: 'Maximum',
    });

    alarm(
      'Api5xxRate',
      errorRate,
      thresholds.api5xxPercent,
      `More than ${thresholds.api5xxPercent}% of API requests failed with 5xx`,
    );
    alarm(
      'ApiLatencyP99',
      latencyP99,
      thresholds.apiP99LatencyMs,
      `API p99 latency above ${thresholds.apiP99LatencyMs} ms`,
    );
    alarm(
      'StreamIteratorAge',
      iteratorAge,
      thresholds.streamIteratorAgeMs,
      'The stream worker is falling behind: the oldest unprocessed change is over 5 minutes old',
    );
    alarm(
      'StreamDlqNotEmpty',
      streamDlqDepth,
      0,
      'Stream changes failed and were dead-lettered: see README, Redriving',
    );
    alarm(
      'ScheduleDlqNotEmpty',
      scheduleDlqDepth,
      0,
      'The daily job could not be invoked: see the schedule DLQ',
    );

    const functions = Object.entries(props.functions);
    for (const [name, fn] of functions) {
      const title = name[0]?.toUpperCase() + name.slice(1);
      alarm(
        `${title}Errors`,
        fn.metricErrors({ period, statistic: 'Sum' }),
        0,
        `The ${name} function reported errors`,
      );
      alarm(
        `${title}Throttles`,
        fn.metricThrottles({ period, statistic: 'Sum' }),
        0,
        `The ${name} function was throttled`,
      );
    }

    if (props.originSecretRotation) {
      alarm(
        'OriginSecretRotationErrors',
        props.originSecretRotation.metricErrors({ period, statistic: 'Sum' }),
        0,
        'A step of the origin secret rotation failed (nothing is refused meanwhile): see README, Rotating the origin secret',
      );
    }

    const tableThrottles = props.table.metricThrottledRequestsForOperations({
      operations: [...tableOperations],
      period,
    });
    alarm(
      'TableThrottles',
      tableThrottles,
      thresholds.tableThrottledRequests,
      'DynamoDB throttled requests to the register table (retried with backoff by the SDK; answers may have slowed or failed with 503)',
    );

    this.dashboard = new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(24),
      widgets: [
        [
          new TextWidget({
            markdown: `# Modern slavery statement register (${props.stage})\nAlarms go to the SNS topic in the stack outputs.`,
            width: 24,
            height: 2,
          }),
        ],
        [
          new GraphWidget({ title: 'API requests', left: [requests], width: 8 }),
          new GraphWidget({ title: 'API 5xx %', left: [errorRate], width: 8 }),
          new GraphWidget({
            title: 'API latency (ms)',
            left: [props.api.metricLatency({ period, statistic: 'p50' }), latencyP99],
            width: 8,
          }),
        ],
        [
          new GraphWidget({
            title: 'Lambda errors',
            left: functions.map(([, fn]) => fn.metricErrors({ period, statistic: 'Sum' })),
            width: 8,
          }),
          new GraphWidget({
            title: 'Lambda throttles',
            left: functions.map(([, fn]) => fn.metricThrottles({ period, statistic: 'Sum' })),
            width: 8,
          }),
          new GraphWidget({
            title: 'Lambda duration p99 (ms)',
            left: functions.map(([, fn]) => fn.metricDuration({ period, statistic: 'p99' })),
            width: 8,
          }),
        ],
        [
          new GraphWidget({ title: 'Stream iterator age (ms)', left: [iteratorAge], width: 8 }),
          new SingleValueWidget({
            title: 'Dead-lettered',
            metrics: [streamDlqDepth, scheduleDlqDepth],
            width: 8,
          }),
          new GraphWidget({ title: 'DynamoDB throttled requests', left: [tableThrottles], width: 8 }),
        ],
      ],
    });
  }
}
