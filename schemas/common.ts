import * as z from 'zod';

/** Opaque ids: ULIDs (26 Crockford base32 characters). */
export const idSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a register id');

/** A real calendar date written YYYY-MM-DD. */
export const isoDateSchema = z.iso.date({ message: 'must be a real date written YYYY-MM-DD' });

export const timestampSchema = z.iso.datetime();

/** A company number as Companies House writes it: 8 characters, digits or a two-letter prefix. */
export const companyNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(?:\d{8}|[A-Z]{2}\d{6})$/, 'must be a company number such as 01234567 or SC123456');

export const paginationQuerySchema = z.object({
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
