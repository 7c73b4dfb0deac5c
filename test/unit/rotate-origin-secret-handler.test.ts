import { DescribeSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The handler builds its clients at load: mock Secrets Manager's for every instance, then put it back.
const secrets = mockClient(SecretsManagerClient);
afterAll(() => {
  secrets.restore();
  vi.unstubAllEnvs();
  // The handler's logger was made silent at load: later files in this worker get fresh modules.
  vi.resetModules();
});

let handler: (event: unknown, context: Context) => Promise<unknown>;
beforeAll(async () => {
  vi.stubEnv('ORIGIN_DISTRIBUTION_ID', 'E2EXAMPLE');
  vi.stubEnv('ORIGIN_ID', 'register-api');
  vi.stubEnv('GATED_FUNCTION_NAMES', 'register-api,register-check');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  ({ handler } = await import('../../functions/handlers/rotate-origin-secret.ts'));
});

const context = {
  functionName: 'rotation',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 900_000,
} as unknown as Context;

describe('the rotation function handler', () => {
  it('refuses an event that is not a rotation step, before calling anything', async () => {
    secrets.reset();
    await expect(
      handler({ Step: 'dropSecret', SecretId: 'arn', ClientRequestToken: 't' }, context),
    ).rejects.toThrow();
    expect(secrets.calls()).toHaveLength(0);
  });

  it('runs a step against the secret it is given', async () => {
    secrets.reset();
    secrets
      .on(DescribeSecretCommand)
      .resolves({ RotationEnabled: true, VersionIdsToStages: { t: ['AWSCURRENT'] } });
    await handler({ Step: 'testSecret', SecretId: 'arn:secret', ClientRequestToken: 't' }, context);
    expect(secrets.commandCalls(DescribeSecretCommand)[0]?.args[0].input).toEqual({ SecretId: 'arn:secret' });
  });
});
