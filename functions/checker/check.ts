import type {
  CheckedSentence,
  CheckResult,
  Finding,
  RuleId,
  SentenceTag,
} from '../../schemas/check-result.ts';
import type { CheckSummary, Rating } from '../../schemas/statement-summary.ts';
import {
  actionsNotPromises,
  kpisMeasurable,
  machineReadable,
  notBoilerplate,
  notCopied,
  remediation,
} from './rules/best-practice.ts';
import type { CheckInput, Rule, RuleContext } from './rules/context.ts';
import {
  approvalDate,
  areaRules,
  declaredMatchesText,
  groupMembersNamed,
  onTime,
  period,
  previousOnline,
  risksIdentified,
} from './rules/guidance.ts';
import {
  approval,
  homepageLink,
  inScope,
  published,
  signature,
  statementForYear,
  stepsOrNone,
} from './rules/legal.ts';
import type { Tagger } from './tagger/model.ts';

/**
 * The version of the rules and the tagger together. Bump it whenever a rule, the tagger model or
 * the summary formula changes: stored results with an older version are recomputed by
 * `npm run recheck`.
 */
export const RULES_VERSION = '2026.2';

/** Every rule, in the catalogue's order (rules.md). */
export const RULES: Rule[] = [
  inScope,
  statementForYear,
  stepsOrNone,
  approval,
  signature,
  published,
  homepageLink,
  period,
  onTime,
  approvalDate,
  groupMembersNamed,
  ...areaRules,
  declaredMatchesText,
  risksIdentified,
  previousOnline,
  kpisMeasurable,
  remediation,
  notCopied,
  notBoilerplate,
  actionsNotPromises,
  machineReadable,
];

const AREA_RULES: RuleId[] = [
  'uk-area-structure',
  'uk-area-policies',
  'uk-area-due-diligence',
  'uk-area-risk',
  'uk-area-effectiveness',
  'uk-area-training',
];

/**
 * The summary (README, "The checker"):
 * - meetsLegalMinimum: false when an applicable legal rule fails; true when every applicable
 *   legal rule passes (warn counts as pass); null otherwise (some could not be determined).
 * - areasCovered: how many of the six area rules pass.
 * - rating: non_compliant when the legal minimum is not met; weak when three or more areas are
 *   missing, no risks are identified, or it is a copy (of the organisation's earlier statement
 *   or of another's); strong when the legal minimum is met, all six areas are covered, risks are
 *   identified, and at least two of the three quality rules (measurable KPIs, remediation,
 *   actions not promises) pass; adequate otherwise.
 */
export function summarise(findings: readonly Finding[]): CheckSummary {
  const status = (rule: RuleId) => findings.find((f) => f.rule === rule)?.status;
  const legal = findings.filter((f) => f.severity === 'legal' && f.status !== 'not_applicable');
  const meetsLegalMinimum = legal.some((f) => f.status === 'fail')
    ? false
    : legal.every((f) => f.status === 'pass' || f.status === 'warn')
      ? true
      : null;
  const areasCovered = AREA_RULES.filter((rule) => status(rule) === 'pass').length;
  const copied =
    status('uk-not-copied') === 'fail' ||
    (status('uk-not-boilerplate') === 'fail' &&
      findings.find((f) => f.rule === 'uk-not-boilerplate')?.message.startsWith('A near-copy'));
  const quality = (['uk-kpis-measurable', 'uk-remediation', 'uk-actions-not-promises'] as const).filter(
    (r) => status(r) === 'pass',
  ).length;
  let rating: Rating;
  if (meetsLegalMinimum === false) rating = 'non_compliant';
  else if (6 - areasCovered >= 3 || status('uk-risks-identified') === 'fail' || copied) rating = 'weak';
  else if (
    meetsLegalMinimum === true &&
    areasCovered === 6 &&
    status('uk-risks-identified') === 'pass' &&
    quality >= 2
  )
    rating = 'strong';
  else rating = 'adequate';
  return { meetsLegalMinimum, areasCovered, rating };
}

/** Tags every sentence, runs every rule, and summarises: pure, given the tagger and the inputs. */
export function checkStatement(input: CheckInput, tagger: Tagger): CheckResult {
  const plain = input.extraction.sentences;
  // The tagger reads a heading with the first sentence under it, as AIMS's annotators saw it.
  const forTagger = plain.map((s, i) => ({
    text: s.heading && plain[i - 1]?.heading !== s.heading ? `${s.heading} ${s.text}` : s.text,
    heading: s.heading,
  }));
  const tags = forTagger.length ? tagger.tag(forTagger) : [];
  const sentences: CheckedSentence[] = plain.map((s, i) => ({
    text: s.text,
    tags: tags[i] ?? [],
    ...(s.heading ? { heading: s.heading } : {}),
    ...(s.page !== undefined ? { page: s.page } : {}),
  }));
  const byTag = new Map<SentenceTag, number[]>();
  sentences.forEach((s, i) => {
    for (const tag of s.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), i]);
  });
  const context: RuleContext = {
    ...input,
    sentences,
    byTag,
    entityType: input.organisation?.entityType ?? input.document.organisation?.entityType ?? undefined,
    wordCount: plain.reduce((n, s) => n + (s.text.match(/\S+/g) ?? []).length, 0),
  };
  const findings = RULES.map((rule) => rule(context));
  return { rulesVersion: RULES_VERSION, summary: summarise(findings), findings, sentences };
}
