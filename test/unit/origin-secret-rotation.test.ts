import { UpdateDistributionCommand } from '@aws-sdk/client-cloudfront';
import { UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import {
  GetRandomPasswordCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { afterEach, describe, expect, it } from 'vitest';
import { rotateOriginSecret } from '../../functions/rotation/origin-secret-rotation.ts';
import {
  type RotationStep,
  readRotationSettings,
  rotationEventSchema,
} from '../../functions/rotation/rotation-schemas.ts';
import {
  createWorld,
  HEADER,
  ORIGIN_ID,
  type World,
  type WorldOptions,
} from './support/origin-secret-world.ts';

const TOKEN = 'token-0001-rotation';
const steps: RotationStep[] = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'];

let world: World;
const setUp = (options: WorldOptions = {}) => {
  world = createWorld(options);
  world.startRotation(TOKEN);
  return world;
};
afterEach(() => world?.restore());

const run = (step: RotationStep, token = TOKEN, deps = world.deps()) =>
  rotateOriginSecret(world.event(step, token), deps);
const runUpTo = async (last: RotationStep, token = TOKEN) => {
  for (const step of steps.slice(0, steps.indexOf(last) + 1)) await run(step, token);
};
/** Mutating calls so far, per client. */
const mutations = () => ({
  put: world.mocks.secrets.commandCalls(PutSecretValueCommand).length,
  random: world.mocks.secrets.commandCalls(GetRandomPasswordCommand).length,
  stage: world.mocks.secrets.commandCalls(UpdateSecretVersionStageCommand).length,
  distribution: world.mocks.cloudFront.commandCalls(UpdateDistributionCommand).length,
  functions: world.mocks.lambda.commandCalls(UpdateFunctionConfigurationCommand).length,
});
const envOf = (name: string) => world.functions.get(name)?.env;
const otherVariables = (env: Record<string, string> | undefined) => {
  const { ORIGIN_SECRET: _current, ORIGIN_SECRET_NEXT: _next, ...others } = env ?? {};
  return others;
};

describe('a whole rotation of the origin secret (the four steps in order)', () => {
  it('ends with a new current value that CloudFront sends and the functions alone accept, none refused on the way', async () => {
    setUp();
    const before = {
      api: otherVariables(envOf('register-api')),
      check: otherVariables(envOf('register-check')),
    };
    await runUpTo('finishSecret');

    const value = world.valueOf(TOKEN);
    expect(value).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(value).not.toBe(world.current);
    expect(world.versions.get(TOKEN)?.stages).toContain('AWSCURRENT');
    expect(world.versions.get('v-initial')?.stages).toEqual(['AWSPREVIOUS']);
    expect(world.headerSent()).toBe(value);
    for (const name of ['register-api', 'register-check']) {
      expect(envOf(name)?.ORIGIN_SECRET, name).toBe(value);
      expect(envOf(name), name).not.toHaveProperty('ORIGIN_SECRET_NEXT');
    }
    // Every other variable exactly as before.
    expect(otherVariables(envOf('register-api'))).toEqual(before.api);
    expect(otherVariables(envOf('register-check'))).toEqual(before.check);
    expect(world.refusals).toEqual([]);
  });

  it('keeps the distribution as it was but for that one header (other headers, origins and settings)', async () => {
    setUp();
    const before = structuredClone(world.distribution.config);
    await runUpTo('finishSecret');
    const after = world.distribution.config;
    const apiOrigin = (config: typeof before) =>
      config.Origins?.Items?.find((origin) => origin.Id === ORIGIN_ID);
    expect(apiOrigin(after)?.CustomHeaders?.Items).toEqual(
      expect.arrayContaining([
        { HeaderName: 'x-other', HeaderValue: 'kept' },
        { HeaderName: HEADER, HeaderValue: world.valueOf(TOKEN) },
      ]),
    );
    expect(apiOrigin(after)?.CustomHeaders?.Quantity).toBe(2);
    const withoutHeaders = (config: typeof before) => ({
      ...config,
      Origins: config.Origins?.Items?.map(({ CustomHeaders: _headers, ...origin }) => origin),
    });
    expect(withoutHeaders(after)).toEqual(withoutHeaders(before));
  });

  it('the watch on refusals does catch CloudFront switched before the functions accept the new value', async () => {
    // The stand-in itself, checked: the order setSecret avoids does show up as a refusal.
    setUp();
    await run('createSecret');
    const config = structuredClone(world.distribution.config);
    const header = config.Origins?.Items?.[0]?.CustomHeaders?.Items?.find(
      (item) => item.HeaderName === HEADER,
    );
    if (header) header.HeaderValue = world.valueOf(TOKEN);
    await world.deps().clients.cloudFront.send(
      new UpdateDistributionCommand({
        Id: 'E2EXAMPLE',
        IfMatch: world.distribution.etag,
        DistributionConfig: config,
      }),
    );
    expect(world.refusals.length).toBeGreaterThan(0);
  });
});

describe('createSecret', () => {
  it('makes a 48-character value without punctuation, stored under the token as AWSPENDING', async () => {
    setUp();
    await run('createSecret');
    expect(world.mocks.secrets.commandCalls(GetRandomPasswordCommand)[0]?.args[0].input).toEqual({
      PasswordLength: 48,
      ExcludePunctuation: true,
    });
    const put = world.mocks.secrets.commandCalls(PutSecretValueCommand)[0]?.args[0].input;
    expect(put).toMatchObject({ ClientRequestToken: TOKEN, VersionStages: ['AWSPENDING'] });
    expect(world.versions.get(TOKEN)).toEqual({ value: put?.SecretString, stages: ['AWSPENDING'] });
    // Nothing else moves yet.
    expect(mutations()).toMatchObject({ distribution: 0, functions: 0, stage: 0 });
  });

  it('run again, keeps the value it made (no new password, no second put)', async () => {
    setUp();
    await run('createSecret');
    const value = world.valueOf(TOKEN);
    await run('createSecret');
    expect(world.valueOf(TOKEN)).toBe(value);
    expect(mutations()).toMatchObject({ put: 1, random: 1 });
  });
});

describe('setSecret', () => {
  it('updates both functions, waits for each update to finish, and only then points CloudFront at the new value', async () => {
    setUp({ functionPolls: 2 });
    await run('createSecret');
    await run('setSecret');
    expect(world.events.filter((event) => !event.startsWith('secrets:'))).toEqual([
      'lambda:update register-api',
      'lambda:updated register-api',
      'lambda:update register-check',
      'lambda:updated register-check',
      'cloudfront:update',
    ]);
    const pending = world.valueOf(TOKEN);
    for (const name of ['register-api', 'register-check']) {
      expect(envOf(name)).toMatchObject({ ORIGIN_SECRET: world.current, ORIGIN_SECRET_NEXT: pending });
    }
    expect(world.headerSent()).toBe(pending);
    expect(world.refusals).toEqual([]);
  });

  it('sends the distribution back whole with the ETag it read (If-Match)', async () => {
    setUp();
    const etag = world.distribution.etag;
    await run('createSecret');
    await run('setSecret');
    const update = world.mocks.cloudFront.commandCalls(UpdateDistributionCommand)[0]?.args[0].input;
    expect(update?.Id).toBe('E2EXAMPLE');
    expect(update?.IfMatch).toBe(etag);
    expect(update?.DistributionConfig?.CallerReference).toBe('ref-1');
  });

  it('passes each function’s revision id, so a change made meanwhile is not overwritten', async () => {
    setUp();
    await run('createSecret');
    await run('setSecret');
    for (const call of world.mocks.lambda.commandCalls(UpdateFunctionConfigurationCommand)) {
      expect(call.args[0].input.RevisionId).toBe('rev-1');
    }
  });

  it('run again after it succeeded, changes nothing', async () => {
    setUp();
    await runUpTo('setSecret');
    const before = mutations();
    await run('setSecret');
    expect(mutations()).toEqual(before);
  });

  it('waits for a function update already in progress (a deploy) before its own', async () => {
    setUp({ functionPolls: 1 });
    await run('createSecret');
    const api = world.functions.get('register-api');
    if (api) Object.assign(api, { status: 'InProgress', pollsLeft: 2 });
    await run('setSecret');
    expect(world.events.indexOf('lambda:updated register-api')).toBeLessThan(
      world.events.indexOf('lambda:update register-api'),
    );
    expect(world.refusals).toEqual([]);
  });

  it('fails without touching CloudFront when a function update fails', async () => {
    setUp();
    await run('createSecret');
    const check = world.functions.get('register-check');
    if (check) Object.assign(check, { status: 'Failed' });
    await expect(run('setSecret')).rejects.toThrow(/register-check update failed/);
    expect(mutations().distribution).toBe(0);
    expect(world.headerSent()).toBe(world.current);
  });

  it('fails (for Secrets Manager to retry) while an earlier CloudFront change is still deploying past the deadline', async () => {
    setUp();
    await run('createSecret');
    Object.assign(world.distribution, { status: 'InProgress', pollsLeft: 100 });
    await expect(run('setSecret')).rejects.toThrow(/Timed out waiting for distribution/);
    expect(mutations()).toMatchObject({ distribution: 0, functions: 0 });
  });
});

describe('testSecret', () => {
  it('polls until CloudFront has deployed the change everywhere', async () => {
    setUp({ distributionPolls: 4 });
    await runUpTo('setSecret');
    expect(world.distribution.status).toBe('InProgress');
    await run('testSecret');
    expect(world.distribution.status).toBe('Deployed');
  });

  it('gives up at its deadline with an error (Secrets Manager retries the step), changing nothing', async () => {
    setUp({ distributionPolls: 1_000 });
    await runUpTo('setSecret');
    const before = mutations();
    await expect(run('testSecret')).rejects.toThrow(/Timed out/);
    expect(mutations()).toEqual(before);
  });

  it('fails when CloudFront does not send the pending value (setSecret not done)', async () => {
    setUp();
    await run('createSecret');
    await expect(run('testSecret')).rejects.toThrow(/setSecret has not finished/);
  });
});

describe('finishSecret', () => {
  it('moves AWSCURRENT to the new version first, then narrows the functions to it, keeping their other variables', async () => {
    setUp();
    await runUpTo('testSecret');
    const others = otherVariables(envOf('register-api'));
    world.events.length = 0;
    await run('finishSecret');
    expect(world.mocks.secrets.commandCalls(UpdateSecretVersionStageCommand)[0]?.args[0].input).toMatchObject(
      {
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: TOKEN,
        RemoveFromVersionId: 'v-initial',
      },
    );
    expect(world.events[0]).toBe('secrets:stage AWSCURRENT');
    expect(world.events.filter((event) => event.startsWith('lambda:update '))).toEqual([
      'lambda:update register-api',
      'lambda:update register-check',
    ]);
    expect(envOf('register-api')).toEqual({ ...others, ORIGIN_SECRET: world.valueOf(TOKEN) });
    expect(world.refusals).toEqual([]);
  });

  it('run again after it succeeded, changes nothing', async () => {
    setUp();
    await runUpTo('finishSecret');
    const before = mutations();
    await run('finishSecret');
    expect(mutations()).toEqual(before);
  });

  it('run again after failing between the stage move and the functions, finishes the functions', async () => {
    setUp();
    await runUpTo('testSecret');
    world.failNextFunctionUpdate(
      Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' }),
    );
    await expect(run('finishSecret')).rejects.toThrow(/Rate exceeded/);
    expect(world.versions.get(TOKEN)?.stages).toContain('AWSCURRENT');
    // The functions still accept both: nothing is refused meanwhile.
    expect(envOf('register-api')?.ORIGIN_SECRET_NEXT).toBe(world.valueOf(TOKEN));
    await run('finishSecret');
    for (const name of ['register-api', 'register-check']) {
      expect(envOf(name)?.ORIGIN_SECRET, name).toBe(world.valueOf(TOKEN));
      expect(envOf(name), name).not.toHaveProperty('ORIGIN_SECRET_NEXT');
    }
    expect(world.mocks.secrets.commandCalls(UpdateSecretVersionStageCommand)).toHaveLength(1);
    expect(world.refusals).toEqual([]);
  });

  it('refuses to finish (and narrow the functions) while CloudFront does not send the new value', async () => {
    setUp();
    await run('createSecret');
    await expect(run('finishSecret')).rejects.toThrow(/CloudFront does not send the new value/);
    expect(mutations()).toMatchObject({ stage: 0, functions: 0 });
  });
});

describe('a rotation after one that never finished (CloudFront left on its pending value)', () => {
  it('keeps what CloudFront sends accepted until it sends the new value: nothing refused', async () => {
    setUp();
    await runUpTo('testSecret'); // then finishSecret never ran
    const abandoned = world.valueOf(TOKEN);
    const second = 'token-0002-rotation';
    world.startRotation(second);
    for (const step of steps) await run(step, second);
    expect(world.refusals).toEqual([]);
    expect(world.headerSent()).toBe(world.valueOf(second));
    expect(world.valueOf(second)).not.toBe(abandoned);
    expect(envOf('register-check')).toMatchObject({ ORIGIN_SECRET: world.valueOf(second) });
    expect(envOf('register-check')).not.toHaveProperty('ORIGIN_SECRET_NEXT');
  });
});

describe('every step', () => {
  it.each(steps)('%s refuses a token that is neither AWSPENDING nor AWSCURRENT', async (step) => {
    setUp();
    world.versions.set('stray', { value: 'x'.repeat(48), stages: [] });
    await expect(run(step, 'stray')).rejects.toThrow(/not AWSPENDING/);
  });

  it.each(steps)('%s refuses a secret whose rotation is turned off', async (step) => {
    setUp();
    world.disableRotation();
    await expect(run(step)).rejects.toThrow(/not enabled/);
  });

  it('never writes a secret value to a log line or an error message', async () => {
    setUp({ distributionPolls: 1_000 });
    const errors: string[] = [];
    await runUpTo('setSecret');
    await run('testSecret').catch((error: Error) => errors.push(error.message, String(error.stack)));
    world.distribution.pollsLeft = 0;
    await run('testSecret');
    await run('finishSecret');
    await run('finishSecret');
    await run('createSecret', 'stray').catch((error: Error) => errors.push(error.message));
    const written = JSON.stringify(world.logs) + errors.join('\n');
    expect(world.logs.length).toBeGreaterThan(5);
    expect(errors.length).toBeGreaterThan(0);
    for (const value of [world.current, world.valueOf(TOKEN)]) {
      expect(value).toBeDefined();
      expect(written).not.toContain(value);
    }
  });
});

describe('the rotation event and the function’s settings', () => {
  it('takes the four step names only, and ignores extra fields', () => {
    const event = { Step: 'setSecret', SecretId: 'arn', ClientRequestToken: 't', RotationToken: 'r' };
    expect(rotationEventSchema.parse(event)).toEqual({
      Step: 'setSecret',
      SecretId: 'arn',
      ClientRequestToken: 't',
    });
    expect(() => rotationEventSchema.parse({ ...event, Step: 'set_secret' })).toThrow();
    expect(() => rotationEventSchema.parse({ Step: 'setSecret', SecretId: 'arn' })).toThrow();
  });

  it('reads the distribution, origin and gated function names from the environment', () => {
    expect(
      readRotationSettings({
        ORIGIN_DISTRIBUTION_ID: 'E2EXAMPLE',
        ORIGIN_ID: 'register-api',
        GATED_FUNCTION_NAMES: 'register-api, register-check',
        AWS_REGION: 'eu-west-2',
      }),
    ).toEqual({
      distributionId: 'E2EXAMPLE',
      originId: 'register-api',
      functionNames: ['register-api', 'register-check'],
      region: 'eu-west-2',
    });
  });

  it.each([
    ['no distribution', { ORIGIN_ID: 'o', GATED_FUNCTION_NAMES: 'f' }, /ORIGIN_DISTRIBUTION_ID/],
    [
      'no function names',
      { ORIGIN_DISTRIBUTION_ID: 'd', ORIGIN_ID: 'o', GATED_FUNCTION_NAMES: ' , ' },
      /GATED_FUNCTION_NAMES/,
    ],
  ])('refuses settings with %s', (_name, env: Record<string, string>, message) => {
    expect(() => readRotationSettings(env)).toThrow(message);
  });
});
