/**
 * The UK government registry's option lists, verbatim (uk-registry-fields.md). The API's values
 * are exactly these labels, so our open data joins with the government's.
 */
export const SECTORS = [
  'Public sector',
  'Automotive, machinery and heavy electrical equipment',
  'Charitable / not-for-profit activities',
  'Cleaning and security services',
  'Construction, civil engineering and building products',
  'Consumer services, including accommodation, hospitality, tourism and leisure',
  'Cosmetics and toiletries',
  'Defence and aerospace',
  'Durable consumer goods, including electronics and appliances, home furnishings and other accessories',
  'Education and research',
  'Fashion, textiles, apparel and luxury goods',
  'Financial, insurance and real estate activities',
  'Food and beverages, agriculture and fishing',
  'Forestry, timber products, paper and containers and packaging',
  'Healthcare and pharmaceuticals',
  'Information technology and telecommunication',
  'Media, publishing, arts and entertainment',
  'Mining, metals, chemicals and resources (including oil and gas)',
  'Professional and administrative services and supplies, including legal, consulting and accounting services',
  'Transportation, logistics, and storage',
  'Utilities: gas, water and electricity',
  'Waste management and recycling',
  'Other',
] as const;

export const TURNOVER_BANDS = [
  'Not provided',
  'Under £36 million',
  '£36 million to £60 million',
  '£60 million to £100 million',
  '£100 million to £500 million',
  'Over £500 million',
] as const;

export const YEARS_PRODUCING = [
  'Not provided',
  'This is the first time',
  '1 to 5 years',
  'More than 5 years',
] as const;

export const POLICY_OPTIONS = [
  'Freedom of workers to terminate employment',
  'Freedom of movement',
  'Freedom of association',
  'Prohibits any threat of violence, harassment and intimidation',
  'Prohibits the use of worker-paid recruitment fees',
  'Prohibits compulsory overtime',
  'Prohibits child labour',
  'Prohibits discrimination',
  "Prohibits confiscation of workers' original identification documents",
  'Provides access to remedy, compensation and justice for victims of modern slavery',
  'Other',
  'None',
] as const;

export const TRAINING_OPTIONS = [
  'Your whole organisation',
  'Your front line staff',
  'Human resources',
  'Executive-level staff',
  'Procurement staff',
  'Your suppliers',
  'The wider community',
  'Other',
  'None',
] as const;

export const ENGAGEMENT_OPTIONS = [
  'Your suppliers',
  'Trade unions or worker representative groups',
  'Civil society organisations',
  'Professional auditors',
  'Workers within your organisation',
  'Workers within your supply chain',
  'Central or local government',
  'Law enforcement, such as police, GLAA and other local labour market inspectorates',
  'Businesses in your industry or sector',
  'None',
] as const;

export const AUDIT_OPTIONS = [
  'Audit conducted by your staff',
  'Third party audit arranged by your organisation',
  "Audit conducted by your supplier's staff",
  'Third party audit arranged by your supplier',
  'Announced audit',
  'Unannounced audit',
  'None',
] as const;

export const GRIEVANCE_OPTIONS = [
  'Using anonymous whistleblowing services, such as a helpline or mobile phone app',
  'Through trade unions or other worker representative groups',
  'None',
] as const;

export const RISK_LOCATIONS = ['Within your own operations', 'Within your supply chains', 'Other'] as const;

export const RISK_TIERS = [
  'Tier 1 suppliers',
  'Tier 2 suppliers',
  'Tier 3 suppliers and below',
  "Don't know",
] as const;

export const RISK_GROUPS = ['Women', 'Migrants', 'Refugees', 'Children', 'Other vulnerable groups'] as const;

export const ILO_INDICATORS = [
  'Abuse of vulnerability',
  'Deception',
  'Restriction of movement',
  'Isolation',
  'Physical and sexual violence',
  'Intimidation and threats',
  'Retention of identity documents',
  'Withholding of wages',
  'Debt bondage',
  'Abusive working and living conditions',
  'Excessive overtime',
  'Other',
  'None',
] as const;

export const REMEDIATION_OPTIONS = [
  'Financial remediation, including repayment of recruitment fees',
  'Change in policy',
  'Change in training',
  'Referring potential victims to government services',
  'Supporting victims via NGO',
  'Supporting investigations by relevant authorities',
  'Other',
  'None',
] as const;

export const OUT_OF_SCOPE_REASONS = [
  'Its turnover or budget is less than £36 million per year',
  'It does not provide goods or services',
  'It does not have a business presence in the UK',
  'It is in administration or liquidation, has closed or is dormant, or has merged with another organisation',
  'Other',
] as const;

/** The six s54(5) areas, in the registry's order, with the registry's question wording. */
export const AREAS = {
  structure: "Your organisation's structure, business and supply chains",
  policies: 'Policies',
  riskAssessment: 'Risk assessment',
  dueDiligence: 'Due diligence (steps to address risk)',
  training: 'Training about modern slavery',
  kpis: 'Goals and key performance indicators (KPIs) to measure the effectiveness of your actions and progress over time',
} as const;

export const AREA_KEYS = Object.keys(AREAS) as (keyof typeof AREAS)[];

export const ENTITY_TYPES = [
  'company',
  'llp',
  'limited_partnership',
  'partnership',
  'other_body_corporate',
  'charity',
  'public_body',
  'other',
] as const;

/** How people read each entity type (forms and pages; the API keeps the codes). */
export const ENTITY_TYPE_LABELS: Record<(typeof ENTITY_TYPES)[number], string> = {
  company: 'Company',
  llp: 'Limited liability partnership (LLP)',
  limited_partnership: 'Limited partnership',
  partnership: 'Partnership',
  other_body_corporate: 'Other body corporate',
  charity: 'Charity',
  public_body: 'Public body',
  other: 'Other',
};
