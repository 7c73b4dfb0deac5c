import * as z from 'zod';
import { freeText, lineText } from './free-text.ts';
import { ENTITY_TYPES } from './registry-options.ts';

/**
 * What the checker reads: the submission document's fields (api.md names), every one optional,
 * because a check can run on a bare text. Unknown fields are kept (more are fine); values of the
 * wrong type are rejected with their JSON path.
 */
const area = z.looseObject({ covered: z.boolean(), reason: freeText().max(2000).nullish() });

export const checkOrganisationSchema = z.looseObject({
  name: lineText().max(500).nullish(),
  entityType: z.enum(ENTITY_TYPES).nullish(),
  companyNumber: z.string().max(20).nullish(),
});

export const checkDocumentSchema = z.looseObject({
  jurisdiction: z.string().max(10).nullish(),
  isGroup: z.boolean().nullish(),
  groupMembers: z
    .array(z.looseObject({ name: lineText().max(500), companyNumber: z.string().max(20).nullish() }))
    .max(5000)
    .nullish(),
  statementUrl: z.string().max(1024).nullish(),
  contactEmail: z.string().max(254).nullish(),
  homepageUrl: z.string().max(1024).nullish(),
  periodStart: z.iso.date().nullish(),
  periodEnd: z.iso.date().nullish(),
  approvedBy: z.enum(['board', 'members', 'other']).nullish(),
  approvalDate: z.iso.date().nullish(),
  signatory: z
    .looseObject({
      firstName: lineText().max(100).nullish(),
      lastName: lineText().max(100).nullish(),
      jobTitle: lineText().max(100).nullish(),
      role: z.enum(['director', 'designated_member', 'general_partner', 'partner', 'other']).nullish(),
    })
    .nullish(),
  areas: z
    .looseObject({
      structure: area.nullish(),
      policies: area.nullish(),
      riskAssessment: area.nullish(),
      dueDiligence: area.nullish(),
      training: area.nullish(),
      kpis: area.nullish(),
    })
    .nullish(),
  sectors: z.array(z.string()).nullish(),
  turnover: z.string().nullish(),
  yearsProducing: z.string().nullish(),
  summary: z.looseObject({ risks: z.array(z.unknown()).nullish() }).nullish(),
  statementText: freeText().max(2_000_000).nullish(),
  /** `register check` only: a file beside the JSON holding the statement. */
  statementFile: z.string().max(1024).nullish(),
  organisation: checkOrganisationSchema.nullish(),
  /** When the statement was submitted (stored revisions); the check uses the clock otherwise. */
  submittedAt: z.iso.datetime().nullish(),
});

export type CheckDocument = z.infer<typeof checkDocumentSchema>;
export type CheckOrganisation = z.infer<typeof checkOrganisationSchema>;

/** One of the organisation's earlier statements, as the history-dependent rules need it. */
export const earlierStatementSchema = z.object({
  statementId: z.string(),
  year: z.number().int(),
  periodEnd: z.iso.date().nullish(),
  statementUrl: z.string().nullish(),
  /** The earlier statement's text, for uk-not-copied (when the register holds it). */
  text: z.string().nullish(),
});
export type EarlierStatement = z.infer<typeof earlierStatementSchema>;
