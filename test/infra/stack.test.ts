import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Stack, Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OFFICERS_GROUP } from '../../functions/identity/jwt-verifier.ts';
import { tableDefinition } from '../../functions/store/table-definition.ts';
import { projectRoot } from '../../infra/bundling.ts';
import { tableOperations } from '../../infra/observability.ts';
import { tableItemActions } from '../../infra/register-stack.ts';
import {
  actionsOf,
  logicalId,
  propertiesOfOnly,
  resourcesOf,
  type Statement,
  type Synthesized,
  statementsOfFunction,
  statementsOfRole,
  synthRegister,
} from './synth.ts';

let synth: Synthesized;
beforeAll(() => {
  synth = synthRegister();
});
afterAll(() => synth?.cleanup());

const ref = (construct: IConstruct) => ({ Ref: logicalId(construct) });
const arn = (construct: IConstruct) => ({ 'Fn::GetAtt': [logicalId(construct), 'Arn'] });
const functionIds = () => ({
  api: logicalId(synth.stack.functions.api),
  check: logicalId(synth.stack.functions.check),
  stream: logicalId(synth.stack.functions.stream),
  schedule: logicalId(synth.stack.functions.schedule),
});
const mentions = (value: unknown, needle: string) => JSON.stringify(value).includes(needle);

describe('the app', () => {
  test('builds exactly one stack, in us-east-1 while WAF is on (the default)', () => {
    const stacks = synth.app.node.children.filter((child) => Stack.isStack(child));
    expect(stacks).toHaveLength(1);
    expect(synth.stack.stackName).toBe('ModernSlaveryRegister-dev');
    expect(synth.stack.region).toBe('us-east-1');
    expect(synth.stack.terminationProtection).toBe(false);
  });
});

describe('the table', () => {
  test('is built from the shared table definition: keys, streams, TTL and every GSI with its projection, the check listing keys only', () => {
    synth.template.resourceCountIs('AWS::DynamoDB::Table', 1);
    synth.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
      ],
      StreamSpecification: { StreamViewType: tableDefinition.streamViewType },
      TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
      GlobalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: index.projection },
      })),
    });
    // Check results are listed by their keys alone, never copied whole into an index (issue 15).
    expect(tableDefinition.globalSecondaryIndexes.find((i) => i.indexName === 'gsi4')?.projection).toBe(
      'KEYS_ONLY',
    );
  });

  test('is on-demand, encrypted, point-in-time recoverable, deletion-protected and retained', () => {
    synth.template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      }),
    });
  });
});

describe('the Lambda functions', () => {
  test.each(['api', 'check', 'stream', 'schedule'] as const)(
    '%s runs Node 22 on arm64 with X-Ray, JSON logs and an ESM bundle',
    (name) => {
      const id = functionIds()[name];
      const fn = synth.template.toJSON().Resources[id];
      expect(fn.Type).toBe('AWS::Lambda::Function');
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON' },
      });
    },
  );

  test.each(['api', 'check', 'stream', 'schedule'] as const)(
    '%s is told the table, stage, archive, Cognito and Powertools settings',
    (name) => {
      const env = synth.template.toJSON().Resources[functionIds()[name]].Properties.Environment.Variables;
      expect(env).toMatchObject({
        TABLE_NAME: ref(synth.stack.storage.table),
        STAGE: 'dev',
        ARCHIVE_BUCKET: ref(synth.stack.storage.archiveBucket),
        COGNITO_USER_POOL_ID: ref(synth.stack.auth.userPool),
        COGNITO_CLIENT_ID: ref(synth.stack.auth.client),
        COGNITO_ISSUER: expect.anything(),
        POWERTOOLS_SERVICE_NAME: expect.stringMatching(/^register-/),
        POWERTOOLS_METRICS_NAMESPACE: 'ModernSlaveryRegister',
      });
    },
  );

  test.each(['api', 'check', 'stream', 'schedule', 'rotation'] as const)(
    '%s traces through the Powertools Tracer on active X-Ray, may send its segments, and never records a response',
    (name) => {
      const id = name === 'rotation' ? logicalId(synth.stack.originSecretRotation) : functionIds()[name];
      const fn = synth.template.toJSON().Resources[id];
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Properties.Environment.Variables).toMatchObject({
        POWERTOOLS_TRACE_ENABLED: 'true',
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
      });
      // Segments reach X-Ray through the role: Tracing.ACTIVE grants exactly these.
      const actions = actionsOf(statementsOfFunction(synth.template, synth.stack, id));
      expect(actions).toEqual(expect.arrayContaining(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']));
    },
  );

  test('the api, check and stream bundles are told where their files are (REGISTER_ASSET_ROOT=/var/task)', () => {
    const envOf = (id: string) => synth.template.toJSON().Resources[id].Properties.Environment.Variables;
    const ids = functionIds();
    expect(envOf(ids.api).REGISTER_ASSET_ROOT).toBe('/var/task');
    expect(envOf(ids.check).REGISTER_ASSET_ROOT).toBe('/var/task');
    expect(envOf(ids.stream).REGISTER_ASSET_ROOT).toBe('/var/task');
    expect(envOf(ids.schedule).REGISTER_ASSET_ROOT).toBeUndefined();
  });

  test('no function anywhere gets the local endpoint, a dev issuer, or a local/test stage', () => {
    const functions = resourcesOf(synth.template, 'AWS::Lambda::Function');
    expect(Object.keys(functions).length).toBeGreaterThanOrEqual(3);
    for (const fn of Object.values(functions)) {
      const env = ((fn.Properties?.Environment as { Variables?: Record<string, unknown> })?.Variables ??
        {}) as Record<string, unknown>;
      expect(Object.keys(env)).not.toContain('DYNAMODB_ENDPOINT');
      expect(Object.keys(env).filter((key) => /DEV|ISSUER_KEY|LOCAL/i.test(key))).toEqual([]);
      expect(JSON.stringify(env)).not.toMatch(/dev-issuer|localhost|127\.0\.0\.1/);
      if ('STAGE' in env) expect(['dev', 'prod']).toContain(env.STAGE);
    }
  });

  test('every function log group, and the API access log, has the stage retention and is retained', () => {
    const groups = resourcesOf(synth.template, 'AWS::Logs::LogGroup');
    for (const name of [
      'ApiFunctionLogs',
      'CheckFunctionLogs',
      'StreamFunctionLogs',
      'ScheduleFunctionLogs',
      'ApiAccessLogs',
    ]) {
      const group = groups[logicalId(synth.stack.node.findChild(name))];
      expect(group?.Properties, name).toMatchObject({ RetentionInDays: 30 });
      expect(group?.DeletionPolicy, name).toBe('Retain');
    }
  });
});

describe('the HTTP API', () => {
  test('sends every route to the api function (payload 2.0) but the checker’s, which go to the check function', () => {
    synth.template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    const integrations = resourcesOf(synth.template, 'AWS::ApiGatewayV2::Integration');
    const integrationOf = (fn: IConstruct) =>
      Object.entries(integrations).find(([, integration]) =>
        mentions(integration.Properties?.IntegrationUri, logicalId(fn)),
      );
    for (const fn of [synth.stack.functions.api, synth.stack.functions.check]) {
      expect(integrationOf(fn)?.[1].Properties).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
      });
    }
    const routes = Object.values(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Route'));
    const targetOf = (key: string) => {
      const route = routes.find((r) => r.Properties?.RouteKey === key);
      return JSON.stringify(route?.Properties?.Target);
    };
    expect(targetOf('$default')).toContain(integrationOf(synth.stack.functions.api)?.[0]);
    for (const key of ['GET /check', 'HEAD /check', 'POST /check', 'POST /api/v1/check'])
      expect(targetOf(key), key).toContain(integrationOf(synth.stack.functions.check)?.[0]);
    expect(routes).toHaveLength(5);
  });

  test('is served through CloudFront only: a secret origin header, which only the api and check functions know', () => {
    const secretId = logicalId(synth.stack.originSecret);
    synth.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: 48 }),
    });
    const distribution = Object.values(resourcesOf(synth.template, 'AWS::CloudFront::Distribution'))[0];
    const config = distribution?.Properties?.DistributionConfig as
      | { Origins?: Record<string, unknown>[] }
      | undefined;
    const origins = config?.Origins ?? [];
    const apiOrigin = origins.find((origin) => 'CustomOriginConfig' in origin);
    expect(apiOrigin?.OriginCustomHeaders).toEqual([
      { HeaderName: 'x-origin-verify', HeaderValue: expect.anything() },
    ]);
    expect(mentions(apiOrigin?.OriginCustomHeaders, secretId)).toBe(true);
    const envOf = (name: keyof ReturnType<typeof functionIds>) =>
      synth.template.toJSON().Resources[functionIds()[name]].Properties.Environment.Variables;
    for (const name of ['api', 'check'] as const) {
      expect(mentions(envOf(name).ORIGIN_SECRET, secretId), name).toBe(true);
      // A dynamic reference, resolved at deploy time: no secret value in the template.
      expect(JSON.stringify(envOf(name).ORIGIN_SECRET)).toContain('{{resolve:secretsmanager:');
    }
    for (const name of ['stream', 'schedule'] as const) expect(envOf(name).ORIGIN_SECRET).toBeUndefined();
  });

  test('its default stage is throttled and writes JSON access logs', () => {
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: {
        DestinationArn: arn(synth.stack.node.findChild('ApiAccessLogs')),
        Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
      },
    });
  });
});

describe('the stream worker', () => {
  test('reads the table stream in small batches, four at a time per shard, with bisect, partial responses, bounded retries and a DLQ', () => {
    synth.template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: ref(synth.stack.functions.stream),
      EventSourceArn: { 'Fn::GetAtt': [logicalId(synth.stack.storage.table), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 25,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 6 * 3600,
      ParallelizationFactor: 4,
      DestinationConfig: { OnFailure: { Destination: arn(synth.stack.streamDlq) } },
    });
  });

  test('dead-letter queues are encrypted, TLS-only and keep messages 14 days', () => {
    for (const queue of [synth.stack.streamDlq, synth.stack.scheduleDlq]) {
      expect(resourcesOf(synth.template, 'AWS::SQS::Queue')[logicalId(queue)]?.Properties).toMatchObject({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
      synth.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [ref(queue)],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });
});

describe('the daily schedule', () => {
  test('EventBridge Scheduler invokes the schedule function daily, with retries and a DLQ', () => {
    synth.template.resourceCountIs('AWS::Scheduler::Schedule', 1);
    synth.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(15 6 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/London',
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: arn(synth.stack.functions.schedule),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 7200 },
        DeadLetterConfig: { Arn: arn(synth.stack.scheduleDlq) },
      }),
    });
  });

  test("the scheduler's role may invoke only the schedule function (and send to its DLQ)", () => {
    const schedule = propertiesOfOnly(synth.template, 'AWS::Scheduler::Schedule');
    const roleId: string = schedule.Target.RoleArn['Fn::GetAtt'][0];
    const statements = statementsOfRole(synth.template, roleId);
    expect(actionsOf(statements).sort()).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage']);
    const invoke = statements.find((statement) => actionsOf([statement]).includes('lambda:InvokeFunction'));
    expect(mentions(invoke?.Resource, logicalId(synth.stack.functions.schedule))).toBe(true);
    expect(mentions(invoke?.Resource, logicalId(synth.stack.functions.api))).toBe(false);
  });
});

describe('least privilege', () => {
  const statementsOf = (name: 'api' | 'check' | 'stream' | 'schedule') =>
    statementsOfFunction(synth.template, synth.stack, functionIds()[name]);
  const on = (statements: Statement[], resourceNeedle: string) =>
    statements.filter((statement) => mentions(statement.Resource, resourceNeedle));

  test('no policy in the stack grants a bare * action or a service-wide wildcard', () => {
    const policies = resourcesOf(synth.template, 'AWS::IAM::Policy');
    for (const policy of Object.values(policies)) {
      const statements =
        (policy.Properties?.PolicyDocument as { Statement?: Statement[] } | undefined)?.Statement ?? [];
      for (const action of actionsOf(statements)) expect(action).not.toMatch(/^\*$|:\*$/);
    }
  });

  test.each(['api', 'stream', 'schedule'] as const)(
    '%s may read and write table items but never Scan, and only on this table, its indexes and its stream',
    (name) => {
      const tableId = logicalId(synth.stack.storage.table);
      const onTable = on(statementsOf(name), tableId);
      expect(actionsOf(onTable)).toEqual(expect.arrayContaining([...tableItemActions]));
      expect(actionsOf(statementsOf(name))).not.toContain('dynamodb:Scan');
      // ListStreams (for the stream's event source mapping) names no resource: IAM has none for it.
      for (const statement of statementsOf(name).filter((s) =>
        actionsOf([s]).some((a) => a.startsWith('dynamodb:') && a !== 'dynamodb:ListStreams'),
      )) {
        expect(mentions(statement.Resource, tableId)).toBe(true);
      }
    },
  );

  test.each(['api', 'stream'] as const)('%s may get and put archive objects, never delete them', (name) => {
    const archive = on(statementsOf(name), logicalId(synth.stack.storage.archiveBucket));
    expect(actionsOf(archive).sort()).toEqual(['s3:GetObject', 's3:ListBucket', 's3:PutObject']);
    expect(actionsOf(statementsOf(name)).filter((action) => /^s3:Delete/.test(action))).toEqual([]);
  });

  test('the check function, which stores nothing, may only count its abuse limits (UpdateItem on THROTTLE# partitions) and read sessions (GetItem on SESSION# items), no bucket', () => {
    const statements = statementsOf('check');
    const actions = actionsOf(statements);
    expect(actions.filter((action) => /^(s3|sqs|ses):/.test(action))).toEqual([]);
    expect(actions.filter((action) => action.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
    ]);
    const only = (action: string) =>
      statements.filter((statement) => actionsOf([statement]).includes(action));
    expect(only('dynamodb:UpdateItem')).toHaveLength(1);
    expect(only('dynamodb:UpdateItem')[0]?.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['THROTTLE#*'] },
    });
    expect(only('dynamodb:GetItem')).toHaveLength(1);
    expect(actionsOf(only('dynamodb:GetItem'))).toEqual(['dynamodb:GetItem']);
    expect(only('dynamodb:GetItem')[0]?.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['SESSION#*'] },
    });
  });

  test('the schedule function may only write open data files under one prefix of the assets bucket', () => {
    const s3 = statementsOf('schedule').filter((statement) =>
      actionsOf([statement]).some((action) => action.startsWith('s3:')),
    );
    expect(actionsOf(s3).sort()).toEqual(['s3:AbortMultipartUpload', 's3:PutObject']);
    expect(s3).toHaveLength(1);
    expect(mentions(s3[0]?.Resource, logicalId(synth.stack.storage.assetsBucket))).toBe(true);
    expect(JSON.stringify(s3[0]?.Resource)).toContain('/assets/open-data/*');
    const env = synth.template.toJSON().Resources[functionIds().schedule].Properties.Environment.Variables;
    expect(env.OPEN_DATA_BUCKET).toEqual(ref(synth.stack.storage.assetsBucket));
  });

  test('only the stream worker reads the stream and sends to the stream DLQ', () => {
    const streamArn = `"StreamArn"`;
    expect(mentions(statementsOf('stream'), streamArn)).toBe(true);
    for (const name of ['api', 'check', 'schedule'] as const)
      expect(mentions(statementsOf(name), streamArn)).toBe(false);
    expect(actionsOf(statementsOf('stream'))).toContain('sqs:SendMessage');
    expect(actionsOf(statementsOf('api')).filter((action) => action.startsWith('sqs:'))).toEqual([]);
  });

  test('without an SES identity in context no function may send email', () => {
    for (const name of ['api', 'check', 'stream', 'schedule'] as const) {
      expect(actionsOf(statementsOf(name)).filter((action) => action.startsWith('ses:'))).toEqual([]);
    }
  });

  test('functions do not use the AWS managed basic execution role; each writes only its own log group', () => {
    for (const name of ['api', 'check', 'stream', 'schedule'] as const) {
      const fn = synth.template.toJSON().Resources[functionIds()[name]];
      const role = synth.template.toJSON().Resources[fn.Properties.Role['Fn::GetAtt'][0]];
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      const logs = statementsOf(name).filter((statement) =>
        actionsOf([statement]).some((a) => a.startsWith('logs:')),
      );
      expect(logs).toHaveLength(1);
      expect(mentions(logs[0]?.Resource, `${name[0]?.toUpperCase()}${name.slice(1)}FunctionLogs`)).toBe(true);
    }
  });
});

describe('Cognito', () => {
  test('a user pool with email self sign-up, a strong password policy and optional TOTP MFA', () => {
    synth.template.resourceCountIs('AWS::Cognito::UserPool', 1);
    synth.template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
        MfaConfiguration: 'OPTIONAL',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        DeletionProtection: 'ACTIVE',
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
      }),
    });
  });

  test('the app client lets the README’s first officer take a token from the command line (USER_PASSWORD_AUTH)', () => {
    synth.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']),
    });
  });

  test('an officers group and a public app client without a secret', () => {
    synth.template.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
      GroupName: OFFICERS_GROUP,
      UserPoolId: ref(synth.stack.auth.userPool),
    });
    synth.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      UserPoolId: ref(synth.stack.auth.userPool),
      GenerateSecret: false,
      PreventUserExistenceErrors: 'ENABLED',
    });
  });
});

describe('S3', () => {
  test('every bucket is versioned, encrypted, private, TLS-only and retained', () => {
    const buckets = resourcesOf(synth.template, 'AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(3);
    for (const [id, bucket] of Object.entries(buckets)) {
      expect(bucket.DeletionPolicy, id).toBe('Retain');
      expect(bucket.Properties).toMatchObject({
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
      });
      synth.template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  test('the archive and assets buckets log access to the log bucket', () => {
    const buckets = resourcesOf(synth.template, 'AWS::S3::Bucket');
    for (const bucket of [synth.stack.storage.archiveBucket, synth.stack.storage.assetsBucket]) {
      expect(buckets[logicalId(bucket)]?.Properties).toMatchObject({
        LoggingConfiguration: { DestinationBucketName: ref(synth.stack.storage.logBucket) },
      });
    }
  });

  test('static assets are deployed as local serving lays them out: assets/ and assets/govuk/', () => {
    const deployments = Object.values(resourcesOf(synth.template, 'Custom::CDKBucketDeployment'));
    const byPrefix = Object.fromEntries(
      deployments.map((deployment) => [
        deployment.Properties?.DestinationBucketKeyPrefix,
        (deployment.Properties?.SourceObjectKeys as unknown[] | undefined)?.length,
      ]),
    );
    // web/assets → assets/; GOV.UK Frontend's assets folder and its script → assets/govuk/
    expect(byPrefix).toEqual({ 'assets/': 1, 'assets/govuk/': 2 });
    for (const deployment of deployments) {
      expect(deployment.Properties?.DestinationBucketName).toEqual(ref(synth.stack.storage.assetsBucket));
      expect(deployment.Properties?.Prune).toBe(false);
      expect(deployment.Properties?.DistributionPaths).toEqual(['/assets/*']);
    }
  });
});

describe('CloudFront', () => {
  const distribution = () =>
    propertiesOfOnly(synth.template, 'AWS::CloudFront::Distribution').DistributionConfig;

  test('the default behaviour goes to the HTTP API over HTTPS, forwarding all but Host', () => {
    const config = distribution();
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
      // Managed policy AllViewerExceptHostHeader
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
      FunctionAssociations: [expect.objectContaining({ EventType: 'viewer-request' })],
    });
    const apiOrigin = config.Origins.find(
      (origin: { Id: string }) => origin.Id === config.DefaultCacheBehavior.TargetOriginId,
    );
    expect(apiOrigin.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    expect(mentions(apiOrigin.DomainName, logicalId(synth.stack.httpApi))).toBe(true);
  });

  test('the API cache policy honours origin Cache-Control and keys on query, cookies and Authorization', () => {
    synth.template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({
        DefaultTTL: 0,
        MinTTL: 0,
        ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({
          QueryStringsConfig: { QueryStringBehavior: 'all' },
          CookiesConfig: { CookieBehavior: 'all' },
          HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Authorization'] },
        }),
      }),
    });
  });

  test('/assets/* comes from the assets bucket through Origin Access Control', () => {
    const config = distribution();
    const assets = config.CacheBehaviors.find(
      (behavior: { PathPattern: string }) => behavior.PathPattern === '/assets/*',
    );
    expect(assets.ViewerProtocolPolicy).toBe('redirect-to-https');
    const origin = config.Origins.find((candidate: { Id: string }) => candidate.Id === assets.TargetOriginId);
    expect(mentions(origin.DomainName, logicalId(synth.stack.storage.assetsBucket))).toBe(true);
    expect(origin.OriginAccessControlId).toBeDefined();
    synth.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
  });

  test('adds security headers and logs to the log bucket', () => {
    synth.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({
            AccessControlMaxAgeSec: 730 * 86400,
            IncludeSubdomains: true,
          }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
          ContentSecurityPolicy: Match.objectLike({ Override: false }),
        }),
      }),
    });
    expect(distribution().Logging.Bucket).toEqual({
      'Fn::GetAtt': [logicalId(synth.stack.storage.logBucket), 'RegionalDomainName'],
    });
  });

  test('is protected by a CLOUDFRONT web ACL with a rate rule and the AWS managed rule groups', () => {
    synth.template.resourceCountIs('AWS::WAFv2::WebACL', 1);
    synth.template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      // In priority order: reputation, rate, common, known bad inputs.
      Rules: Match.arrayWith([
        Match.objectLike({
          Statement: {
            ManagedRuleGroupStatement: Match.objectLike({
              VendorName: 'AWS',
              Name: 'AWSManagedRulesAmazonIpReputationList',
            }),
          },
        }),
        Match.objectLike({
          Name: 'RateLimitPerIp',
          Action: {
            Block: Match.objectLike({
              CustomResponse: Match.objectLike({
                ResponseCode: 429,
                ResponseHeaders: [{ Name: 'Retry-After', Value: '300' }],
              }),
            }),
          },
          Statement: { RateBasedStatement: Match.objectLike({ Limit: 1000, AggregateKeyType: 'IP' }) },
        }),
        ...['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'].map((name) =>
          Match.objectLike({
            Statement: { ManagedRuleGroupStatement: Match.objectLike({ VendorName: 'AWS', Name: name }) },
          }),
        ),
      ]),
    });
    expect(distribution().WebACLId).toEqual({ 'Fn::GetAtt': [logicalId(synth.stack.edge.webAcl!), 'Arn'] });
  });

  test('uploads bigger than the common rule set’s 8 KB body limit are counted, not blocked', () => {
    const acl = propertiesOfOnly(synth.template, 'AWS::WAFv2::WebACL');
    const common = acl.Rules.find((rule: { Name: string }) => rule.Name === 'AWSManagedRulesCommonRuleSet');
    expect(common.Statement.ManagedRuleGroupStatement.RuleActionOverrides).toEqual([
      { Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } },
    ]);
  });
});

describe('observability', () => {
  const alarms = () =>
    Object.values(resourcesOf(synth.template, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties ?? {});
  const topic = () => ref(synth.stack.observability.topic);

  test('alarms on API 5xx rate and p99 latency', () => {
    const rate = alarms().find((alarm) => mentions(alarm.Metrics, '5xx'));
    expect(rate).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' });
    const latency = alarms().find((alarm) => alarm.MetricName === 'Latency');
    expect(latency).toMatchObject({ ExtendedStatistic: 'p99', Namespace: 'AWS/ApiGateway', Threshold: 3000 });
  });

  test('alarms on stream iterator age and on any message in either DLQ', () => {
    const age = alarms().find((alarm) => alarm.MetricName === 'IteratorAge');
    expect(age).toMatchObject({ Statistic: 'Maximum', Threshold: 300000 });
    expect(mentions(age?.Dimensions, logicalId(synth.stack.functions.stream))).toBe(true);
    for (const queue of [synth.stack.streamDlq, synth.stack.scheduleDlq]) {
      const depth = alarms().find(
        (alarm) =>
          alarm.MetricName === 'ApproximateNumberOfMessagesVisible' &&
          mentions(alarm.Dimensions, logicalId(queue)),
      );
      expect(depth).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    }
  });

  test.each(['api', 'check', 'stream', 'schedule'] as const)('alarms on %s errors and throttles', (name) => {
    for (const metric of ['Errors', 'Throttles']) {
      const alarm = alarms().find(
        (candidate) =>
          candidate.MetricName === metric &&
          mentions(candidate.Dimensions, logicalId(synth.stack.functions[name])),
      );
      expect(alarm, `${name} ${metric}`).toMatchObject({ Threshold: 0 });
    }
  });

  test('alarms on DynamoDB throttled requests, summed over every operation the store makes', () => {
    const throttles = alarms().filter((alarm) => mentions(alarm.Metrics ?? null, '"ThrottledRequests"'));
    expect(throttles).toHaveLength(1);
    const metrics = (throttles[0]?.Metrics ?? []) as {
      Expression?: string;
      MetricStat?: {
        Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: unknown }[] };
      };
    }[];
    const operations = metrics.flatMap(
      (metric) =>
        metric.MetricStat?.Metric.Dimensions.filter((d) => d.Name === 'Operation').map((d) => d.Value) ?? [],
    );
    // An alarm's metric math takes at most 10 metrics.
    expect(metrics.filter((metric) => metric.MetricStat).length).toBeLessThanOrEqual(10);
    expect(operations.sort()).toEqual([...tableOperations].sort());
    for (const metric of metrics.filter((m) => m.MetricStat)) {
      expect(metric.MetricStat?.Metric.Namespace).toBe('AWS/DynamoDB');
      expect(mentions(metric.MetricStat?.Metric.Dimensions, logicalId(synth.stack.storage.table))).toBe(true);
    }
    expect(throttles[0]).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    // Every access the store makes is among them (functions/store/ commands → operations).
    expect(tableOperations).toEqual(
      expect.arrayContaining([
        'GetItem',
        'BatchGetItem',
        'Query',
        'Scan',
        'PutItem',
        'UpdateItem',
        'DeleteItem',
        'BatchWriteItem',
        'TransactWriteItems',
      ]),
    );
  });

  test('the dashboard shows each alarmed figure', () => {
    const dashboard = propertiesOfOnly(synth.template, 'AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(dashboard.DashboardBody);
    for (const title of [
      'API requests',
      'API 5xx %',
      'API latency (ms)',
      'Lambda errors',
      'Lambda throttles',
      'Stream iterator age (ms)',
      'Dead-lettered',
      'DynamoDB throttled requests',
    ]) {
      expect(body, title).toContain(title);
    }
    for (const metric of [
      '5xx',
      'Latency',
      'IteratorAge',
      'ApproximateNumberOfMessagesVisible',
      'Throttles',
      'ThrottledRequests',
    ]) {
      expect(body, metric).toContain(metric);
    }
  });

  test('every alarm notifies the encrypted alarm topic, and there is a dashboard', () => {
    expect(alarms().length).toBeGreaterThanOrEqual(11);
    for (const alarm of alarms()) expect(alarm.AlarmActions).toEqual([topic()]);
    synth.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    synth.template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    synth.template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});

describe('outputs', () => {
  test('every <Output> the README’s deploy and operations commands ask for is a stack output', () => {
    const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    const start = readme.indexOf('## Deploying');
    const end = readme.indexOf('## Architecture');
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const named = new Set(Array.from(readme.slice(start, end).matchAll(/<([A-Z][A-Za-z]+)>/g), (m) => m[1]));
    expect([...named]).toEqual(expect.arrayContaining(['UserPoolId', 'UserPoolClientId', 'StreamDlqUrl']));
    const outputs = Object.keys(synth.template.toJSON().Outputs ?? {});
    expect([...named].filter((name) => !outputs.includes(name as string))).toEqual([]);
  });

  test('name what a deployer needs', () => {
    const outputs = Object.keys(synth.template.toJSON().Outputs ?? {});
    expect(outputs).toEqual(
      expect.arrayContaining([
        'SiteUrl',
        'UserPoolId',
        'UserPoolClientId',
        'CognitoIssuer',
        'TableName',
        'ArchiveBucketName',
        'StreamFunctionName',
        'StreamDlqUrl',
        'AlarmTopicArn',
        'DashboardName',
      ]),
    );
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  test('leaves no unacknowledged finding, error or warning', () => {
    const findings = synth.nagViolations.map(
      (violation) =>
        `${violation.severity} ${violation.ruleName} @ ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
  });

  test('every acknowledgement names a specific rule on a construct inside the stack, with a reason', () => {
    const acknowledged: { path: string; id: string; reason: string }[] = [];
    const visit = (construct: IConstruct) => {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          // aws-cdk-lib acknowledges some CloudFormation-Validate findings of its own constructs.
          if (!id.includes('AwsSolutions-')) continue;
          acknowledged.push({ path: construct.node.path, id, reason });
        }
      }
      for (const child of construct.node.children) visit(child);
    };
    visit(synth.app);
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const { path, id, reason } of acknowledged) {
      expect(path, id).not.toBe(synth.stack.node.path);
      expect(id).toMatch(/AwsSolutions-[A-Z]+\d+/);
      expect(reason.length, `${id} at ${path}`).toBeGreaterThanOrEqual(40);
    }
  });

  test('the pack does find problems when there are some (a bucket without TLS enforcement)', async () => {
    const { App } = await import('aws-cdk-lib');
    const { Bucket } = await import('aws-cdk-lib/aws-s3');
    const { AwsSolutionsChecks } = await import('cdk-nag');
    const stack = new Stack(new App(), 'Probe');
    new Bucket(stack, 'Careless');
    const rules = new AwsSolutionsChecks()
      .validateScope(stack)
      .violations.map((violation) => violation.ruleName);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
  });
});
