import path from 'node:path';
import type { IConstruct } from 'constructs';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { esbuildOptions, handlerEntries, projectRoot } from '../../infra/bundling.ts';
import { API_ORIGIN_ID } from '../../infra/edge.ts';
import {
  actionsOf,
  logicalId,
  propertiesOfOnly,
  resourcesOf,
  type Statement,
  type Synthesized,
  statementsOfFunction,
  synthRegister,
} from './synth.ts';

let synth: Synthesized;
beforeAll(() => {
  synth = synthRegister();
});
afterAll(() => synth?.cleanup());

const resources = () => synth.template.toJSON().Resources;
const rotationId = () => logicalId(synth.stack.originSecretRotation);
const rotationStatements = () => statementsOfFunction(synth.template, synth.stack, rotationId());
const statementsFor = (statements: Statement[], prefix: string) =>
  statements.filter((statement) => actionsOf([statement]).some((action) => action.startsWith(prefix)));
const arnOf = (construct: IConstruct) => ({ 'Fn::GetAtt': [logicalId(construct), 'Arn'] });

describe('the origin secret rotation', () => {
  test('is scheduled every 30 days with the rotation function, and a deploy does not start one', () => {
    expect(propertiesOfOnly(synth.template, 'AWS::SecretsManager::RotationSchedule')).toEqual({
      SecretId: { Ref: logicalId(synth.stack.originSecret) },
      RotationLambdaARN: arnOf(synth.stack.originSecretRotation),
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
      RotateImmediatelyOnUpdate: false,
    });
  });

  test('Secrets Manager (and nobody else) may invoke the rotation function', () => {
    const permissions = Object.values(resourcesOf(synth.template, 'AWS::Lambda::Permission')).filter(
      (permission) => JSON.stringify(permission.Properties?.FunctionName).includes(rotationId()),
    );
    expect(permissions.map((permission) => permission.Properties?.Principal)).toEqual([
      'secretsmanager.amazonaws.com',
    ]);
  });

  test('is its own function, told the distribution, the API origin id and the two gated functions', () => {
    const fn = resources()[rotationId()];
    expect(fn.Properties.Timeout).toBe(900);
    const env = fn.Properties.Environment.Variables;
    expect(env.ORIGIN_DISTRIBUTION_ID).toEqual({ Ref: logicalId(synth.stack.edge.distribution) });
    expect(env.ORIGIN_ID).toBe(API_ORIGIN_ID);
    expect(env.GATED_FUNCTION_NAMES).toEqual({
      'Fn::Join': [
        '',
        [{ Ref: logicalId(synth.stack.functions.api) }, ',', { Ref: logicalId(synth.stack.functions.check) }],
      ],
    });
    // It never holds the secret in its environment: it reads it from Secrets Manager.
    expect(env.ORIGIN_SECRET).toBeUndefined();
    expect(Object.values(synth.stack.functions)).not.toContain(synth.stack.originSecretRotation);
  });

  test('finds the API origin by its fixed id: the origin carrying x-origin-verify and the default behaviour’s target', () => {
    const config = propertiesOfOnly(synth.template, 'AWS::CloudFront::Distribution').DistributionConfig;
    const withHeader = config.Origins.filter((origin: { OriginCustomHeaders?: { HeaderName: string }[] }) =>
      origin.OriginCustomHeaders?.some((header) => header.HeaderName === 'x-origin-verify'),
    );
    expect(withHeader.map((origin: { Id: string }) => origin.Id)).toEqual([API_ORIGIN_ID]);
    expect(config.DefaultCacheBehavior.TargetOriginId).toBe(API_ORIGIN_ID);
  });

  test('may read and update this distribution only', () => {
    const cloudFront = statementsFor(rotationStatements(), 'cloudfront:');
    expect(cloudFront).toHaveLength(1);
    expect([...actionsOf(cloudFront)].sort()).toEqual([
      'cloudfront:GetDistribution',
      'cloudfront:GetDistributionConfig',
      'cloudfront:UpdateDistribution',
    ]);
    const resource = JSON.stringify(cloudFront[0]?.Resource);
    expect(resource).toContain(':distribution/');
    expect(resource).toContain(JSON.stringify({ Ref: logicalId(synth.stack.edge.distribution) }));
  });

  test('may read and update the configuration of the api and check functions only', () => {
    const lambda = statementsFor(rotationStatements(), 'lambda:');
    expect(lambda).toHaveLength(1);
    expect([...actionsOf(lambda)].sort()).toEqual([
      'lambda:GetFunctionConfiguration',
      'lambda:UpdateFunctionConfiguration',
    ]);
    expect(lambda[0]?.Resource).toEqual([
      arnOf(synth.stack.functions.api),
      arnOf(synth.stack.functions.check),
    ]);
  });

  test('has the Secrets Manager actions the rotation schedule grants, on this secret (GetRandomPassword has no resource)', () => {
    const secrets = statementsFor(rotationStatements(), 'secretsmanager:');
    const onSecret = secrets.filter((statement) => statement.Resource !== '*');
    expect(onSecret).toHaveLength(1);
    expect([...actionsOf(onSecret)].sort()).toEqual([
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
      'secretsmanager:PutSecretValue',
      'secretsmanager:UpdateSecretVersionStage',
    ]);
    expect(onSecret[0]?.Resource).toEqual({ Ref: logicalId(synth.stack.originSecret) });
    expect(actionsOf(secrets.filter((statement) => statement.Resource === '*'))).toEqual([
      'secretsmanager:GetRandomPassword',
    ]);
  });

  test('has nothing else: no table, bucket or mail access, and wildcards only where no resource exists', () => {
    const statements = rotationStatements();
    const allowed = /^(cloudfront|lambda|secretsmanager|logs|xray):/;
    expect(actionsOf(statements).filter((action) => !allowed.test(action))).toEqual([]);
    const wildcard = actionsOf(statements.filter((statement) => statement.Resource === '*')).sort();
    expect(wildcard).toEqual([
      'secretsmanager:GetRandomPassword',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
  });

  test('no other function may change a distribution, a function’s configuration or the secret', () => {
    for (const [name, fn] of Object.entries(synth.stack.functions)) {
      const actions = actionsOf(statementsOfFunction(synth.template, synth.stack, logicalId(fn)));
      expect(
        actions.filter((action) =>
          /^(cloudfront:|lambda:UpdateFunctionConfiguration|secretsmanager:(PutSecretValue|UpdateSecretVersionStage))/.test(
            action,
          ),
        ),
        name,
      ).toEqual([]);
    }
  });

  test('a failed step raises an alarm to the operators’ topic', () => {
    const alarms = Object.values(resourcesOf(synth.template, 'AWS::CloudWatch::Alarm')).filter((alarm) =>
      JSON.stringify(alarm.Properties?.Dimensions ?? []).includes(rotationId()),
    );
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.Properties).toMatchObject({
      MetricName: 'Errors',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: logicalId(synth.stack.observability.topic) }],
    });
  });

  test('the secret’s ARN is an output, for rotating it by hand', () => {
    expect(synth.template.toJSON().Outputs.OriginSecretArn.Value).toEqual({
      Ref: logicalId(synth.stack.originSecret),
    });
  });
});

/** The files esbuild takes into a handler's bundle, with the stack's options. */
async function bundleInputs(handler: keyof typeof handlerEntries): Promise<string[]> {
  const result = await build({
    entryPoints: [path.join(projectRoot, handlerEntries[handler])],
    absWorkingDir: projectRoot,
    bundle: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    platform: esbuildOptions.platform,
    format: esbuildOptions.format,
    target: esbuildOptions.target,
    mainFields: [...esbuildOptions.mainFields],
    alias: esbuildOptions.alias,
    external: ['./pdf-worker.mjs'],
  });
  return Object.keys(result.metafile.inputs);
}

const rotationClients = ['client-cloudfront', 'client-lambda', 'client-secrets-manager'];
const clientsIn = (inputs: string[]) =>
  rotationClients.filter((client) => inputs.some((input) => input.includes(`@aws-sdk/${client}/`)));

describe('the bundles', () => {
  test.each(['api', 'check'] as const)(
    'the %s function (gated) imports none of the rotation’s clients (CloudFront, Lambda, Secrets Manager)',
    async (handler) => {
      const inputs = await bundleInputs(handler);
      expect(inputs.some((input) => input.includes('functions/app/edge.ts'))).toBe(true);
      expect(clientsIn(inputs)).toEqual([]);
      expect(inputs.filter((input) => input.includes('functions/rotation/'))).toEqual([]);
    },
    60_000,
  );

  test('the rotation function carries the three clients, and neither the app nor the store', async () => {
    const inputs = await bundleInputs('rotation');
    expect(clientsIn(inputs)).toEqual(rotationClients);
    expect(
      inputs.filter((input) => /functions\/(store|app\/routes)\/|client-dynamodb\/|nunjucks/.test(input)),
    ).toEqual([]);
  }, 60_000);
});
