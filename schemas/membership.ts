import * as z from 'zod';
import { idSchema, timestampSchema } from './common.ts';
import { organisationSchema } from './organisation.ts';
import { userSchema } from './user.ts';

/** A user may act for an organisation: made when they redeem its enrolment code. */
export const membershipSchema = z.object({
  userId: z.string().min(1),
  email: z.email(),
  organisationId: idSchema,
  organisationName: z.string(),
  role: z.literal('submitter'),
  createdAt: timestampSchema,
});

/** An enrolment code's stored record (only the code's SHA-256 is kept). */
export const enrolmentCodeRecordSchema = z.object({
  organisationId: idSchema,
  codeExpiresAt: timestampSchema,
  createdAt: timestampSchema,
  createdBy: z.string(),
  usedAt: timestampSchema.optional(),
  usedBy: z.string().optional(),
});

export const enrolmentBodySchema = z
  .object({
    code: z
      .string({ message: 'Enter the enrolment code' })
      .trim()
      .min(1, 'Enter the enrolment code')
      .max(64, 'The enrolment code is too long'),
  })
  .meta({ id: 'Enrolment' });

export const enrolmentResultSchema = z
  .object({ organisationId: idSchema, organisationName: z.string() })
  .meta({ id: 'EnrolmentResult' });

export const meSchema = z
  .object({
    user: userSchema,
    organisations: z.array(organisationSchema),
  })
  .meta({ id: 'Me' });

export type Membership = z.infer<typeof membershipSchema>;
export type EnrolmentCodeRecord = z.infer<typeof enrolmentCodeRecordSchema>;
