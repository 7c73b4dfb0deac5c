import { describe, expect, test } from 'vitest';
import { readSettings } from '../../infra/settings.ts';

const read = (context: Record<string, unknown>, env: Record<string, string | undefined> = {}) =>
  readSettings((key) => context[key], env);

const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e';
const webAclArn = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/register/abc';

describe('CDK context', () => {
  test.each([
    ['a missing stage', {}, /stage/],
    ['the local stage (the dev token issuer must never reach AWS)', { stage: 'local' }, /stage/],
    ['the test stage', { stage: 'test' }, /stage/],
    ['WAF on in a region other than us-east-1', { stage: 'dev', region: 'eu-west-2' }, /us-east-1/],
    ['a domain without a certificate', { stage: 'prod', domainName: 'register.example.org' }, /together/],
    ['a certificate without a domain', { stage: 'prod', certificateArn }, /together/],
    [
      'a certificate outside us-east-1',
      {
        stage: 'prod',
        domainName: 'register.example.org',
        certificateArn: 'arn:aws:acm:eu-west-2:123456789012:certificate/x',
      },
      /certificateArn/,
    ],
    ['an external web ACL while WAF is on', { stage: 'prod', webAclArn }, /webAclArn/],
    [
      'a sender address without an SES identity',
      { stage: 'prod', mailFrom: 'register@example.org' },
      /mailFrom/,
    ],
    ['an alarm email that is not one', { stage: 'prod', alarmEmail: 'ops' }, /alarmEmail/],
    [
      'an accessibility contact that is not an email',
      { stage: 'prod', accessibilityEmail: 'ops' },
      /accessibilityEmail/,
    ],
    ['waf that is not a boolean', { stage: 'dev', waf: 'maybe' }, /waf/],
    [
      'a sign-in domain prefix without the site’s domain',
      { stage: 'dev', signInDomainPrefix: 'register-dev' },
      /signInDomainPrefix/,
    ],
    [
      'a sign-in domain prefix Cognito would refuse',
      {
        stage: 'prod',
        domainName: 'register.example.org',
        certificateArn,
        signInDomainPrefix: 'Register_Prod',
      },
      /signInDomainPrefix/,
    ],
  ])('rejects %s', (_case, context, message) => {
    expect(() => read(context)).toThrow(message);
  });

  test('defaults: WAF on, so the stack is in us-east-1, named for its stage, with the dev profile', () => {
    const settings = read({ stage: 'dev' }, { CDK_DEFAULT_ACCOUNT: '123456789012' });
    expect(settings).toMatchObject({
      stage: 'dev',
      waf: true,
      region: 'us-east-1',
      account: '123456789012',
      stackName: 'ModernSlaveryRegister-dev',
      profile: {
        logRetentionDays: 30,
        apiRateLimit: 50,
        apiBurstLimit: 100,
        wafRequestsPer5MinutesPerIp: 1000,
      },
    });
  });

  test.each([
    ['false', undefined, 'eu-west-2'],
    [false, undefined, 'eu-west-2'],
    ['false', 'eu-west-1', 'eu-west-1'],
  ])('with waf=%s and region %s the stack is built in %s', (waf, region, expected) => {
    expect(read({ stage: 'prod', waf, region }).region).toBe(expected);
  });

  test('prod keeps logs a year and allows more traffic', () => {
    expect(read({ stage: 'prod' }).profile).toEqual({
      logRetentionDays: 365,
      apiRateLimit: 500,
      apiBurstLimit: 1000,
      wafRequestsPer5MinutesPerIp: 2000,
    });
  });

  test('accepts a custom domain with its us-east-1 certificate, and an external web ACL with WAF off', () => {
    const settings = read({
      stage: 'prod',
      waf: 'false',
      webAclArn,
      domainName: 'register.example.org',
      certificateArn,
    });
    expect(settings).toMatchObject({
      domainName: 'register.example.org',
      certificateArn,
      webAclArn,
      waf: false,
    });
  });
});
