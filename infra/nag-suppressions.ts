import { type CfnElement, Token, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { RegisterStack } from './register-stack.ts';
import type { RegisterSettings } from './settings.ts';

/**
 * The cdk-nag (AwsSolutions) findings the register accepts, each acknowledged on the construct
 * it concerns (never stack-wide) with the reason. Anything else fails the synth and the tests.
 */
export function acknowledgeAcceptedFindings(stack: RegisterStack, settings: RegisterSettings): void {
  const ack = (scope: IConstruct, id: string, reason: string) =>
    Validations.of(scope).acknowledge({ id: `AwsSolutions-${id}`, reason });
  const arnOf = (construct: IConstruct) =>
    `<${stack.getLogicalId(construct.node.defaultChild as CfnElement)}.Arn>`;

  // Cognito
  const userPool = stack.auth.userPool;
  ack(
    userPool,
    'COG2',
    'MFA is optional by design (TOTP offered): businesses sign themselves up and must not be locked out; ' +
      'officers are asked to enrol TOTP (README, Deploying).',
  );
  ack(
    userPool,
    'COG8',
    'Essentials plan: Plus (threat protection) is priced per monthly active user and every UK business ' +
      'with a statement is a potential user; revisit if credential-stuffing shows up in the WAF metrics.',
  );

  // Lambda functions of the register
  for (const fn of Object.values(stack.functions)) {
    ack(
      fn,
      'L1',
      'Pinned to Node.js 22 (LTS): the bundles target node22 and the project is built and tested against ' +
        'it; moving runtime is a deliberate, tested change.',
    );
    const policy = fn.role?.node.tryFindChild('DefaultPolicy') ?? fn;
    ack(
      policy,
      'IAM5[Resource::*]',
      'Only for X-Ray (PutTraceSegments, PutTelemetryRecords) and, for the stream worker, dynamodb:ListStreams: ' +
        'these actions have no resource-level permissions.',
    );
    ack(
      policy,
      `IAM5[Resource::${arnOf(stack.storage.table)}/index/*]`,
      'The global secondary indexes of the register table only (gsi1..gsi3 from table-definition.ts); ' +
        'queries on an index need the index ARN.',
    );
  }
  for (const fn of [stack.functions.api, stack.functions.stream]) {
    ack(
      fn.role?.node.tryFindChild('DefaultPolicy') ?? fn,
      `IAM5[Resource::${arnOf(stack.storage.archiveBucket)}/*]`,
      'Objects of the archive bucket only, with s3:GetObject and s3:PutObject (no delete): document keys ' +
        'are made at run time.',
    );
  }

  ack(
    stack.functions.schedule.role?.node.tryFindChild('DefaultPolicy') ?? stack.functions.schedule,
    `IAM5[Resource::${arnOf(stack.storage.assetsBucket)}/assets/open-data/*]`,
    'The daily job writes the yearly open-data files (s3:PutObject, s3:AbortMultipartUpload) under this ' +
      'one prefix of the assets bucket; file names carry the year.',
  );

  // The origin secret's rotation function (SMG4 is met: the secret rotates every 30 days).
  const rotation = stack.originSecretRotation;
  ack(
    rotation,
    'L1',
    'Pinned to Node.js 22 (LTS) like the other functions: the bundles target node22 and the project is built ' +
      'and tested against it; moving runtime is a deliberate, tested change.',
  );
  ack(
    rotation.role?.node.tryFindChild('DefaultPolicy') ?? rotation,
    'IAM5[Resource::*]',
    'Only for X-Ray (PutTraceSegments, PutTelemetryRecords) and secretsmanager:GetRandomPassword (granted by ' +
      'the rotation schedule): these actions have no resource-level permissions. Its CloudFront, Lambda and ' +
      'Secrets Manager grants name this distribution, the api and check functions and this secret.',
  );

  // HTTP API
  ack(
    stack.httpApi.node.findChild('DefaultRoute'),
    'APIG4',
    'Most of the register is public (search, statements, downloads); the Hono app verifies Cognito JWTs ' +
      '(issuer, audience, signature) on the routes that need them and answers 401/403 itself.',
  );
  for (const route of stack.httpApi.node.children.filter((child) => /check$/.test(child.node.id))) {
    ack(
      route,
      'APIG4',
      'The checker is public by design (anyone may check a statement; nothing is stored); it is rate-limited ' +
        'by the stage throttle and WAF.',
    );
  }

  // Dead-letter queues are the end of the line.
  for (const queue of [stack.streamDlq, stack.scheduleDlq]) {
    ack(queue, 'SQS3', 'This queue is itself a dead-letter queue (Lambda on-failure / Scheduler DLQ).');
  }

  // EventBridge Scheduler's role for the daily target
  const schedulerRole = stack.node.children.find((child) =>
    child.node.id.startsWith('SchedulerRoleForTarget'),
  );
  if (schedulerRole) {
    ack(
      schedulerRole,
      `IAM5[Resource::${arnOf(stack.functions.schedule)}:*]`,
      'lambda:InvokeFunction on the schedule function and its versions only; made by the Scheduler target.',
    );
  }

  // CloudFront
  const distribution = stack.edge.distribution;
  ack(
    distribution,
    'CFR1',
    'A public register: statements are read from anywhere, so no geo restriction; abuse is handled by WAF.',
  );
  if (!settings.waf && !settings.webAclArn) {
    ack(
      distribution,
      'CFR2',
      'WAF turned off by the deployer (-c waf=false) to keep the stack outside us-east-1 without a web ACL ' +
        'made elsewhere; README, Deploying, explains attaching one with -c webAclArn.',
    );
  }
  if (!settings.domainName) {
    ack(
      distribution,
      'CFR4',
      'Without a custom domain CloudFront serves its default *.cloudfront.net certificate, whose security ' +
        'policy cannot be chosen; with -c domainName/certificateArn the minimum is TLSv1.2_2021.',
    );
  }

  // The BucketDeployment handler is made and owned by aws-cdk-lib (one per stack).
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const qualifier = String(stack.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') ?? 'hnb659fds');
  for (const handler of stack.node.children.filter((child) =>
    child.node.id.startsWith('Custom::CDKBucketDeployment'),
  )) {
    const reason =
      'aws-cdk-lib BucketDeployment handler (deploy-time only): it copies the asset zips from the CDK ' +
      'bootstrap bucket into the assets bucket and invalidates /assets/* in CloudFront; its runtime and grants are CDK’s.';
    for (const id of [
      'L1',
      'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'IAM5[Resource::*]',
      'IAM5[Action::s3:GetObject*]',
      'IAM5[Action::s3:GetBucket*]',
      'IAM5[Action::s3:List*]',
      'IAM5[Action::s3:DeleteObject*]',
      'IAM5[Action::s3:Abort*]',
      `IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-${account}-${region}/*]`,
      `IAM5[Resource::${arnOf(stack.storage.assetsBucket)}/*]`,
    ]) {
      ack(handler, id, reason);
    }
  }
}
