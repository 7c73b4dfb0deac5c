import { randomBytes } from 'node:crypto';
import {
  CloudFrontClient,
  type DistributionConfig,
  GetDistributionCommand,
  GetDistributionConfigCommand,
  UpdateDistributionCommand,
} from '@aws-sdk/client-cloudfront';
import {
  GetFunctionConfigurationCommand,
  LambdaClient,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import {
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import type { RotationDeps } from '../../../functions/rotation/origin-secret-rotation.ts';
import type { RotationEvent, RotationStep } from '../../../functions/rotation/rotation-schemas.ts';

/**
 * Secrets Manager, CloudFront and Lambda have no local engine: this is a small stateful stand-in
 * behind aws-sdk-client-mock (per client instance), enough for the rotation's calls. It also
 * watches, after every call, whether some value CloudFront may be sending at that moment (both
 * the old and new header while a change deploys) would be refused by some function environment
 * that may be serving (both old and new while an update is in progress): `refusals`.
 */

export const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:OriginSecret-AbCdEf';
export const DISTRIBUTION_ID = 'E2EXAMPLE';
export const ORIGIN_ID = 'register-api';
export const HEADER = 'x-origin-verify';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });
const copy = <T>(value: T): T => structuredClone(value);
const alphanumeric = () =>
  randomBytes(96)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 48);

interface Version {
  value?: string;
  stages: string[];
}

interface GatedFunction {
  env: Record<string, string>;
  /** While an update is in progress, the environment before it may still answer requests. */
  previousEnv?: Record<string, string>;
  revision: number;
  status: 'Successful' | 'InProgress' | 'Failed';
  pollsLeft: number;
}

export interface WorldOptions {
  /** How many GetDistribution calls answer InProgress after an update. */
  distributionPolls?: number;
  /** How many GetFunctionConfiguration calls answer InProgress after an update. */
  functionPolls?: number;
  /** The value of the current version. */
  current?: string;
}

export function createWorld(options: WorldOptions = {}) {
  const current = options.current ?? alphanumeric();
  const versions = new Map<string, Version>([['v-initial', { value: current, stages: ['AWSCURRENT'] }]]);
  let rotationEnabled = true;
  /** Mutating calls and finished updates, in order. */
  const events: string[] = [];
  const refusals: string[] = [];
  const logs: { message: string; detail?: Record<string, unknown> }[] = [];

  const distribution = {
    config: {
      CallerReference: 'ref-1',
      Comment: 'Modern slavery statement register',
      Enabled: true,
      Origins: {
        Quantity: 2,
        Items: [
          {
            Id: ORIGIN_ID,
            DomainName: 'abc123.execute-api.us-east-1.amazonaws.com',
            OriginPath: '',
            CustomHeaders: {
              Quantity: 2,
              Items: [
                { HeaderName: 'x-other', HeaderValue: 'kept' },
                { HeaderName: HEADER, HeaderValue: current },
              ],
            },
            CustomOriginConfig: {
              HTTPPort: 80,
              HTTPSPort: 443,
              OriginProtocolPolicy: 'https-only',
              OriginReadTimeout: 30,
            },
          },
          { Id: 'assets', DomainName: 'assets.s3.us-east-1.amazonaws.com', OriginPath: '' },
        ],
      },
      DefaultCacheBehavior: { TargetOriginId: ORIGIN_ID, ViewerProtocolPolicy: 'redirect-to-https' },
    } as DistributionConfig,
    etag: 'ETAG-1',
    status: 'Deployed' as 'Deployed' | 'InProgress',
    pollsLeft: 0,
    /** Values edges may be sending: the previous header while a change deploys. */
    sending: new Set<string>([current]),
  };

  const baseEnv = (name: string) => ({
    TABLE_NAME: 'register-table',
    STAGE: 'prod',
    COGNITO_CLIENT_ID: 'client-id',
    POWERTOOLS_SERVICE_NAME: `register-${name}`,
    ORIGIN_SECRET: current,
  });
  const functions = new Map<string, GatedFunction>([
    ['register-api', { env: baseEnv('api'), revision: 1, status: 'Successful', pollsLeft: 0 }],
    ['register-check', { env: baseEnv('check'), revision: 1, status: 'Successful', pollsLeft: 0 }],
  ]);

  const headerOf = (config: DistributionConfig) =>
    config.Origins?.Items?.find((origin) => origin.Id === ORIGIN_ID)?.CustomHeaders?.Items?.find(
      (header) => header.HeaderName === HEADER,
    )?.HeaderValue;

  const acceptedBy = (env: Record<string, string>, value: string) =>
    env.ORIGIN_SECRET === value || env.ORIGIN_SECRET_NEXT === value;

  /** Every value that may be sent, against every environment that may answer. */
  const watch = (after: string) => {
    for (const value of world.distribution.sending) {
      for (const [name, fn] of functions) {
        for (const env of [fn.env, ...(fn.previousEnv ? [fn.previousEnv] : [])]) {
          if (!acceptedBy(env, value)) refusals.push(`${name} would refuse CloudFront after ${after}`);
        }
      }
    }
  };

  const secrets = new SecretsManagerClient({ region: 'us-east-1' });
  const cloudFront = new CloudFrontClient({ region: 'us-east-1' });
  const lambda = new LambdaClient({ region: 'us-east-1' });
  const secretsMock = mockClient(secrets);
  const cloudFrontMock = mockClient(cloudFront);
  const lambdaMock = mockClient(lambda);

  const findVersion = (input: { VersionId?: string; VersionStage?: string }) => {
    if (input.VersionId) {
      const version = versions.get(input.VersionId);
      if (!version || (input.VersionStage && !version.stages.includes(input.VersionStage))) return undefined;
      return version;
    }
    const stage = input.VersionStage ?? 'AWSCURRENT';
    return [...versions.values()].find((version) => version.stages.includes(stage));
  };

  secretsMock.on(DescribeSecretCommand).callsFake(() => ({
    ARN: SECRET_ARN,
    RotationEnabled: rotationEnabled,
    VersionIdsToStages: Object.fromEntries([...versions].map(([id, version]) => [id, [...version.stages]])),
  }));
  secretsMock.on(GetSecretValueCommand).callsFake((input) => {
    const version = findVersion(input);
    if (!version || version.value === undefined) {
      throw named('ResourceNotFoundException', "Secrets Manager can't find the specified secret value");
    }
    return { ARN: SECRET_ARN, SecretString: version.value };
  });
  secretsMock.on(GetRandomPasswordCommand).callsFake(() => ({ RandomPassword: alphanumeric() }));
  secretsMock.on(PutSecretValueCommand).callsFake((input) => {
    events.push('secrets:put');
    const stages: string[] = input.VersionStages ?? ['AWSCURRENT'];
    for (const version of versions.values())
      version.stages = version.stages.filter((s) => !stages.includes(s));
    versions.set(input.ClientRequestToken, { value: input.SecretString, stages: [...stages] });
    return { ARN: SECRET_ARN, VersionId: input.ClientRequestToken };
  });
  secretsMock.on(UpdateSecretVersionStageCommand).callsFake((input) => {
    events.push(`secrets:stage ${input.VersionStage}`);
    const holder = [...versions].find(([, version]) => version.stages.includes(input.VersionStage));
    if (holder && holder[0] !== input.RemoveFromVersionId) {
      throw named('InvalidParameterException', 'The staging label is attached to another version');
    }
    if (holder) {
      holder[1].stages = holder[1].stages.filter((s) => s !== input.VersionStage);
      if (input.VersionStage === 'AWSCURRENT') {
        for (const version of versions.values())
          version.stages = version.stages.filter((s) => s !== 'AWSPREVIOUS');
        holder[1].stages.push('AWSPREVIOUS');
      }
    }
    versions.get(input.MoveToVersionId)?.stages.push(input.VersionStage);
    return { ARN: SECRET_ARN };
  });

  cloudFrontMock.on(GetDistributionConfigCommand).callsFake((input) => {
    if (input.Id !== DISTRIBUTION_ID) throw named('NoSuchDistribution', 'no such distribution');
    return { DistributionConfig: copy(distribution.config), ETag: distribution.etag };
  });
  cloudFrontMock.on(GetDistributionCommand).callsFake((input) => {
    if (input.Id !== DISTRIBUTION_ID) throw named('NoSuchDistribution', 'no such distribution');
    if (distribution.status === 'InProgress') {
      if (distribution.pollsLeft > 0) distribution.pollsLeft -= 1;
      else {
        distribution.status = 'Deployed';
        distribution.sending = new Set([headerOf(distribution.config) ?? '']);
        events.push('cloudfront:deployed');
      }
    }
    return { Distribution: { Id: DISTRIBUTION_ID, Status: distribution.status }, ETag: distribution.etag };
  });
  cloudFrontMock.on(UpdateDistributionCommand).callsFake((input) => {
    if (input.IfMatch !== distribution.etag) throw named('PreconditionFailed', 'The ETag does not match');
    events.push('cloudfront:update');
    distribution.config = copy(input.DistributionConfig);
    distribution.etag = `ETAG-${Number(distribution.etag.split('-')[1]) + 1}`;
    distribution.status = 'InProgress';
    distribution.pollsLeft = options.distributionPolls ?? 2;
    distribution.sending.add(headerOf(distribution.config) ?? '');
    watch('cloudfront:update');
    return { ETag: distribution.etag };
  });

  const fnNamed = (name: string | undefined) => {
    const fn = functions.get(name ?? '');
    if (!fn) throw named('ResourceNotFoundException', `Function not found: ${name}`);
    return fn;
  };
  lambdaMock.on(GetFunctionConfigurationCommand).callsFake((input) => {
    const fn = fnNamed(input.FunctionName);
    if (fn.status === 'InProgress') {
      if (fn.pollsLeft > 0) fn.pollsLeft -= 1;
      else {
        fn.status = 'Successful';
        fn.previousEnv = undefined;
        events.push(`lambda:updated ${input.FunctionName}`);
      }
    }
    return {
      FunctionName: input.FunctionName,
      Environment: { Variables: copy(fn.env) },
      RevisionId: `rev-${fn.revision}`,
      LastUpdateStatus: fn.status,
      ...(fn.status === 'Failed' ? { LastUpdateStatusReasonCode: 'InternalError' } : {}),
    };
  });
  let failNextFunctionUpdate: Error | undefined;
  lambdaMock.on(UpdateFunctionConfigurationCommand).callsFake((input) => {
    if (failNextFunctionUpdate) {
      const error = failNextFunctionUpdate;
      failNextFunctionUpdate = undefined;
      throw error;
    }
    const fn = fnNamed(input.FunctionName);
    if (fn.status === 'InProgress') throw named('ResourceConflictException', 'An update is in progress');
    if (input.RevisionId && input.RevisionId !== `rev-${fn.revision}`) {
      throw named('PreconditionFailedException', 'The revision id does not match');
    }
    events.push(`lambda:update ${input.FunctionName}`);
    fn.previousEnv = fn.env;
    fn.env = copy(input.Environment?.Variables ?? {});
    fn.revision += 1;
    fn.status = 'InProgress';
    fn.pollsLeft = options.functionPolls ?? 1;
    watch(`lambda:update ${input.FunctionName}`);
    return { FunctionName: input.FunctionName, LastUpdateStatus: 'InProgress' };
  });

  let now = 1_000_000;
  const world = {
    versions,
    distribution,
    functions,
    events,
    refusals,
    logs,
    mocks: { secrets: secretsMock, cloudFront: cloudFrontMock, lambda: lambdaMock },
    current,
    headerSent: () => headerOf(distribution.config),
    /** The next UpdateFunctionConfiguration fails with this error (e.g. throttling). */
    failNextFunctionUpdate: (error: Error) => {
      failNextFunctionUpdate = error;
    },
    disableRotation: () => {
      rotationEnabled = false;
    },
    /** What RotateSecret does before calling the function: a version with AWSPENDING and no value. */
    startRotation(token: string) {
      for (const version of versions.values())
        version.stages = version.stages.filter((s) => s !== 'AWSPENDING');
      versions.set(token, { stages: ['AWSPENDING'] });
    },
    valueOf: (token: string) => versions.get(token)?.value,
    deps(overrides: Partial<RotationDeps> = {}): RotationDeps {
      return {
        clients: { secrets, cloudFront, lambda },
        settings: {
          distributionId: DISTRIBUTION_ID,
          originId: ORIGIN_ID,
          functionNames: ['register-api', 'register-check'],
          region: 'us-east-1',
        },
        log: (message, detail) => logs.push({ message, ...(detail ? { detail } : {}) }),
        now: () => now,
        sleep: async (ms) => {
          now += ms;
        },
        deadline: now + 60_000,
        pollIntervalMs: 5_000,
        ...overrides,
      };
    },
    event: (Step: RotationStep, token: string): RotationEvent => ({
      Step,
      SecretId: SECRET_ARN,
      ClientRequestToken: token,
    }),
    restore() {
      secretsMock.restore();
      cloudFrontMock.restore();
      lambdaMock.restore();
    },
  };
  return world;
}

export type World = ReturnType<typeof createWorld>;
