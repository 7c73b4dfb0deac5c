import * as z from 'zod';

/** The signed-in person, from a verified token (Cognito in AWS, the development issuer locally). */
export const userSchema = z.object({
  id: z.string().min(1),
  email: z.email(),
  isOfficer: z.boolean(),
  /** The identity provider has confirmed the person controls the email address (`email_verified`).
   * Enrolment (a code, or adding one's own organisation) needs it. */
  emailVerified: z.boolean().optional(),
});

export type User = z.infer<typeof userSchema>;
