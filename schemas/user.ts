import * as z from 'zod';

/** The signed-in person, from a verified token (Cognito in AWS, the development issuer locally). */
export const userSchema = z.object({
  id: z.string().min(1),
  email: z.email(),
  isOfficer: z.boolean(),
});

export type User = z.infer<typeof userSchema>;
