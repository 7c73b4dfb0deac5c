import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  actionsOf,
  logicalId,
  propertiesOfOnly,
  resourcesOf,
  type Synthesized,
  statementsOfFunction,
  synthRegister,
} from './synth.ts';

/**
 * A production deployment in London: WAF off here (a web ACL made in us-east-1 attached by ARN),
 * a custom domain, SES for reminders and an alarm email.
 */
const context = {
  stage: 'prod',
  waf: 'false',
  region: 'eu-west-2',
  webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/register/abc',
  domainName: 'register.example.org',
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e',
  sesIdentity: 'example.org',
  mailFrom: 'register@example.org',
  alarmEmail: 'ops@example.org',
  accessibilityEmail: 'accessibility@example.org',
  signInDomainPrefix: 'register-example-prod',
};

let synth: Synthesized;
beforeAll(() => {
  synth = synthRegister(context, { CDK_DEFAULT_ACCOUNT: '123456789012' });
});
afterAll(() => synth?.cleanup());

const statementsOf = (name: 'api' | 'stream' | 'schedule') =>
  statementsOfFunction(synth.template, synth.stack, logicalId(synth.stack.functions[name]));

describe('a prod stack with WAF off, a custom domain and SES', () => {
  test('is built in the chosen region, for account and stage, with termination protection', () => {
    expect(synth.stack.stackName).toBe('ModernSlaveryRegister-prod');
    expect(synth.stack.region).toBe('eu-west-2');
    expect(synth.stack.account).toBe('123456789012');
    expect(synth.stack.terminationProtection).toBe(true);
  });

  test('creates no web ACL of its own and attaches the given one', () => {
    synth.template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    const config = propertiesOfOnly(synth.template, 'AWS::CloudFront::Distribution').DistributionConfig;
    expect(config.WebACLId).toBe(context.webAclArn);
  });

  test('serves the custom domain with its certificate, TLS 1.2 at least, SNI only', () => {
    const config = propertiesOfOnly(synth.template, 'AWS::CloudFront::Distribution').DistributionConfig;
    expect(config.Aliases).toEqual([context.domainName]);
    expect(config.ViewerCertificate).toEqual({
      AcmCertificateArn: context.certificateArn,
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    expect(synth.template.toJSON().Outputs.SiteUrl.Value).toBe(`https://${context.domainName}`);
  });

  test('tells every function its public address and sender, still stage prod and no local settings', () => {
    for (const name of ['api', 'stream', 'schedule'] as const) {
      const env =
        synth.template.toJSON().Resources[logicalId(synth.stack.functions[name])].Properties.Environment
          .Variables;
      expect(env).toMatchObject({
        STAGE: 'prod',
        PUBLIC_BASE_URL: `https://${context.domainName}`,
        MAIL_FROM: context.mailFrom,
        ACCESSIBILITY_CONTACT_EMAIL: context.accessibilityEmail,
      });
      expect(Object.keys(env)).not.toContain('DYNAMODB_ENDPOINT');
    }
  });

  test('lets only the stream worker and the daily jobs send email, from the given identity', () => {
    for (const name of ['stream', 'schedule'] as const) {
      const ses = statementsOf(name).filter((statement) =>
        actionsOf([statement]).some((a) => a.startsWith('ses:')),
      );
      expect(ses, name).toHaveLength(1);
      expect(actionsOf(ses)).toEqual(['ses:SendEmail']);
      expect(JSON.stringify(ses[0]?.Resource)).toContain(
        `:ses:eu-west-2:123456789012:identity/${context.sesIdentity}`,
      );
    }
    expect(actionsOf(statementsOf('api')).filter((action) => action.startsWith('ses:'))).toEqual([]);
  });

  test('lets people sign in on the pages through Cognito managed login: code flow with the site’s callback', () => {
    synth.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'register-example-prod' });
    synth.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: Match.arrayWith(['openid', 'email']),
      CallbackURLs: ['https://register.example.org/auth/callback'],
      SupportedIdentityProviders: ['COGNITO'],
      GenerateSecret: false,
    });
    const env =
      synth.template.toJSON().Resources[logicalId(synth.stack.functions.api)].Properties.Environment
        .Variables;
    const domain = synth.stack.auth.domain;
    expect(domain).toBeDefined();
    expect(JSON.stringify(env.COGNITO_DOMAIN)).toContain(logicalId(domain as IConstruct));
    expect(JSON.stringify(env.COGNITO_DOMAIN)).toContain('amazoncognito.com');
    expect(env.PUBLIC_BASE_URL).toBe('https://register.example.org');
  });

  test('sends Cognito mail through SES from the register address', () => {
    synth.template.hasResourceProperties('AWS::Cognito::UserPool', {
      EmailConfiguration: Match.objectLike({
        EmailSendingAccount: 'DEVELOPER',
        From: Match.stringLikeRegexp(context.mailFrom),
      }),
    });
  });

  test('keeps logs a year, throttles at the prod rates and mails alarms to the operators', () => {
    for (const group of Object.values(resourcesOf(synth.template, 'AWS::Logs::LogGroup'))) {
      expect(group.Properties?.RetentionInDays).toBe(365);
    }
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 },
    });
    synth.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: context.alarmEmail,
      TopicArn: { Ref: logicalId(synth.stack.observability.topic) },
    });
  });

  test('keeps the table and every bucket when the stack is deleted', () => {
    for (const type of ['AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::Cognito::UserPool']) {
      for (const resource of Object.values(resourcesOf(synth.template, type))) {
        expect(resource.DeletionPolicy, type).toBe('Retain');
      }
    }
  });

  test('passes cdk-nag with no unacknowledged finding', () => {
    expect(synth.nagViolations.map((violation) => violation.ruleName)).toEqual([]);
  });
});
