import type {
  CheckedSentence,
  CheckResult,
  Finding,
  RuleId,
  SentenceTag,
} from '../../schemas/check-result.ts';
import { forBareDocument, withDefaultAdvice } from './rules/advice.ts';
import { certaintyOf } from './rules/areas.ts';
import {
  actionsNotPromises,
  kpisMeasurable,
  machineReadable,
  notBoilerplate,
  notCopied,
  remediation,
} from './rules/best-practice.ts';
import { type CheckInput, hasFormFields, type Rule, type RuleContext, wordCountOf } from './rules/context.ts';
import { entityTypeFromText } from './rules/entity-from-text.ts';
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
import { AREA_RULES, summarise } from './summary.ts';
import type { Tagger } from './tagger/model.ts';
import { detectLanguage } from './text/language.ts';

export { summarise };

/**
 * The version of the rules and the tagger together. Bump it whenever a rule, the tagger model or
 * the summary formula changes: stored results with an older version are recomputed by
 * `npm run recheck`.
 */
export const RULES_VERSION = '2026.8';

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

/** Rules decided from the text alone (their confidence is the checker's, not a fact of the input). */
const TEXT_RULES = new Set<RuleId>([
  'uk-steps-or-none',
  'uk-approval',
  'uk-signature',
  ...AREA_RULES,
  'uk-risks-identified',
  'uk-kpis-measurable',
  'uk-remediation',
  'uk-actions-not-promises',
]);

/** How far a text rule without its own estimate is trusted (regular wording rules, not the model). */
const TEXT_RULE_CONFIDENCE = 0.85;

/** Every finding gets a confidence and a certainty; a rule that knows better set its own. */
export function withCertainty(f: Finding): Finding {
  const confidence = f.confidence ?? (TEXT_RULES.has(f.rule) ? TEXT_RULE_CONFIDENCE : 1);
  return { ...f, confidence, certainty: f.certainty ?? certaintyOf(confidence) };
}

/** Tags every sentence, runs every rule, and summarises: pure, given the tagger and the inputs. */
export function checkStatement(input: CheckInput, tagger: Tagger): CheckResult {
  const plain = input.extraction.sentences;
  // The tagger reads a heading with the first sentence under it, as AIMS's annotators saw it.
  const forTagger = plain.map((s, i) => ({
    text: s.heading && plain[i - 1]?.heading !== s.heading ? `${s.heading} ${s.text}` : s.text,
    heading: s.heading,
  }));
  const { tags, scores } = !forTagger.length
    ? { tags: [], scores: [] }
    : (tagger.analyse?.(forTagger) ?? { tags: tagger.tag(forTagger), scores: tagger.scores(forTagger) });
  const sentences: CheckedSentence[] = plain.map((s, i) => ({
    text: s.text,
    tags: tags[i] ?? [],
    ...(s.heading ? { heading: s.heading } : {}),
    ...(s.headingPath && s.headingPath.length > 1 ? { headingPath: s.headingPath } : {}),
    ...(s.unit && s.unit !== 'sentence' ? { unit: s.unit } : {}),
    ...(s.page !== undefined ? { page: s.page } : {}),
  }));
  const byTag = new Map<SentenceTag, number[]>();
  sentences.forEach((s, i) => {
    for (const tag of s.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), i]);
  });
  const running = plain
    .filter((s) => s.unit !== 'table_row')
    .map((s) => s.text)
    .join(' ');
  const entityType = input.organisation?.entityType ?? input.document.organisation?.entityType ?? undefined;
  const context: RuleContext = {
    ...input,
    sentences,
    byTag,
    scores: scores.length === sentences.length ? scores : undefined,
    entityType,
    signingEntityType: entityType ?? entityTypeFromText(sentences),
    wordCount: wordCountOf(plain),
    language: detectLanguage(running).language,
    formGiven: hasFormFields(input.document),
  };
  const findings = RULES.map((rule) =>
    withCertainty(forBareDocument(withDefaultAdvice(rule(context), context), context)),
  );
  return { rulesVersion: RULES_VERSION, summary: summarise(findings), findings, sentences };
}
