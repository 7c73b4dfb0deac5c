import path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Tags, TimeZone } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { RegisterAuth } from './auth.ts';
import { projectRoot } from './bundling.ts';
import { API_ORIGIN_ID, RegisterEdge } from './edge.ts';
import { acknowledgeAcceptedFindings } from './nag-suppressions.ts';
import { RegisterObservability } from './observability.ts';
import { registerFunction } from './register-function.ts';
import type { RegisterSettings } from './settings.ts';
import { RegisterStorage } from './storage.ts';

/**
 * Item reads and writes (transactions are authorised per item action), but never Scan: what the
 * api, stream worker and schedule functions may do on the table. Only `register export`, run by
 * an operator with their own credentials, scans.
 */
export const tableItemActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
] as const;

export interface RegisterStackProps extends StackProps {
  settings: RegisterSettings;
}

/**
 * The whole register in one stack: table and buckets, Cognito, the api / stream worker /
 * schedule functions, the HTTP API, CloudFront (+ WAF), alarms and a dashboard.
 */
export class RegisterStack extends Stack {
  readonly storage: RegisterStorage;
  readonly auth: RegisterAuth;
  readonly originSecret: Secret;
  /** Rotates the origin secret every 30 days (functions/rotation/), with no refused request. */
  readonly originSecretRotation: NodejsFunction;
  readonly functions: {
    api: NodejsFunction;
    check: NodejsFunction;
    stream: NodejsFunction;
    schedule: NodejsFunction;
  };
  readonly httpApi: HttpApi;
  readonly edge: RegisterEdge;
  readonly streamDlq: Queue;
  readonly scheduleDlq: Queue;
  readonly observability: RegisterObservability;

  constructor(scope: Construct, id: string, props: RegisterStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const logRetention =
      settings.profile.logRetentionDays === 365 ? RetentionDays.ONE_YEAR : RetentionDays.ONE_MONTH;
    Tags.of(this).add('project', 'modern-slavery-register');
    Tags.of(this).add('stage', settings.stage);

    this.storage = new RegisterStorage(this, 'Storage');
    const { table, archiveBucket, assetsBucket, logBucket } = this.storage;

    this.auth = new RegisterAuth(this, 'Auth', {
      mailFrom: settings.mailFrom,
      sesIdentity: settings.sesIdentity,
      sesRegion: this.region,
      signIn:
        settings.signInDomainPrefix && settings.domainName
          ? { domainPrefix: settings.signInDomainPrefix, siteUrl: `https://${settings.domainName}` }
          : undefined,
    });

    // What every function is told (functions/config.ts). Never DYNAMODB_ENDPOINT (local only)
    // and never a development token issuer: in AWS, tokens come from the user pool alone.
    const environment: Record<string, string> = {
      TABLE_NAME: table.tableName,
      STAGE: settings.stage,
      ARCHIVE_BUCKET: archiveBucket.bucketName,
      COGNITO_USER_POOL_ID: this.auth.userPool.userPoolId,
      COGNITO_CLIENT_ID: this.auth.client.userPoolClientId,
      COGNITO_ISSUER: this.auth.issuer,
      ...(settings.domainName ? { PUBLIC_BASE_URL: `https://${settings.domainName}` } : {}),
      ...(settings.mailFrom ? { MAIL_FROM: settings.mailFrom } : {}),
      ...(settings.accessibilityEmail ? { ACCESSIBILITY_CONTACT_EMAIL: settings.accessibilityEmail } : {}),
    };

    // CloudFront proves itself to the app with this secret header (functions/app/edge.ts), so the
    // API Gateway address called directly, around the WAF, is refused. Both sides read it from
    // Secrets Manager at deploy time (dynamic references: it is not in the template), and a
    // rotation function changes both in between (below).
    this.originSecret = new Secret(this, 'OriginSecret', {
      description: 'Header value CloudFront adds to requests to the register API (x-origin-verify)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    const httpEnvironment: Record<string, string> = {
      ...environment,
      ORIGIN_SECRET: this.originSecret.secretValue.unsafeUnwrap(),
      ...(this.auth.domain ? { COGNITO_DOMAIN: this.auth.domain.baseUrl() } : {}),
    };

    this.functions = {
      api: registerFunction(this, 'ApiFunction', {
        handler: 'api',
        description: 'The register: web pages and JSON API (Hono), all but the checker',
        serviceName: 'register-api',
        memorySize: 1024,
        timeout: Duration.seconds(29),
        logRetention,
        environment: httpEnvironment,
      }),
      // The checker (PDF reader thread, tagger model) apart, so the api function starts without it.
      check: registerFunction(this, 'CheckFunction', {
        handler: 'check',
        description: 'The register checker without storing: POST /api/v1/check and the /check page',
        serviceName: 'register-check',
        memorySize: 1536,
        timeout: Duration.seconds(29),
        logRetention,
        environment: httpEnvironment,
      }),
      stream: registerFunction(this, 'StreamFunction', {
        handler: 'stream',
        description: 'The register stream worker: reacts to every table change',
        serviceName: 'register-stream-worker',
        memorySize: 1024,
        timeout: Duration.minutes(2),
        logRetention,
        environment,
      }),
      schedule: registerFunction(this, 'ScheduleFunction', {
        handler: 'schedule',
        description: 'The register daily jobs (missing and late sweep, reminders, open data files)',
        serviceName: 'register-schedule',
        memorySize: 1024,
        timeout: Duration.minutes(10),
        logRetention,
        // It publishes each year's open data to the assets bucket, served by CloudFront at /assets/open-data/.
        environment: { ...environment, OPEN_DATA_BUCKET: assetsBucket.bucketName },
      }),
    };
    const { api, check, stream, schedule } = this.functions;

    // Least privilege: data-plane item actions on this table (and its indexes) only; on the
    // archive, reading and writing objects (no deletes: documents are evidence).
    // No function scans (the house rules forbid Scan on a request path, and the worker and daily
    // jobs query purpose-built keys): their grants leave Scan out.
    for (const fn of [api, stream, schedule]) table.grant(fn, ...tableItemActions);
    // The check function stores nothing but its abuse-limit counters: UpdateItem on THROTTLE#
    // partitions only (one conditional update per check), no grant on the archive; and it reads
    // the web session of a signed-in visitor of /check: GetItem on SESSION# items only.
    check.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:UpdateItem'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['THROTTLE#*'] } },
      }),
    );
    check.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SESSION#*'] } },
      }),
    );
    for (const fn of [api, stream]) {
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['s3:GetObject', 's3:PutObject'],
          resources: [archiveBucket.arnForObjects('*')],
        }),
      );
      fn.addToRolePolicy(
        new PolicyStatement({ actions: ['s3:ListBucket'], resources: [archiveBucket.bucketArn] }),
      );
    }

    // Open data files: the daily job writes them (multipart uploads) under one prefix, nothing else.
    schedule.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
        resources: [assetsBucket.arnForObjects('assets/open-data/*')],
      }),
    );

    // Reminders by email: only the worker and the daily jobs, only from the given identity.
    if (settings.sesIdentity) {
      const sendEmail = new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          this.formatArn({ service: 'ses', resource: 'identity', resourceName: settings.sesIdentity }),
        ],
      });
      stream.addToRolePolicy(sendEmail);
      schedule.addToRolePolicy(sendEmail);
    }

    // HTTP API: every route to the Hono app, which does its own routing and authentication.
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Modern slavery statement register',
      defaultIntegration: new HttpLambdaIntegration('App', api),
      createDefaultStage: false,
    });
    // The checker's two addresses go to the check function; the Hono apps agree (functions/handlers).
    const checkIntegration = new HttpLambdaIntegration('Check', check);
    this.httpApi.addRoutes({
      path: '/check',
      methods: [HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST],
      integration: checkIntegration,
    });
    this.httpApi.addRoutes({
      path: '/api/v1/check',
      methods: [HttpMethod.POST],
      integration: checkIntegration,
    });
    new HttpStage(this, 'HttpApiDefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: settings.profile.apiRateLimit, burstLimit: settings.profile.apiBurstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            method: '$context.httpMethod',
            path: '$context.path',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    // Stream worker: small ordered batches; a failing record is isolated (bisect, partial batch
    // response), retried a bounded number of times, then its position is dead-lettered.
    this.streamDlq = new Queue(this, 'StreamDlq', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    stream.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 25,
        maxBatchingWindow: Duration.seconds(1),
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 5,
        maxRecordAge: Duration.hours(6),
        // Up to 4 batches of a shard at once: records of one partition key (a statement's items
        // share STMT#<id>) still arrive in order, which is all the reactors rely on (each reads
        // what it needs and writes conditionally; the table's shards already split other keys).
        // One worker does ~4 submissions a second locally (README, "Stream worker per submission").
        parallelizationFactor: 4,
        onFailure: new SqsDlq(this.streamDlq),
      }),
    );

    // Daily jobs: EventBridge Scheduler invokes only the schedule function (its own role).
    this.scheduleDlq = new Queue(this, 'ScheduleDlq', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    new Schedule(this, 'DailySchedule', {
      description: 'The register daily jobs: missing and late statements, reminders',
      schedule: ScheduleExpression.cron({ minute: '15', hour: '6', timeZone: TimeZone.EUROPE_LONDON }),
      target: new LambdaInvoke(schedule, {
        deadLetterQueue: this.scheduleDlq,
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
      }),
    });

    // Front door and static assets (the same layout functions/local/static-assets.ts serves).
    this.edge = new RegisterEdge(this, 'Edge', {
      api: this.httpApi,
      assetsBucket,
      logBucket,
      waf: settings.waf,
      webAclArn: settings.webAclArn,
      originSecret: this.originSecret,
      wafRequestsPer5MinutesPerIp: settings.profile.wafRequestsPer5MinutesPerIp,
      domainName: settings.domainName,
      certificateArn: settings.certificateArn,
    });
    // Rotation of the origin secret every 30 days: the gated functions accept the current and the
    // next value before CloudFront switches, then the next alone (functions/rotation/). It may
    // read and change this distribution and the configuration of these two functions, nothing else;
    // the rotation schedule grants its Secrets Manager actions on this secret.
    this.originSecretRotation = registerFunction(this, 'OriginSecretRotationFunction', {
      handler: 'rotation',
      description: 'Rotates the CloudFront origin secret (x-origin-verify) with no refused request',
      serviceName: 'register-origin-secret-rotation',
      memorySize: 256,
      // testSecret waits for CloudFront to deploy the new header everywhere (minutes).
      timeout: Duration.minutes(15),
      logRetention,
      environment: {
        ORIGIN_DISTRIBUTION_ID: this.edge.distribution.distributionId,
        ORIGIN_ID: API_ORIGIN_ID,
        GATED_FUNCTION_NAMES: `${api.functionName},${check.functionName}`,
      },
    });
    this.edge.distribution.grant(
      this.originSecretRotation,
      'cloudfront:GetDistribution',
      'cloudfront:GetDistributionConfig',
      'cloudfront:UpdateDistribution',
    );
    this.originSecretRotation.addToRolePolicy(
      new PolicyStatement({
        actions: ['lambda:GetFunctionConfiguration', 'lambda:UpdateFunctionConfiguration'],
        resources: [api.functionArn, check.functionArn],
      }),
    );
    this.originSecret.addRotationSchedule('Rotation', {
      rotationLambda: this.originSecretRotation,
      automaticallyAfter: Duration.days(30),
      // A change of the schedule (a deploy) does not start a rotation; the first comes on schedule
      // or by hand (README, Operations), never in the middle of a deploy touching the same resources.
      rotateImmediatelyOnUpdate: false,
    });

    const govukDist = path.join(projectRoot, 'node_modules/govuk-frontend/dist/govuk');
    const assetDeployment = {
      destinationBucket: assetsBucket,
      prune: false,
      retainOnDelete: true,
      cacheControl: [CacheControl.fromString('public, max-age=3600')],
      distribution: this.edge.distribution,
      distributionPaths: ['/assets/*'],
      memoryLimit: 512,
    };
    new BucketDeployment(this, 'DeployAssets', {
      ...assetDeployment,
      sources: [Source.asset(path.join(projectRoot, 'web/assets'))],
      destinationKeyPrefix: 'assets/',
    });
    new BucketDeployment(this, 'DeployGovukAssets', {
      ...assetDeployment,
      sources: [
        Source.asset(path.join(govukDist, 'assets')),
        Source.asset(govukDist, { exclude: ['*', '!govuk-frontend.min.js'] }),
      ],
      destinationKeyPrefix: 'assets/govuk/',
    });

    this.observability = new RegisterObservability(this, 'Observability', {
      stage: settings.stage,
      api: this.httpApi,
      functions: this.functions,
      table,
      streamDlq: this.streamDlq,
      scheduleDlq: this.scheduleDlq,
      originSecretRotation: this.originSecretRotation,
      alarmEmail: settings.alarmEmail,
    });

    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    output(
      'SiteUrl',
      settings.domainName
        ? `https://${settings.domainName}`
        : `https://${this.edge.distribution.distributionDomainName}`,
      'The register: open this in a browser',
    );
    output(
      'DistributionDomainName',
      this.edge.distribution.distributionDomainName,
      'Point your DNS (CNAME/alias) here',
    );
    output(
      'ApiEndpoint',
      this.httpApi.apiEndpoint,
      'The HTTP API behind CloudFront (use the SiteUrl instead)',
    );
    output('TableName', table.tableName, 'The DynamoDB table');
    output('ArchiveBucketName', archiveBucket.bucketName, 'Archived statement documents');
    output('AssetsBucketName', assetsBucket.bucketName, 'Static assets served under /assets/');
    output('UserPoolId', this.auth.userPool.userPoolId, 'Cognito user pool: create the first officer here');
    output('UserPoolClientId', this.auth.client.userPoolClientId, 'Cognito app client id');
    output('CognitoIssuer', this.auth.issuer, 'Issuer of the JWTs the API accepts');
    output(
      'OriginSecretArn',
      this.originSecret.secretArn,
      'The origin header secret (rotate it now: aws secretsmanager rotate-secret --secret-id <this>)',
    );
    output('StreamFunctionName', stream.functionName, 'The stream worker (for redriving the DLQ)');
    output('ScheduleFunctionName', schedule.functionName, 'The daily jobs (to run them again by hand)');
    output('StreamDlqUrl', this.streamDlq.queueUrl, 'Failed stream batches land here');
    output('ScheduleDlqUrl', this.scheduleDlq.queueUrl, 'Failed daily-job invocations land here');
    output('AlarmTopicArn', this.observability.topic.topicArn, 'Subscribe to receive alarms');
    output('DashboardName', this.observability.dashboard.dashboardName, 'CloudWatch dashboard');

    acknowledgeAcceptedFindings(this, settings);
  }
}
