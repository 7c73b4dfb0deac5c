import * as z from 'zod';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './domain/rate-limit-defaults.ts';
import { DEFAULT_SESSION_SETTINGS, type SessionSettings } from './domain/session-settings.ts';

const perWindow = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Configuration is read from the environment once, validated, and passed on as a value. */
const configFields = z.object({
  TABLE_NAME: z.string().min(1).default('register'),
  AWS_REGION: z.string().min(1).default('eu-west-2'),
  /** Set locally (DynamoDB Local); unset in AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  STAGE: z.enum(['local', 'test', 'dev', 'prod']).default('local'),
  PUBLIC_BASE_URL: z.url().optional(),
  /** Cognito user pool whose ID tokens the API accepts (AWS only). */
  COGNITO_USER_POOL_ID: z.string().min(1).optional(),
  /** The user pool's app client: the `aud` of its ID tokens. */
  COGNITO_CLIENT_ID: z.string().min(1).optional(),
  /** Token issuer; defaults to https://cognito-idp.<region>.amazonaws.com/<pool id>. */
  COGNITO_ISSUER: z.url().optional(),
  /** The user pool's managed-login domain (https://<prefix>.auth.<region>.amazoncognito.com); with
   * PUBLIC_BASE_URL it turns on page sign-in through Cognito (AWS only). */
  COGNITO_DOMAIN: z.url().optional(),
  /** S3 bucket holding the register's copies of statement files (AWS only). */
  ARCHIVE_BUCKET: z.string().min(1).optional(),
  /** The secret CloudFront adds to each request (x-origin-verify); set in AWS, never locally. */
  ORIGIN_SECRET: z.string().min(16).optional(),
  /** During a rotation of that secret (functions/rotation/), the value being rotated to: accepted too. */
  ORIGIN_SECRET_NEXT: z.string().min(16).optional(),
  /** S3 bucket (the static assets bucket) the daily job publishes open-data files to (AWS only). */
  OPEN_DATA_BUCKET: z.string().min(1).optional(),
  /** Key prefix of the published files in that bucket, and their address under the public site. */
  OPEN_DATA_KEY_PREFIX: z.string().default('assets/open-data/'),
  OPEN_DATA_URL_PREFIX: z.string().default('/assets/open-data/'),
  /** Verified SES sender for reminder and overdue notices (AWS only); without it notices stay in the outbox. */
  MAIL_FROM: z.email().optional(),
  /** Where the accessibility statement sends requests and problem reports; the page says so when unset. */
  ACCESSIBILITY_CONTACT_EMAIL: z.email().optional(),
  /** Abuse limits (README "Operations"), each a count per fixed window kept in DynamoDB. */
  RATE_LIMIT_SEARCH_PER_MINUTE: perWindow(DEFAULT_RATE_LIMITS.search.limit),
  RATE_LIMIT_CHECK_PER_MINUTE: perWindow(DEFAULT_RATE_LIMITS.check.limit),
  RATE_LIMIT_DRAFTS_PER_HOUR: perWindow(DEFAULT_RATE_LIMITS.drafts.limit),
  RATE_LIMIT_ENROLMENT_PER_15_MINUTES: perWindow(DEFAULT_RATE_LIMITS.enrolment.limit),
  RATE_LIMIT_SIGN_IN_PER_MINUTE: perWindow(DEFAULT_RATE_LIMITS.signIn.limit),
  RATE_LIMIT_REPORTS_PER_HOUR: perWindow(DEFAULT_RATE_LIMITS.reports.limit),
  /** Web sessions (README "Operations"): ended after this long without a request, and this long after sign-in. */
  SESSION_IDLE_MINUTES: perWindow(DEFAULT_SESSION_SETTINGS.idleSeconds / 60),
  SESSION_MAX_HOURS: perWindow(DEFAULT_SESSION_SETTINGS.absoluteSeconds / 3600),
});

const configSchema = configFields
  .refine((config) => config.ORIGIN_SECRET_NEXT === undefined || config.ORIGIN_SECRET !== undefined, {
    message: 'ORIGIN_SECRET_NEXT is only accepted beside ORIGIN_SECRET',
    path: ['ORIGIN_SECRET_NEXT'],
  })
  .refine((config) => config.SESSION_IDLE_MINUTES <= config.SESSION_MAX_HOURS * 60, {
    message: 'SESSION_IDLE_MINUTES cannot be longer than SESSION_MAX_HOURS',
    path: ['SESSION_IDLE_MINUTES'],
  });

export type Config = z.infer<typeof configSchema>;

/** Parses a function's environment with `schema`; an invalid one is one error naming every bad variable. */
export function readEnvironment<Schema extends z.ZodType>(
  schema: Schema,
  env: Record<string, string | undefined>,
  what = 'configuration',
): z.output<Schema> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid ${what}: ${problems.join('; ')}`);
  }
  return result.data;
}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  return readEnvironment(configSchema, env);
}

/** The configured abuse limits, in the shape the app takes. */
export function rateLimitsOf(config: Config): RateLimits {
  return {
    search: { limit: config.RATE_LIMIT_SEARCH_PER_MINUTE, windowSeconds: 60 },
    check: { limit: config.RATE_LIMIT_CHECK_PER_MINUTE, windowSeconds: 60 },
    drafts: { limit: config.RATE_LIMIT_DRAFTS_PER_HOUR, windowSeconds: 3600 },
    enrolment: { limit: config.RATE_LIMIT_ENROLMENT_PER_15_MINUTES, windowSeconds: 15 * 60 },
    signIn: { limit: config.RATE_LIMIT_SIGN_IN_PER_MINUTE, windowSeconds: 60 },
    reports: { limit: config.RATE_LIMIT_REPORTS_PER_HOUR, windowSeconds: 3600 },
  };
}

/** The configured session lifetimes; the cookie is Secure unless the caller serves plain http. */
export function sessionSettingsFromConfig(
  config: Config,
  options: { secureCookie: boolean },
): SessionSettings {
  return {
    idleSeconds: config.SESSION_IDLE_MINUTES * 60,
    absoluteSeconds: config.SESSION_MAX_HOURS * 3600,
    secureCookie: options.secureCookie,
  };
}
