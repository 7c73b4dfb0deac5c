import type { Evidence } from '../../../schemas/check-result.ts';
import { jaccard, normaliseForComparison, shingles } from '../similarity.ts';
import {
  CONFIDENT,
  certaintyOf,
  evidenceFor,
  evidenceStatusOf,
  quoteSupport,
  searchedIn,
  specOf,
  withAdvice,
} from './areas.ts';
import {
  finding,
  matching,
  quotes,
  type Rule,
  tagged,
  textUnusable,
  unreadableFinding,
  unusableFinding,
} from './context.ts';
import { promisedAt } from './modality.ts';
import { isAcknowledgement, isBareHeading, isSignOff, MEASURABLE } from './wording.ts';

/** Best-practice rules (rules.md). */

export const kpisMeasurable: Rule = (c) => {
  const unusable = textUnusable(c);
  if (unusable) return unusableFinding('uk-kpis-measurable', unusable, 'best_practice');
  const ev = evidenceFor(c, 'effectiveness');
  // Tagged sentences the area evidence discounted (another area's activity figures) are not KPIs.
  const pool = [
    ...new Set([...ev.support, ...tagged(c, 'effectiveness').filter((i) => ev.perSentence[i]! >= 0.5)]),
  ];
  const measured = pool.filter((i) => MEASURABLE.test(c.sentences[i]!.text) && !promisedAt(c, i));
  const advice = {
    lookedFor: 'effectiveness sentences or table rows with figures: numbers, percentages, targets',
    searchedIn: searchedIn(ev.sections),
    howToSatisfy:
      'Give indicators with figures for the year and a target, for instance “92% of buyers completed training (target 90%)” or a table of KPIs with this year’s results.',
  };
  if (measured.length) {
    const strongest = Math.max(...measured.map((i) => ev.perSentence[i]!));
    const confidence = Math.round(Math.min(0.95, 0.55 + 0.4 * strongest) * 100) / 100;
    return {
      ...finding(
        'uk-kpis-measurable',
        'best_practice',
        'pass',
        `Effectiveness is described with measurable indicators (${measured.length} sentence${measured.length === 1 ? '' : 's'} or table rows).`,
        quoteSupport(c, measured, 3),
      ),
      confidence,
      certainty: certaintyOf(confidence),
    };
  }
  if (pool.length) {
    return withAdvice(
      {
        ...finding(
          'uk-kpis-measurable',
          'best_practice',
          'fail',
          'Effectiveness is described without measurable indicators (numbers, percentages or targets).',
          quoteSupport(c, pool, 2),
        ),
        confidence: 0.8,
        certainty: 'confident',
      },
      advice,
    );
  }
  if (ev.probability >= 0.25) {
    return withAdvice(
      {
        ...finding(
          'uk-kpis-measurable',
          'best_practice',
          'unknown',
          'Unclear whether effectiveness is measured: the checker found no clear sentence about it.',
        ),
        confidence: Math.round((1 - ev.probability) * 100) / 100,
        certainty: 'unclear',
      },
      advice,
    );
  }
  return withAdvice(
    {
      ...finding(
        'uk-kpis-measurable',
        'best_practice',
        'fail',
        'The statement does not say how the effectiveness of its actions is measured.',
      ),
      confidence: Math.round((1 - ev.probability) * 100) / 100,
      certainty: 'confident',
    },
    advice,
  );
};

const GRIEVANCE =
  /\b(grievance|whistle[- ]?blow\w*|hotline|helpline|speak[- ]?up|report(ing)? (line|channel|concerns?)|ethics line|confidential(ly)? report)\b/i;
const CASE_HANDLING =
  /\b(remed\w+|investigat\w+|victims?|support(ed)? (the )?(worker|victim)|referr?\w* to|national referral mechanism|corrective action|repay\w*|reimburs\w*|refund\w*|paid (them |it |the \w+ )?back|compensat\w*|(passports?|documents|papers) (were|was) returned|returned (the |their )?(passports?|documents|papers))\b/i;

export const remediation: Rule = (c) => {
  const unusable = textUnusable(c);
  if (unusable) return unusableFinding('uk-remediation', unusable, 'best_practice');
  const ev = evidenceFor(c, 'remediation');
  const tagged_ = [...new Set([...tagged(c, 'remediation'), ...ev.support])];
  const channels = [...new Set([...tagged_, ...matching(c, GRIEVANCE)])].filter((i) =>
    GRIEVANCE.test(c.sentences[i]!.text),
  );
  const handling = [...new Set([...tagged_, ...matching(c, CASE_HANDLING)])].filter((i) =>
    CASE_HANDLING.test(c.sentences[i]!.text),
  );
  const spec = specOf('remediation');
  const advice = {
    lookedFor: spec.lookedFor,
    searchedIn: searchedIn(ev.sections),
    howToSatisfy: spec.howToSatisfy,
  };
  const evidenceStatus = evidenceStatusOf(c, [...new Set([...channels, ...handling])]);
  if (channels.length && handling.length && evidenceStatus !== 'promises') {
    return {
      ...finding(
        'uk-remediation',
        'best_practice',
        'pass',
        'Describes grievance channels and what happens when a case is found.',
        quotes(c, [...new Set([channels[0]!, handling[0]!])], 2),
      ),
      confidence: 0.85,
      certainty: 'confident',
      evidenceStatus,
    };
  }
  if (channels.length || handling.length) {
    const missing =
      evidenceStatus === 'promises'
        ? 'as steps taken: only as plans'
        : channels.length
          ? 'what happens when a case is found'
          : 'the grievance or whistleblowing channels';
    return withAdvice(
      {
        ...finding(
          'uk-remediation',
          'best_practice',
          'warn',
          `Describes part of remediation, but not ${missing}.`,
          quotes(c, [...channels, ...handling], 2),
        ),
        confidence: 0.8,
        certainty: 'confident',
        evidenceStatus,
      },
      advice,
    );
  }
  return withAdvice(
    {
      ...finding(
        'uk-remediation',
        'best_practice',
        1 - ev.probability >= CONFIDENT ? 'fail' : 'unknown',
        'Describes neither grievance channels nor what happens when a case of modern slavery is found.',
      ),
      confidence: Math.round((1 - ev.probability) * 100) / 100,
      certainty: certaintyOf(1 - ev.probability),
      evidenceStatus: 'none',
    },
    advice,
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
  const unreadable = unreadableFinding(c, 'uk-not-copied', 'best_practice');
  if (unreadable) return unreadable;
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

/** Whether notBoilerplate reads the register's near-copies: a shorter text fails on its length alone. */
export const comparesWithRegister = (wordCount: number) => wordCount >= MIN_WORDS;

export const notBoilerplate: Rule = (c) => {
  const unreadable = unreadableFinding(c, 'uk-not-boilerplate', 'best_practice');
  if (unreadable) return unreadable;
  if (!comparesWithRegister(c.wordCount)) {
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

/**
 * rules.md: most content sentences report actions taken. A run-in heading split off as a sentence
 * ("Training.") and the sign-off are not content; a promise is not an action, and neither is an
 * acknowledgement ("We recognise that …"). Most of them promises: fail; actions not most of them
 * (promises with acknowledgements): warn.
 */
export const actionsNotPromises: Rule = (c) => {
  const unusable = textUnusable(c);
  if (unusable) return unusableFinding('uk-actions-not-promises', unusable, 'best_practice');
  const content = tagged(
    c,
    'policies',
    'due_diligence',
    'training',
    'remediation',
    'effectiveness',
    'risk',
  ).filter((i) => {
    const s = c.sentences[i]!;
    return !isSignOff(s.text) && !(!s.unit && isBareHeading(s.text));
  });
  if (!content.length)
    return finding('uk-actions-not-promises', 'best_practice', 'fail', 'The statement reports no actions.');
  const promises = content.filter((i) => promisedAt(c, i));
  const views = content.filter((i) => !promises.includes(i) && isAcknowledgement(c.sentences[i]!.text));
  const actions = content.filter((i) => !promises.includes(i) && !views.includes(i));
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
  if (actions.length * 2 <= content.length) {
    return finding(
      'uk-actions-not-promises',
      'best_practice',
      'warn',
      `Only ${Math.round((actions.length / content.length) * 100)}% of content sentences report actions taken: the rest are intentions (${percent}%) or statements of awareness.`,
      quotes(
        c,
        [...promises, ...views].sort((a, b) => a - b),
        3,
      ),
    );
  }
  return finding(
    'uk-actions-not-promises',
    'best_practice',
    'pass',
    `Most content sentences report actions taken (${percent}% are future intentions).`,
    quotes(c, actions, 2),
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
