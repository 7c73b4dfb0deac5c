import type { SentenceTag } from '../../../schemas/check-result.ts';

/** The AIMS labels the model predicts (criteria.md). */
export const AIMS_LABELS = [
  'approval',
  'signature',
  'c1_reporting_entity',
  'c2_structure',
  'c2_operations',
  'c2_supply_chains',
  'c3_risk_description',
  'c4_risk_mitigation',
  'c4_remediation',
  'c5_effectiveness',
  'c6_consultation',
] as const;
export type AimsLabel = (typeof AIMS_LABELS)[number];

/** The nine labels shared by every jurisdiction: the headline mean F1 is over these. */
export const SHARED_LABELS = [
  'approval',
  'signature',
  'c2_structure',
  'c2_operations',
  'c2_supply_chains',
  'c3_risk_description',
  'c4_risk_mitigation',
  'c4_remediation',
  'c5_effectiveness',
] as const satisfies readonly AimsLabel[];

/** How the project's tags map to AIMS labels (criteria.md). */
export const TAG_TO_AIMS: Record<SentenceTag, AimsLabel> = {
  approval: 'approval',
  signature: 'signature',
  reporting_entity: 'c1_reporting_entity',
  structure: 'c2_structure',
  operations: 'c2_operations',
  supply_chains: 'c2_supply_chains',
  risk: 'c3_risk_description',
  policies: 'c4_risk_mitigation',
  due_diligence: 'c4_risk_mitigation',
  training: 'c4_risk_mitigation',
  remediation: 'c4_remediation',
  effectiveness: 'c5_effectiveness',
  consultation: 'c6_consultation',
};

export function aimsLabelsOf(tags: readonly SentenceTag[]): AimsLabel[] {
  return [...new Set(tags.map((tag) => TAG_TO_AIMS[tag]))];
}
