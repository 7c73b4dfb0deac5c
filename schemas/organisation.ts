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

/** Who the register writes to about the organisation's statements (officers' letters and notices). */
export const contactNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter the contact’s name')
  .max(200, 'The contact’s name must be 200 characters or fewer');
export const contactEmailSchema = z
  .email({ message: 'Enter an email address in the correct format, like name@example.com' })
  .max(254, 'The email address must be 254 characters or fewer');

/** A registered address, as the GOV.UK address pattern asks for it. */
export const registeredAddressSchema = z.object({
  addressLine1: z
    .string()
    .trim()
    .min(1, 'Enter address line 1, typically the building and street')
    .max(100, 'Address line 1 must be 100 characters or fewer'),
  addressLine2: z.string().trim().max(100, 'Address line 2 must be 100 characters or fewer').optional(),
  town: z
    .string()
    .trim()
    .min(1, 'Enter the town or city')
    .max(100, 'The town or city must be 100 characters or fewer'),
  postcode: z
    .string()
    .trim()
    .min(1, 'Enter the postcode')
    .max(16, 'The postcode must be 16 characters or fewer'),
});

export const newOrganisationSchema = z.object({
  name: z.string().trim().min(1, 'enter the organisation name').max(250),
  companyNumber: companyNumberSchema.optional(),
  entityType: entityTypeSchema,
  financialYearEnd: financialYearEndSchema,
  turnover: turnoverSchema.optional(),
  inScope: z.boolean().default(true),
  /** Who the register writes to, and where (officers' letters and notices); officers only see them. */
  contactName: contactNameSchema.optional(),
  contactEmail: contactEmailSchema.optional(),
  registeredAddress: registeredAddressSchema.optional(),
});

/**
 * A business adds its own organisation (POST /api/v1/me/organisations): it may draft at once;
 * its statements can be submitted once an officer verifies it or the business enters the
 * enrolment code posted to the registered address.
 */
export const ownOrganisationSchema = newOrganisationSchema
  .omit({ inScope: true })
  .extend({
    charityNumber: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^(?:\d{6,8}|SC\d{6})$/, 'must be a charity number such as 1123456 or SC012345')
      .optional(),
    registeredAddress: registeredAddressSchema,
  })
  .meta({ id: 'OwnOrganisation' });

export const organisationSchema = newOrganisationSchema.extend({
  id: idSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  charityNumber: z.string().optional(),
  /** Added by a business itself and not yet verified (absent: added by an officer, or verified). */
  verification: z.enum(['pending', 'verified']).optional(),
  verifiedAt: timestampSchema.optional(),
  addedBy: z.string().optional(),
});

export const addedOwnOrganisationSchema = z
  .object({ id: idSchema, verification: z.literal('pending') })
  .meta({ id: 'AddedOwnOrganisation' });

/**
 * POST /api/v1/organisations answers the enrolment code this once; only its hash is stored. A retry
 * with the same Idempotency-Key answers the same organisation with `enrolmentCode: null`: the code
 * is never kept in the idempotency record (issue a further code if the first answer was lost).
 */
export const createdOrganisationSchema = z
  .object({
    id: idSchema,
    enrolmentCode: z.string().nullable().meta({
      description:
        'Shown in the first answer only; null when the answer is an Idempotency-Key replay (issue a further code if it was lost).',
    }),
    enrolmentCodeExpiresAt: timestampSchema,
  })
  .meta({ id: 'CreatedOrganisation' });

export type NewOrganisation = z.infer<typeof newOrganisationSchema>;
export type Organisation = z.infer<typeof organisationSchema>;
export type OwnOrganisation = z.infer<typeof ownOrganisationSchema>;
export type RegisteredAddress = z.infer<typeof registeredAddressSchema>;
