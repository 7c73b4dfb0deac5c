import type { SentenceTag } from '../../../schemas/check-result.ts';

/**
 * The model predicts AIMS's c4_risk_mitigation as one label; the project's tags split it into
 * policies, due_diligence and training (criteria.md). Which of the three is decided by these
 * lexicons; a mitigation sentence that matches none is due diligence (an action on risk).
 */
const POLICY =
  /\b(polic(y|ies)|code of (business )?(conduct|ethics|practice)|standards?|contract(s|ual)? (terms?|clauses?)|clauses?|terms and conditions|charter|principles|commitment)\b/i;
/**
 * A workshop held for people ("a workshop on forced labour", "we ran two workshops"), not a
 * workshop that is a workplace ("garment workshops in Dhaka").
 */
export const HELD_WORKSHOP =
  /workshops?(?= (on|for|about|with|led|run|delivered|held)\b)|(attended|held|ran|run|delivered|hosted|organised|joined) (an? |our |the |\w+ )?workshops?/
    .source;
/**
 * Educating people ("we educated our buyers", "education on forced labour"), not education as a
 * sector, an institution or a trade ("higher education", "education agents", "an education
 * corporation").
 */
export const EDUCATING =
  /educat(e|ed|es|ing)|(?<!(higher|further|primary|secondary|tertiary|private|international|adult|school|university) )education(?! (agents?|agenc(y|ies)|sector|institutions?|providers?|corporations?|establishments?|colleges?|authorit(y|ies)|bod(y|ies)|services?|system|trusts?|fairs?|market|funding|department)\b)/
    .source;
/**
 * Training as a charge on workers ("training bonds", "training fees" repaid to an employer) is a
 * recruitment-fee practice, not training given: the word is training only when no such noun
 * follows it.
 */
export const NOT_A_CHARGE =
  /(?!["'’”]? (bonds?|fees?|costs?|repayments?|repayment agreements?|debts?|deductions?|loans?|charges?)\b)/
    .source;
const TRAINING = new RegExp(
  `\\b(train(ing|ed|s)?\\b${NOT_A_CHARGE}|e-?learning|awareness|${HELD_WORKSHOP}|induction|${EDUCATING}|webinars?|toolkits?)\\b`,
  'i',
);
const DUE_DILIGENCE =
  /\b(due diligence|audit(s|ed|ing)?|assess(ed|es|ing|ments?)?|screen(ed|ing|s)?|questionnaires?|monitor(ed|ing|s)?|risk[- ]based|engage(d|ment|s)?|onboard(ed|ing)?|verif(y|ied|ication)|inspect(ed|ions?)?|reviews?|reviewed|survey(ed|s)?|investigat\w+|mapp(ed|ing)|traceab\w+|certif\w+|due-diligence)\b/i;

export function mitigationTags(text: string): SentenceTag[] {
  const tags: SentenceTag[] = [];
  if (POLICY.test(text)) tags.push('policies');
  if (TRAINING.test(text)) tags.push('training');
  if (DUE_DILIGENCE.test(text) || tags.length === 0) tags.push('due_diligence');
  return tags;
}

/**
 * A sentence about modern-slavery training is a training sentence even where the model missed
 * the mitigation label (the training rule and WikiRate's metric look for exactly this).
 */
const TRAINING_STRONG = new RegExp(
  String.raw`\b(train(ing|ed)?\b${NOT_A_CHARGE}|e-?learning|awareness (sessions?|programmes?|programs?|raising|campaigns?))\b.*\b(slavery|trafficking|forced labou?r|child labou?r|exploitation|ethical|human rights|staff|employees|colleagues|buyers|procurement|suppliers|managers)\b|\b(slavery|trafficking|forced labou?r)\b.*\btrain(ing|ed)\b${NOT_A_CHARGE}`,
  'i',
);

export function isTrainingSentence(text: string): boolean {
  return TRAINING_STRONG.test(text);
}
