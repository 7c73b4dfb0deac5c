import * as z from 'zod';
import { SECTORS } from './registry-options.ts';

/** Every rating, `not_determined` (the checker could not read the statement) last. */
export const RATINGS_IN_ORDER = ['strong', 'adequate', 'weak', 'non_compliant', 'not_determined'] as const;

const fraction = z.number().min(0).max(1).nullable();

export const sectorStatisticsSchema = z.object({
  sector: z.enum(SECTORS),
  statements: z.number().int(),
  checked: z.number().int(),
  /** Mean number of the six s54(5) areas the check found covered, over checked statements. */
  averageAreasCovered: z.number().nullable(),
  shareMeetingLegalMinimum: fraction,
});

export const yearStatisticsSchema = z.object({
  year: z.number().int(),
  statements: z.number().int(),
  checked: z.number().int(),
  meetsLegalMinimum: z.number().int(),
  doesNotMeetLegalMinimum: z.number().int(),
  undetermined: z.number().int(),
  /** Of the checked statements, the share that meets the legal minimum (null before any check). */
  shareMeetingLegalMinimum: fraction,
  averageAreasCovered: z.number().nullable(),
  ratings: z.object({
    strong: z.number().int(),
    adequate: z.number().int(),
    weak: z.number().int(),
    non_compliant: z.number().int(),
    /** Checked, but the checker could not read the statement well enough to rate it. */
    not_determined: z.number().int(),
  }),
  sectors: z.array(sectorStatisticsSchema),
});

export const registerStatisticsSchema = z
  .object({ years: z.array(yearStatisticsSchema) })
  .meta({ id: 'RegisterStatistics' });

export type RegisterStatistics = z.infer<typeof registerStatisticsSchema>;
export type YearStatistics = z.infer<typeof yearStatisticsSchema>;
