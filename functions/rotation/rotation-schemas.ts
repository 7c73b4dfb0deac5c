import * as z from 'zod';
import { readEnvironment } from '../config.ts';

/** What Secrets Manager sends the rotation function, once per step (RotationToken and others ignored). */
export const rotationEventSchema = z.object({
  Step: z.enum(['createSecret', 'setSecret', 'testSecret', 'finishSecret']),
  /** The secret's ARN. */
  SecretId: z.string().min(1),
  /** The id of the version being rotated to (AWSPENDING until finishSecret). */
  ClientRequestToken: z.string().min(1),
});

export type RotationEvent = z.infer<typeof rotationEventSchema>;
export type RotationStep = RotationEvent['Step'];

/**
 * The rotation function's environment (infra/register-stack.ts), read once at cold start: the
 * distribution whose API origin carries the secret header, that origin, and the functions whose
 * edge gate checks it (functions/app/edge.ts).
 */
export const rotationSettingsSchema = z
  .object({
    ORIGIN_DISTRIBUTION_ID: z.string().min(1),
    ORIGIN_ID: z.string().min(1),
    /** Comma-separated names of the gated functions (api, check). */
    GATED_FUNCTION_NAMES: z
      .string()
      .transform((names) =>
        names
          .split(',')
          .map((name) => name.trim())
          .filter((name) => name.length > 0),
      )
      .pipe(z.array(z.string()).min(1)),
    AWS_REGION: z.string().min(1).default('us-east-1'),
  })
  .transform((env) => ({
    distributionId: env.ORIGIN_DISTRIBUTION_ID,
    originId: env.ORIGIN_ID,
    functionNames: env.GATED_FUNCTION_NAMES,
    region: env.AWS_REGION,
  }));

export type RotationSettings = z.output<typeof rotationSettingsSchema>;

export function readRotationSettings(env: Record<string, string | undefined>): RotationSettings {
  return readEnvironment(rotationSettingsSchema, env, 'rotation configuration');
}
