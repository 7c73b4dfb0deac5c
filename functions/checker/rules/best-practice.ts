import type { Evidence } from '../../../schemas/check-result.ts';
import { jaccard, normaliseForComparison, shingles } from '../similarity.ts';
import { finding, matching, quotes, type Rule, tagged, textUnreadable } from './context.ts';

/** Best-practice rules (rules.md). */

const MEASURABLE =
  /\d+(\.\d+)?\s?%|\b\d{1,3}(,\d{3})+\b|\b\d+\s+(suppliers|audits|sites|employees|staff|colleagues|people|cases|reports|factories|assessments|questionnaires|hours|workers|calls|investigations)\b|\b(target|kpis?|key performance indicators?|per ?cent|number of|percentage of|proportion of)\b/i;

export const kpisMeasurable: Rule = (c) => {
  if (textUnreadable(c))
    return finding(
      'uk-kpis-measurable',
      'best_practice',
      'unknown',
      'The statement’s text could not be read.',
    );
  const effectiveness = tagged(c, 'effectiveness');
  const measured = effectiveness.filter((i) => MEASURABLE.test(c.sentences[i]!.text));
  if (measured.length) {
    return finding(
      'uk-kpis-measurable',
      'best_practice',
      'pass',
      'Effectiveness is described with measurable indicators.',
      quotes(c, measured, 3),
    );
  }
  if (effectiveness.length) {
    return finding(
      'uk-kpis-measurable',
      'best_practice',
      'fail',
      'Effectiveness is described without measurable indicators (numbers, percentages or targets).',
      quotes(c, effectiveness, 2),
    );
  }
  return finding(
    'uk-kpis-measurable',
    'best_practice',
    'fail',
    'The statement does not say how the effectiveness of its actions is measured.',
  );
};

const GRIEVANCE =
  /\b(grievance|whistle[- ]?blow\w*|hotline|helpline|speak[- ]?up|report(ing)? (line|channel|concerns?)|ethics line|confidential(ly)? report)\b/i;
const CASE_HANDLING =
  /\b(remed\w+|investigat\w+|victims?|support(ed)? (the )?(worker|victim)|referr?\w* to|corrective action|repay\w*|reimburs\w*|compensat\w*)\b/i;

export const remediation: Rule = (c) => {
  if (textUnreadable(c))
    return finding('uk-remediation', 'best_practice', 'unknown', 'The statement’s text could not be read.');
  const tagged_ = tagged(c, 'remediation');
  const channels = [...new Set([...tagged_, ...matching(c, GRIEVANCE)])].filter((i) =>
    GRIEVANCE.test(c.sentences[i]!.text),
  );
  const handling = [...new Set([...tagged_, ...matching(c, CASE_HANDLING)])].filter((i) =>
    CASE_HANDLING.test(c.sentences[i]!.text),
  );
  if (channels.length && handling.length) {
    return finding(
      'uk-remediation',
      'best_practice',
      'pass',
      'Describes grievance channels and what happens when a case is found.',
      quotes(c, [...new Set([channels[0]!, handling[0]!])], 2),
    );
  }
  if (channels.length || handling.length) {
    const missing = channels.length
      ? 'what happens when a case is found'
      : 'the grievance or whistleblowing channels';
    return finding(
      'uk-remediation',
      'best_practice',
      'warn',
      `Describes part of remediation, but not ${missing}.`,
      quotes(c, [...channels, ...handling], 2),
    );
  }
  return finding(
    'uk-remediation',
    'best_practice',
    'fail',
    'Describes neither grievance channels nor what happens when a case of modern slavery is found.',
  );
};

const organisationNames = (c: Parameters<Rule>[0]) =>
  [c.organisation?.name, ...(c.document.groupMembers ?? []).map((m) => m.name)].filter((n): n is string =>
    Boolean(n),
  );

export const notCopied: Rule = (c) => {
  if (!c.history)
    return finding(
      'uk-not-copied',
      'best_practice',
      'unknown',
      'The organisation’s earlier statements were not available.',
    );
  const previous = [...c.history].filter((h) => h.text?.trim()).sort((a, b) => b.year - a.year)[0];
  if (!previous)
    return finding(
      'uk-not-copied',
      'best_practice',
      'not_applicable',
      'The register holds no earlier statement text for this organisation.',
    );
  if (textUnreadable(c))
    return finding('uk-not-copied', 'best_practice', 'unknown', 'The statement’s text could not be read.');
  const names = organisationNames(c);
  const now = shingles(normaliseForComparison(c.sentences.map((s) => s.text).join(' '), names));
  const then = shingles(normaliseForComparison(previous.text!, names));
  const similarity = jaccard(now, then);
  const evidence: Evidence[] = [
    {
      field: `history.${previous.year}`,
      text: previous.statementId,
      ...(previous.statementUrl ? { url: previous.statementUrl } : {}),
    },
  ];
  const percent = Math.round(similarity * 100);
  if (similarity >= 0.9) {
    return finding(
      'uk-not-copied',
      'best_practice',
      'fail',
      `A near-copy of the ${previous.year} statement (${percent}% the same once dates and names are set aside).`,
      evidence,
    );
  }
  if (similarity >= 0.75) {
    return finding(
      'uk-not-copied',
      'best_practice',
      'warn',
      `Largely the same as the ${previous.year} statement (${percent}% the same once dates and names are set aside).`,
      evidence,
    );
  }
  return finding(
    'uk-not-copied',
    'best_practice',
    'pass',
    `Updated since the ${previous.year} statement (${percent}% the same once dates and names are set aside).`,
    evidence,
  );
};

export const MIN_WORDS = 500;
export const NEAR_COPY = 0.8;

export const notBoilerplate: Rule = (c) => {
  if (textUnreadable(c))
    return finding(
      'uk-not-boilerplate',
      'best_practice',
      'unknown',
      'The statement’s text could not be read.',
    );
  if (c.wordCount < MIN_WORDS) {
    return finding(
      'uk-not-boilerplate',
      'best_practice',
      'fail',
      `The statement has ${c.wordCount} words; a meaningful statement has at least ${MIN_WORDS}.`,
    );
  }
  if (!c.similar) {
    return finding(
      'uk-not-boilerplate',
      'best_practice',
      'unknown',
      `${c.wordCount} words; not compared with other organisations’ statements (the register was not consulted).`,
    );
  }
  const copies = c.similar
    .filter((s) => s.similarity >= NEAR_COPY)
    .sort((a, b) => b.similarity - a.similarity);
  if (copies.length) {
    const top = copies[0]!;
    return finding(
      'uk-not-boilerplate',
      'best_practice',
      'fail',
      `A near-copy of another organisation’s statement${top.organisationName ? ` (${top.organisationName})` : ''}: about ${Math.round(top.similarity * 100)}% the same.`,
      copies.slice(0, 5).map((s) => ({ field: 'statementId', text: s.statementId })),
    );
  }
  return finding(
    'uk-not-boilerplate',
    'best_practice',
    'pass',
    `${c.wordCount} words, and not a near-copy of another organisation’s statement in the register.`,
  );
};

const FUTURE =
  /\b(will|shall|plan(s|ning)? to|intend(s|ing)? to|aim(s|ing)? to|going forward|in the (coming|next) (year|months|period)|next year|over the next|we are (looking|planning|seeking) to|commit(ted)? to (reviewing|developing|introducing|implementing|rolling)|seek to|propose to|would like to)\b/i;
const PAST =
  /\b(have|has|had) (been )?\w+(ed|en|t)\b|\b(we|the company|the group|our \w+) \w+ed\b|\b(completed|conducted|carried out|introduced|launched|rolled out|implemented|trained|audited|assessed|updated|reviewed|published|identified|engaged|issued|delivered|established|appointed|undertook|developed|received|investigated)\b|\bduring (the|this) (year|period)\b|\bin 20\d\d,? we\b/i;

export const actionsNotPromises: Rule = (c) => {
  if (textUnreadable(c))
    return finding(
      'uk-actions-not-promises',
      'best_practice',
      'unknown',
      'The statement’s text could not be read.',
    );
  const content = tagged(c, 'policies', 'due_diligence', 'training', 'remediation', 'effectiveness', 'risk');
  if (!content.length)
    return finding('uk-actions-not-promises', 'best_practice', 'fail', 'The statement reports no actions.');
  const promises = content.filter(
    (i) => FUTURE.test(c.sentences[i]!.text) && !PAST.test(c.sentences[i]!.text),
  );
  const share = promises.length / content.length;
  const percent = Math.round(share * 100);
  if (share > 0.5) {
    return finding(
      'uk-actions-not-promises',
      'best_practice',
      'fail',
      `Most content sentences (${percent}%) are intentions for the future rather than actions taken.`,
      quotes(c, promises, 3),
    );
  }
  return finding(
    'uk-actions-not-promises',
    'best_practice',
    'pass',
    `Most content sentences report actions taken (${percent}% are future intentions).`,
    quotes(
      c,
      content.filter((i) => !promises.includes(i)),
      2,
    ),
  );
};

export const machineReadable: Rule = (c) => {
  const problem = c.extraction.problem;
  if (!problem) {
    const how = c.textGiven
      ? 'The statement was given as text.'
      : c.extraction.kind === 'pdf'
        ? `The PDF has a text layer: its text can be extracted${c.extraction.pages ? ` (${c.extraction.pages} pages)` : ''}.`
        : `The ${c.extraction.kind === 'html' ? 'web page' : 'text file'}’s text can be read.`;
    return finding('uk-machine-readable', 'best_practice', 'pass', how);
  }
  if (problem.reason === 'empty' && c.textGiven)
    return finding('uk-machine-readable', 'best_practice', 'fail', 'No text was given.');
  return finding('uk-machine-readable', 'best_practice', 'fail', problem.message);
};
