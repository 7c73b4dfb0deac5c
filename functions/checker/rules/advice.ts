import type { Advice, Finding, RuleId } from '../../../schemas/check-result.ts';
import { withAdvice } from './areas.ts';
import { type RuleContext, textUnusable } from './context.ts';
import { requiredSignatory } from './legal.ts';

/**
 * Advice for the text rules that do not write their own: what was looked for, where, and what
 * would satisfy the rule. Given to failing, warning and unclear findings only, and only where the
 * text could be read (an unreadable or non-English text gets the reason and what to do instead).
 */
const ADVICE: Partial<Record<RuleId, (c: RuleContext) => Advice>> = {
  'uk-approval': (c) => ({
    lookedFor:
      c.signingEntityType === 'llp'
        ? 'a sentence saying the members of the LLP approved the statement'
        : 'a sentence saying the board of directors (or the equivalent governing body) approved the statement',
    searchedIn: 'the whole statement, especially its last section and its sign-off',
    howToSatisfy:
      c.signingEntityType === 'llp'
        ? 'Add, for instance: “This statement was approved by the members of <name> LLP on <date>.”'
        : 'Add, for instance: “This statement was approved by the Board of Directors of <company> on <date>.” A committee, an executive or “on behalf of the board” does not count.',
  }),
  'uk-signature': (c) => ({
    lookedFor: `a sign-off naming the person who signed and their role (${requiredSignatory(c).name})`,
    searchedIn: 'the end of the statement and any sentence saying who signed it',
    howToSatisfy:
      'End the statement with the signatory’s name and role, for instance “Signed: Ann Smith, Director, 15 July 2025”.',
  }),
  'uk-actions-not-promises': () => ({
    lookedFor: 'sentences reporting what was done during the year, against those about plans',
    searchedIn: 'every sentence about policies, due diligence, risk, training, remediation and effectiveness',
    howToSatisfy:
      'Report the steps taken in the year (“we audited 40 suppliers”, “we trained 300 buyers”) and keep plans to a separate, shorter part.',
  }),
  'uk-approval-date': () => ({
    lookedFor: 'the date of the board’s approval',
    searchedIn: 'the approval sentence and the sign-off',
    howToSatisfy: 'Give the date, for instance “approved by the Board on 15 July 2025”.',
  }),
  'uk-steps-or-none': () => ({
    lookedFor:
      'steps taken against slavery and human trafficking in the supply chains and the business, or a plain statement that none were taken',
    searchedIn: 'the whole statement',
    howToSatisfy:
      'Describe the steps taken during the year (policies, supplier checks, training), or say plainly that the organisation has taken no such steps.',
  }),
};

export function withDefaultAdvice(f: Finding, c: RuleContext): Finding {
  if (f.advice) return f;
  const advise = ADVICE[f.rule];
  const needed = f.status === 'fail' || f.status === 'warn' || f.certainty === 'unclear';
  if (!advise || !needed || !c.sentences.length || textUnusable(c)) return f;
  return withAdvice(f, advise(c));
}

/**
 * On a bare document (no submission fields) the rules that need the submission cannot run: they
 * say so in terms of the document, not of fields that were never asked for.
 */
const BARE: Partial<Record<RuleId, string>> = {
  'uk-in-scope':
    'Whether section 54 applies cannot be decided from the document alone (the organisation’s type and turnover are not known).',
  'uk-published':
    'Where the statement is published is not known from the document alone, so this was not checked.',
  'uk-homepage-link':
    'The organisation’s homepage is not known from the document alone, so its link to the statement was not checked.',
  'uk-period': 'The period the statement covers is not known from the document alone, so it was not checked.',
  'uk-on-time': 'The end of the period is not known from the document alone, so the deadline is not known.',
};

export function forBareDocument(f: Finding, c: RuleContext): Finding {
  if (c.formGiven || f.status !== 'unknown') return f;
  const message = BARE[f.rule];
  if (!message || (f.rule === 'uk-in-scope' && c.entityType)) return f;
  return { ...f, message };
}
