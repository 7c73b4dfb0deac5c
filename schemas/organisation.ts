import * as z from 'zod';
import { companyNumberSchema, idSchema, timestampSchema } from './common.ts';
import { ENTITY_TYPES, TURNOVER_BANDS } from './registry-options.ts';

export const entityTypeSchema = z.enum(ENTITY_TYPES);
export const turnoverSchema = z.enum(TURNOVER_BANDS);

/** Month and day a financial year ends, e.g. "03-31"; a real day of the year (29 February allowed). */
export const financialYearEndSchema = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a month and day written MM-DD')
  .refine((value) => {
    const [month, day] = value.split('-').map(Number) as [number, number];
    return day <= new Date(Date.UTC(2024, month, 0)).getUTCDate();
  }, 'must be a real day of the year');

export const newOrganisationSchema = z.object({
  name: z.string().trim().min(1, 'enter the organisation name').max(250),
  companyNumber: companyNumberSchema.optional(),
  entityType: entityTypeSchema,
  financialYearEnd: financialYearEndSchema,
  turnover: turnoverSchema.optional(),
  inScope: z.boolean().default(true),
});

export const organisationSchema = newOrganisationSchema.extend({
  id: idSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

/** POST /api/v1/organisations answers the enrolment code this once; only its hash is stored. */
export const createdOrganisationSchema = z
  .object({ id: idSchema, enrolmentCode: z.string(), enrolmentCodeExpiresAt: timestampSchema })
  .meta({ id: 'CreatedOrganisation' });

export type NewOrganisation = z.infer<typeof newOrganisationSchema>;
export type Organisation = z.infer<typeof organisationSchema>;
