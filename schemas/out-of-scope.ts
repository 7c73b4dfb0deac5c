import * as z from 'zod';
import { idSchema, timestampSchema } from './common.ts';
import { OUT_OF_SCOPE_REASONS } from './registry-options.ts';

export const outOfScopeReasonSchema = z.enum(OUT_OF_SCOPE_REASONS, {
  message: 'Choose a reason from the list',
});

export const OTHER_REASON_MAX = 200;

/** What an organisation's enrolled user declares: out of scope for one reporting year, and why. */
export const outOfScopeDeclarationBodySchema = z
  .object({
    year: z.number().int().min(2016, 'The year must be 2016 or later').max(2100),
    reason: outOfScopeReasonSchema,
    /** Required when the reason is "Other". */
    otherReason: z
      .string()
      .trim()
      .max(OTHER_REASON_MAX, `The reason must be ${OTHER_REASON_MAX} characters or fewer`)
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (value.reason === 'Other' && !value.otherReason) {
      ctx.addIssue({
        code: 'custom',
        path: ['otherReason'],
        message: 'Say why the organisation is out of scope',
      });
    }
    if (value.reason !== 'Other' && value.otherReason) {
      ctx.addIssue({
        code: 'custom',
        path: ['otherReason'],
        message: 'Only give your own reason when you choose "Other"',
      });
    }
  })
  .meta({ id: 'OutOfScopeDeclarationBody' });

/**
 * `declared`: the sweep does not expect a statement for that year. `challenged`: an officer
 * disputes it, and the sweep expects a statement again.
 */
export const outOfScopeStatusSchema = z.enum(['declared', 'challenged']);

export const outOfScopeDeclarationSchema = z
  .object({
    organisationId: idSchema,
    organisationName: z.string(),
    year: z.number().int(),
    reason: outOfScopeReasonSchema,
    otherReason: z.string().optional(),
    status: outOfScopeStatusSchema,
    declaredAt: timestampSchema,
    declaredBy: z.string(),
    challenge: z.object({ note: z.string(), by: z.string(), at: timestampSchema }).optional(),
  })
  .meta({ id: 'OutOfScopeDeclaration' });

export const challengeBodySchema = z
  .object({
    note: z.string().trim().min(1, 'Enter a note').max(2000, 'The note must be 2,000 characters or fewer'),
  })
  .meta({ id: 'OutOfScopeChallenge' });

export type OutOfScopeDeclarationBody = z.infer<typeof outOfScopeDeclarationBodySchema>;
export type OutOfScopeDeclaration = z.infer<typeof outOfScopeDeclarationSchema>;
