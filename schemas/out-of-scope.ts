import * as z from 'zod';
import { idSchema, timestampSchema } from './common.ts';
import { freeText } from './free-text.ts';
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
    otherReason: freeText()
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
 * disputes it, and the sweep expects a statement again. `accepted`: an officer reviewed it (or
 * withdrew a challenge) and agrees; the sweep does not expect a statement.
 */
export const outOfScopeStatusSchema = z.enum(['declared', 'challenged', 'accepted']);

/** Whether the sweep expects a statement for a year with a declaration in this status. */
export const declarationExcusesYear = (status: OutOfScopeStatus) => status !== 'challenged';

/** One step in a declaration's life, kept in order (who, when, what, with the note). */
export const outOfScopeHistoryEntrySchema = z.object({
  action: z.enum(['declared', 'challenged', 'accepted']),
  at: timestampSchema,
  by: z.string(),
  reason: outOfScopeReasonSchema.optional(),
  otherReason: z.string().optional(),
  note: z.string().optional(),
});

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
    /** The latest challenge (kept when it is later accepted; see history). */
    challenge: z.object({ note: z.string(), by: z.string(), at: timestampSchema }).optional(),
    /** Every declaration, challenge and acceptance, oldest first. */
    history: z.array(outOfScopeHistoryEntrySchema).default([]),
  })
  .meta({ id: 'OutOfScopeDeclaration' });

export const challengeBodySchema = z
  .object({
    note: freeText().trim().min(1, 'Enter a note').max(2000, 'The note must be 2,000 characters or fewer'),
  })
  .meta({ id: 'OutOfScopeChallenge' });

/** An officer's decision on a declaration: accept it (or withdraw their challenge), with a note. */
export const acceptBodySchema = challengeBodySchema.meta({ id: 'OutOfScopeAcceptance' });

export type OutOfScopeDeclarationBody = z.infer<typeof outOfScopeDeclarationBodySchema>;
export type OutOfScopeDeclaration = z.infer<typeof outOfScopeDeclarationSchema>;
export type OutOfScopeStatus = z.infer<typeof outOfScopeStatusSchema>;
export type OutOfScopeHistoryEntry = z.infer<typeof outOfScopeHistoryEntrySchema>;
