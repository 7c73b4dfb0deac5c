import * as z from 'zod';

/**
 * What a deployment may vary, read from CDK context (`cdk.json` or `-c key=value`) and validated
 * once. Values given on the command line arrive as strings, so booleans and numbers are coerced.
 *
 * WAF: a CloudFront-scoped web ACL can only be created in us-east-1, and this app is one stack.
 * So with `waf` on (the default) the whole stack is built in us-east-1; `-c waf=false` builds it
 * in `region` (default eu-west-2, London) without a web ACL of its own, optionally attaching one
 * made elsewhere with `-c webAclArn=…`.
 */
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);

const contextFields = z.object({
  /** Never `local` or `test`: the development token issuer must not exist in AWS. */
  stage: z.enum(['dev', 'prod']),
  waf: flag.default(true),
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/)
    .optional(),
  webAclArn: z
    .string()
    .regex(/^arn:aws:wafv2:us-east-1:\d{12}:global\/webacl\//)
    .optional(),
  domainName: z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/i)
    .optional(),
  /** CloudFront only accepts ACM certificates from us-east-1. */
  certificateArn: z
    .string()
    .regex(/^arn:aws:acm:us-east-1:\d{12}:certificate\//)
    .optional(),
  /** Cognito managed-login domain prefix (globally unique); turns on page sign-in; needs domainName. */
  signInDomainPrefix: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/)
    .optional(),
  /** An SES identity (domain or address) the reminders are sent from; no SES rights without it. */
  sesIdentity: z.string().min(3).optional(),
  mailFrom: z.email().optional(),
  alarmEmail: z.email().optional(),
  /** Shown on the accessibility statement as the address to report a problem to. */
  accessibilityEmail: z.email().optional(),
});

const contextSchema = contextFields
  .refine((context) => Boolean(context.domainName) === Boolean(context.certificateArn), {
    message: 'domainName and certificateArn go together: give both or neither',
    path: ['certificateArn'],
  })
  .refine((context) => !(context.waf && context.region && context.region !== 'us-east-1'), {
    message:
      'A CloudFront web ACL must live in us-east-1, so with waf on the stack is built there. ' +
      'Use -c waf=false (optionally with -c webAclArn=…) to build the stack in another region.',
    path: ['region'],
  })
  .refine((context) => !(context.waf && context.webAclArn), {
    message: 'webAclArn attaches an existing web ACL; it only makes sense with -c waf=false',
    path: ['webAclArn'],
  })
  .refine((context) => !(context.signInDomainPrefix && !context.domainName), {
    message: 'signInDomainPrefix needs domainName: Cognito must know the site address people come back to',
    path: ['signInDomainPrefix'],
  })
  .refine((context) => !(context.mailFrom && !context.sesIdentity), {
    message: 'mailFrom needs sesIdentity (the verified SES identity it belongs to)',
    path: ['mailFrom'],
  });

type Context = z.infer<typeof contextSchema>;

/** Per-stage numbers: the same stack, sized and retained differently. */
export interface StageProfile {
  /** Days CloudWatch keeps Lambda and access logs. */
  logRetentionDays: 30 | 365;
  /** API Gateway default route throttling (steady requests per second, burst). */
  apiRateLimit: number;
  apiBurstLimit: number;
  /** WAF rate-based rule: requests per client IP in any 5-minute window. */
  wafRequestsPer5MinutesPerIp: number;
}

const profiles: Record<Context['stage'], StageProfile> = {
  dev: { logRetentionDays: 30, apiRateLimit: 50, apiBurstLimit: 100, wafRequestsPer5MinutesPerIp: 1000 },
  prod: { logRetentionDays: 365, apiRateLimit: 500, apiBurstLimit: 1000, wafRequestsPer5MinutesPerIp: 2000 },
};

export interface RegisterSettings extends Omit<Context, 'region'> {
  /** The region the stack is built in. */
  region: string;
  /** The AWS account, when the CLI knows it (synth works without). */
  account: string | undefined;
  profile: StageProfile;
  stackName: string;
}

export function readSettings(
  tryGetContext: (key: string) => unknown,
  env: Record<string, string | undefined> = process.env,
): RegisterSettings {
  const raw = Object.fromEntries(
    Object.keys(contextFields.shape)
      .map((key) => [key, tryGetContext(key)])
      .filter(([, value]) => value !== undefined),
  );
  const result = contextSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || 'context'}: ${issue.message}`,
    );
    throw new Error(`Invalid CDK context: ${problems.join('; ')}`);
  }
  const context = result.data;
  const region = context.waf ? 'us-east-1' : (context.region ?? 'eu-west-2');
  const stackName = `ModernSlaveryRegister-${context.stage}`;
  return {
    ...context,
    region,
    account: env.CDK_DEFAULT_ACCOUNT,
    profile: profiles[context.stage],
    stackName,
  };
}
