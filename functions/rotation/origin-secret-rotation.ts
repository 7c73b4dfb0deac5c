import {
  type CloudFrontClient,
  type DistributionConfig,
  GetDistributionCommand,
  GetDistributionConfigCommand,
  UpdateDistributionCommand,
} from '@aws-sdk/client-cloudfront';
import {
  type FunctionConfiguration,
  GetFunctionConfigurationCommand,
  type LambdaClient,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import {
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { ORIGIN_VERIFY_HEADER } from '../app/edge.ts';
import type { Config } from '../config.ts';
import type { RotationEvent, RotationSettings } from './rotation-schemas.ts';

/**
 * Rotation of the origin secret (the x-origin-verify header CloudFront adds to every request to
 * the API, checked by the api and check functions' edge gate) without a moment where CloudFront
 * sends a value the functions refuse. Secrets Manager calls the four steps in order, each possibly
 * more than once; every step checks the state first, so a step run again changes nothing.
 *
 * - createSecret: a new random value (48 letters and digits) as the token's AWSPENDING version.
 * - setSecret: the functions accept what CloudFront sends now AND the pending value (each
 *   function's update finished), and only then does CloudFront send the pending value.
 * - testSecret: waits (bounded) until CloudFront has deployed that change everywhere.
 * - finishSecret: AWSCURRENT moves to the pending version, then the functions accept it alone.
 *
 * Secret values never reach a log line or an error message: only names, ids and stages do.
 */

export interface RotationClients {
  secrets: SecretsManagerClient;
  cloudFront: CloudFrontClient;
  lambda: LambdaClient;
}

export type RotationLog = (message: string, detail?: Record<string, unknown>) => void;

export interface RotationDeps {
  clients: RotationClients;
  settings: RotationSettings;
  log: RotationLog;
  /** Milliseconds since the epoch, and a pause: tests pass a fake clock. */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** When polling must give up (ms since the epoch): before the Lambda's own timeout. */
  deadline: number;
  /** Between two polls; default 5 s. */
  pollIntervalMs?: number;
}

/** The gate's variables (functions/config.ts). */
export const gateVariables = {
  current: 'ORIGIN_SECRET',
  next: 'ORIGIN_SECRET_NEXT',
} as const satisfies Record<string, keyof Config>;

const PENDING = 'AWSPENDING';
const CURRENT = 'AWSCURRENT';

export async function rotateOriginSecret(event: RotationEvent, deps: RotationDeps): Promise<void> {
  const { Step: step, SecretId: secretId, ClientRequestToken: token } = event;
  const { secrets } = deps.clients;
  const described = await secrets.send(new DescribeSecretCommand({ SecretId: secretId }));
  if (described.RotationEnabled === false) throw new Error(`Rotation is not enabled for ${secretId}`);
  const stages = described.VersionIdsToStages ?? {};
  const tokenStages = stages[token];
  if (!tokenStages) throw new Error(`Version ${token} of ${secretId} has no stage to rotate`);
  deps.log('rotation step', { step, secretId, token });

  if (tokenStages.includes(CURRENT)) {
    // A step run again after finishSecret moved AWSCURRENT: only the last part of finishSecret
    // (the functions accepting the new value alone) may be left to do.
    if (step === 'finishSecret') await finishSecret(secretId, token, stages, deps);
    else deps.log('version is already AWSCURRENT: nothing to do', { step, token });
    return;
  }
  if (!tokenStages.includes(PENDING)) {
    throw new Error(`Version ${token} of ${secretId} is not AWSPENDING`);
  }

  switch (step) {
    case 'createSecret':
      return createSecret(secretId, token, deps);
    case 'setSecret':
      return setSecret(secretId, token, deps);
    case 'testSecret':
      return testSecret(secretId, token, deps);
    case 'finishSecret':
      return finishSecret(secretId, token, stages, deps);
  }
}

// --- the steps -------------------------------------------------------------------------------

async function createSecret(secretId: string, token: string, deps: RotationDeps): Promise<void> {
  const { secrets } = deps.clients;
  // The current value must exist (and be readable) before a new one is made.
  await secretValue(deps, secretId, { VersionStage: CURRENT });
  const existing = await optionalSecretValue(deps, secretId, { VersionId: token, VersionStage: PENDING });
  if (existing !== undefined) {
    deps.log('pending value already created', { token });
    return;
  }
  const random = await secrets.send(
    new GetRandomPasswordCommand({ PasswordLength: 48, ExcludePunctuation: true }),
  );
  if (!random.RandomPassword) throw new Error('GetRandomPassword returned no value');
  await secrets.send(
    new PutSecretValueCommand({
      SecretId: secretId,
      ClientRequestToken: token,
      SecretString: random.RandomPassword,
      VersionStages: [PENDING],
    }),
  );
  deps.log('pending value created', { token });
}

async function setSecret(secretId: string, token: string, deps: RotationDeps): Promise<void> {
  const pending = await secretValue(deps, secretId, { VersionId: token, VersionStage: PENDING });
  const { header: sent } = await originHeader(deps);
  if (sent === pending) {
    // CloudFront already sends it (a setSecret run again): the functions took it before.
    for (const name of deps.settings.functionNames) {
      await setGateSecrets(deps, name, (env) =>
        accepts(env, pending) ? undefined : { current: env[gateVariables.current] ?? pending, next: pending },
      );
    }
    deps.log('CloudFront already sends the pending value', { token });
    return;
  }
  if (sent === undefined)
    throw new Error(`The origin ${deps.settings.originId} sends no ${ORIGIN_VERIFY_HEADER}`);
  // What CloudFront sends must be what every edge sends: no change of it still spreading.
  await waitForDistributionDeployed(deps);
  const current = await secretValue(deps, secretId, { VersionStage: CURRENT });
  if (sent !== current) {
    // An earlier rotation switched CloudFront and did not finish; its value stays accepted.
    deps.log('CloudFront sends a value other than AWSCURRENT (an unfinished rotation): keeping it accepted');
  }
  // 1. Every gated function accepts both values (its update finished)…
  for (const name of deps.settings.functionNames) {
    await setGateSecrets(deps, name, () => ({ current: sent, next: pending }));
  }
  // 2. …and only then does CloudFront send the new one.
  await setOriginHeader(deps, pending);
  deps.log('CloudFront told to send the pending value', { token });
}

async function testSecret(secretId: string, token: string, deps: RotationDeps): Promise<void> {
  const pending = await secretValue(deps, secretId, { VersionId: token, VersionStage: PENDING });
  const { header } = await originHeader(deps);
  if (header !== pending)
    throw new Error('CloudFront does not send the pending value: setSecret has not finished');
  for (const name of deps.settings.functionNames) {
    const env = (await functionConfiguration(deps, name)).Environment?.Variables ?? {};
    if (!accepts(env, pending)) throw new Error(`Function ${name} does not accept the pending value`);
  }
  await waitForDistributionDeployed(deps);
  deps.log('CloudFront sends the pending value everywhere and the functions accept it', { token });
}

async function finishSecret(
  secretId: string,
  token: string,
  stages: Record<string, string[]>,
  deps: RotationDeps,
): Promise<void> {
  const { secrets } = deps.clients;
  const value = await secretValue(deps, secretId, { VersionId: token });
  // Never narrow the functions to a value CloudFront might not be sending everywhere.
  const { header } = await originHeader(deps);
  if (header !== value) throw new Error('CloudFront does not send the new value: not finishing');
  if (!(await distributionDeployed(deps)))
    throw new Error('CloudFront is still deploying: not finishing yet');

  const currentVersion = Object.entries(stages).find(([, labels]) => labels.includes(CURRENT))?.[0];
  if (currentVersion !== token) {
    await secrets.send(
      new UpdateSecretVersionStageCommand({
        SecretId: secretId,
        VersionStage: CURRENT,
        MoveToVersionId: token,
        ...(currentVersion ? { RemoveFromVersionId: currentVersion } : {}),
      }),
    );
    deps.log('AWSCURRENT moved to the new version', { token, previousVersion: currentVersion });
  }
  for (const name of deps.settings.functionNames) {
    await setGateSecrets(deps, name, () => ({ current: value }));
  }
  deps.log('the functions accept the new value alone', { token });
}

// --- Secrets Manager ---------------------------------------------------------------------------

async function optionalSecretValue(
  deps: RotationDeps,
  secretId: string,
  version: { VersionId?: string; VersionStage?: string },
): Promise<string | undefined> {
  try {
    return await secretValue(deps, secretId, version);
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

async function secretValue(
  deps: RotationDeps,
  secretId: string,
  version: { VersionId?: string; VersionStage?: string },
): Promise<string> {
  const result = await deps.clients.secrets.send(
    new GetSecretValueCommand({ SecretId: secretId, ...version }),
  );
  if (result.SecretString === undefined) {
    throw new Error(`Secret ${secretId} (${JSON.stringify(version)}) has no string value`);
  }
  return result.SecretString;
}

// --- CloudFront --------------------------------------------------------------------------------

/** The distribution's configuration, its ETag, and the header value the API origin sends. */
async function originHeader(
  deps: RotationDeps,
): Promise<{ config: DistributionConfig; etag: string; header: string | undefined }> {
  const { settings } = deps;
  const result = await deps.clients.cloudFront.send(
    new GetDistributionConfigCommand({ Id: settings.distributionId }),
  );
  if (!result.DistributionConfig || !result.ETag) {
    throw new Error(`Distribution ${settings.distributionId} returned no configuration`);
  }
  const origin = result.DistributionConfig.Origins?.Items?.find((item) => item.Id === settings.originId);
  if (!origin) throw new Error(`Distribution ${settings.distributionId} has no origin ${settings.originId}`);
  const header = origin.CustomHeaders?.Items?.find(
    (item) => item.HeaderName?.toLowerCase() === ORIGIN_VERIFY_HEADER,
  )?.HeaderValue;
  return { config: result.DistributionConfig, etag: result.ETag, header };
}

/** The whole configuration sent back (IfMatch its ETag), with only that one header changed. */
async function setOriginHeader(deps: RotationDeps, value: string): Promise<void> {
  const { settings } = deps;
  const { config, etag } = await originHeader(deps);
  const items = (config.Origins?.Items ?? []).map((origin) => {
    if (origin.Id !== settings.originId) return origin;
    const others = (origin.CustomHeaders?.Items ?? []).filter(
      (item) => item.HeaderName?.toLowerCase() !== ORIGIN_VERIFY_HEADER,
    );
    const headers = [...others, { HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: value }];
    return { ...origin, CustomHeaders: { Quantity: headers.length, Items: headers } };
  });
  await deps.clients.cloudFront.send(
    new UpdateDistributionCommand({
      Id: settings.distributionId,
      IfMatch: etag,
      DistributionConfig: { ...config, Origins: { Quantity: items.length, Items: items } },
    }),
  );
}

async function distributionDeployed(deps: RotationDeps): Promise<boolean> {
  const result = await deps.clients.cloudFront.send(
    new GetDistributionCommand({ Id: deps.settings.distributionId }),
  );
  return result.Distribution?.Status === 'Deployed';
}

async function waitForDistributionDeployed(deps: RotationDeps): Promise<void> {
  await waitUntil(deps, `distribution ${deps.settings.distributionId} deployed`, () =>
    distributionDeployed(deps),
  );
}

// --- Lambda ------------------------------------------------------------------------------------

type Environment = Record<string, string>;

const accepts = (env: Environment, value: string) =>
  env[gateVariables.current] === value || env[gateVariables.next] === value;

/**
 * Sets the gate's variables of one function, keeping every other variable exactly: `wanted`
 * gets the function's environment and answers the gate's values, or undefined to leave it as it
 * is. Waits for any update in progress first and for this one to finish (LastUpdateStatus).
 */
async function setGateSecrets(
  deps: RotationDeps,
  name: string,
  wanted: (env: Environment) => { current: string; next?: string } | undefined,
): Promise<void> {
  const configuration = await waitForFunctionUpdated(deps, name);
  const env = configuration.Environment?.Variables ?? {};
  const gate = wanted(env);
  if (gate === undefined) return;
  const { [gateVariables.current]: _current, [gateVariables.next]: _next, ...others } = env;
  const variables: Environment = {
    ...others,
    [gateVariables.current]: gate.current,
    ...(gate.next === undefined ? {} : { [gateVariables.next]: gate.next }),
  };
  if (sameEnvironment(env, variables)) {
    deps.log('function already set', { functionName: name });
    return;
  }
  await deps.clients.lambda.send(
    new UpdateFunctionConfigurationCommand({
      FunctionName: name,
      Environment: { Variables: variables },
      ...(configuration.RevisionId ? { RevisionId: configuration.RevisionId } : {}),
    }),
  );
  await waitForFunctionUpdated(deps, name);
  deps.log('function updated', { functionName: name, acceptsNext: gate.next !== undefined });
}

const sameEnvironment = (a: Environment, b: Environment) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
};

async function functionConfiguration(deps: RotationDeps, name: string): Promise<FunctionConfiguration> {
  return deps.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
}

/** The function's configuration once no update is in progress; a failed update is an error. */
async function waitForFunctionUpdated(deps: RotationDeps, name: string): Promise<FunctionConfiguration> {
  return waitUntil(deps, `function ${name} updated`, async () => {
    const configuration = await functionConfiguration(deps, name);
    if (configuration.LastUpdateStatus === 'Failed') {
      throw new Error(
        `Function ${name} update failed: ${configuration.LastUpdateStatusReasonCode ?? 'no reason given'}`,
      );
    }
    return configuration.LastUpdateStatus === 'InProgress' ? undefined : configuration;
  });
}

// --- waiting -----------------------------------------------------------------------------------

/**
 * Polls until `check` answers something truthy; past the deadline it throws, so the step fails
 * and Secrets Manager (or the operator) runs it again later.
 */
async function waitUntil<T>(
  deps: RotationDeps,
  what: string,
  check: () => Promise<T | undefined | false>,
): Promise<T> {
  const interval = deps.pollIntervalMs ?? 5_000;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (deps.now() + interval > deps.deadline) throw new Error(`Timed out waiting for ${what}`);
    await deps.sleep(interval);
  }
}
