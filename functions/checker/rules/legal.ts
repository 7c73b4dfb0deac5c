import type { Evidence } from '../../../schemas/check-result.ts';
import { evidenceFor, withAdvice } from './areas.ts';
import {
  finding,
  formatDate,
  hasText,
  matching,
  quote,
  quotes,
  type Rule,
  type RuleContext,
  tagged,
  textUnusable,
  unusableFinding,
} from './context.ts';
import { isoDateIn } from './dates.ts';
import { promisedAt } from './modality.ts';
import { organisationNamesIn, personNameIn } from './person-name.ts';

/** Legal rules: s54 of the Modern Slavery Act 2015 and SI 2015/1833 (rules.md). */

const CORPORATE = new Set(['company', 'llp', 'other_body_corporate', 'charity']);
const PARTNERSHIP = new Set(['limited_partnership', 'partnership']);
export const PARTNERSHIPS_WITHOUT_APPROVAL: ReadonlySet<string> = PARTNERSHIP;

export const inScope: Rule = (c) => {
  const evidence: Evidence[] = [];
  const entityType = c.entityType;
  const turnover = c.document.turnover ?? undefined;
  if (entityType) evidence.push({ field: 'organisation.entityType', text: entityType });
  if (turnover) evidence.push({ field: 'turnover', text: turnover });
  if (!entityType) {
    return finding(
      'uk-in-scope',
      'legal',
      'unknown',
      'The organisation’s type is not known, so whether section 54 applies cannot be decided.',
      evidence,
    );
  }
  if (!CORPORATE.has(entityType) && !PARTNERSHIP.has(entityType)) {
    return finding(
      'uk-in-scope',
      'legal',
      'not_applicable',
      `A ${entityType.replace(/_/g, ' ')} is not a body corporate or partnership under section 54: this statement is voluntary.`,
      evidence,
    );
  }
  if (turnover === 'Under £36 million') {
    return finding(
      'uk-in-scope',
      'legal',
      'not_applicable',
      'Turnover is under £36 million: this statement is voluntary.',
      evidence,
    );
  }
  if (!turnover || turnover === 'Not provided') {
    return finding(
      'uk-in-scope',
      'legal',
      'unknown',
      'Turnover was not given, so whether the £36 million threshold is met is not known.',
      evidence,
    );
  }
  return finding(
    'uk-in-scope',
    'legal',
    'pass',
    `A ${entityType.replace(/_/g, ' ')} with turnover ${turnover}: section 54 applies.`,
    evidence,
  );
};

export const isVoluntary = (c: RuleContext) => inScope(c).status === 'not_applicable';

const yearOf = (iso: string | null | undefined) => (iso ? Number(iso.slice(0, 4)) : undefined);

export const statementForYear: Rule = (c) => {
  if (isVoluntary(c))
    return finding('uk-statement-for-year', 'legal', 'not_applicable', 'The statement is voluntary.');
  const year = yearOf(c.document.periodEnd);
  if (!c.history || year === undefined) {
    return finding(
      'uk-statement-for-year',
      'legal',
      'unknown',
      'The organisation’s earlier statements were not available, so gaps cannot be checked.',
    );
  }
  const years = new Set([...c.history.map((h) => h.year), year]);
  const first = Math.min(...years);
  const missing: number[] = [];
  for (let y = first; y < year; y++) if (!years.has(y)) missing.push(y);
  const evidence: Evidence[] = c.history.slice(0, 10).map((h) => ({
    field: `history.${h.year}`,
    text: h.statementId,
    ...(h.statementUrl ? { url: h.statementUrl } : {}),
  }));
  if (missing.length) {
    return finding(
      'uk-statement-for-year',
      'legal',
      'fail',
      `No statement for ${missing.join(', ')}: a statement is due for every financial year in scope.`,
      evidence,
    );
  }
  return finding(
    'uk-statement-for-year',
    'legal',
    'pass',
    c.history.length
      ? `Statements exist for every year from ${first} to ${year}.`
      : `This is the organisation’s first statement (${year}).`,
    evidence,
  );
};

const NO_STEPS =
  /\b(has|have) (not )?taken no (such )?steps\b|\bno steps (have|has) been taken\b|\bhas not taken any steps\b|\bhave not taken any steps\b/i;

export const stepsOrNone: Rule = (c) => {
  const unusable = textUnusable(c);
  if (unusable) return unusableFinding('uk-steps-or-none', unusable);
  const none = matching(c, NO_STEPS);
  if (none.length) {
    return finding(
      'uk-steps-or-none',
      'legal',
      'pass',
      'The statement says plainly that no steps were taken.',
      quotes(c, none, 1),
    );
  }
  // The tagger's tags, and the sentences the area verdicts rest on ("In February we adopted an
  // Anti-Slavery Policy" may carry no tag); actions first, so the quotes show steps taken.
  const areaSupport = (['policies', 'dueDiligence', 'training', 'remediation'] as const).flatMap(
    (key) => evidenceFor(c, key).support,
  );
  const steps = [
    ...new Set([...tagged(c, 'due_diligence', 'policies', 'training', 'remediation'), ...areaSupport]),
  ]
    .sort((a, b) => a - b)
    .sort((a, b) => Number(promisedAt(c, a)) - Number(promisedAt(c, b)));
  const supply = tagged(c, 'supply_chains').length > 0 || matching(c, /\bsuppl(y|iers?)\b/i).length > 0;
  if (steps.length && steps.every((i) => promisedAt(c, i))) {
    return withAdvice(
      finding(
        'uk-steps-or-none',
        'legal',
        'warn',
        'The statement describes only plans for the future, not steps taken during the year; if no steps were taken, it should say so plainly.',
        quotes(c, steps, 2),
      ),
      {
        lookedFor:
          'steps taken during the year against slavery and human trafficking, or a plain statement that none were taken',
        searchedIn: 'the whole statement',
        howToSatisfy:
          'Report what was done during the year (policies adopted, suppliers assessed, staff trained), or say plainly that the organisation has taken no such steps.',
      },
    );
  }
  if (steps.length >= 2 && supply) {
    return finding(
      'uk-steps-or-none',
      'legal',
      'pass',
      `The statement sets out steps taken (${steps.length} sentences describe them).`,
      quotes(c, steps, 2),
    );
  }
  if (steps.length) {
    return finding(
      'uk-steps-or-none',
      'legal',
      'warn',
      'Few steps are described, and not clearly for the supply chains.',
      quotes(c, steps, 2),
    );
  }
  return finding(
    'uk-steps-or-none',
    'legal',
    'fail',
    hasText(c)
      ? 'The statement sets out no steps taken against slavery and human trafficking, and does not say that none were taken.'
      : 'The statement has no text.',
  );
};

const BOARD = /\b(board of directors|the board|its board|our board|board\b|directors of)\b/i;
const MEMBERS = /\b(members|partners)\b/i;
const GOVERNING = /\b(board|trustees|council|governing body|governors|directors|members)\b/i;
const APPROVAL_WORDS = /\b(approved|approval|adopted|endorsed)\b/i;
const DELEGATED =
  /\b(executive (committee|team|board)|management committee|leadership team|audit committee|risk committee|committee of the board|sub-committee|executive leadership|operating committee)\b/i;
const ON_BEHALF = /\bon behalf of the board\b/i;

/**
 * Separators that join a line's parts ("Acme Ltd · Registered in England · Approved by the Board
 * on … · Signed: …", a footer or letterhead written as one line): " · ", " | ", " • ", " – ".
 */
const PART_SEPARATOR = /\s+[·•|–—]\s+/;

/** The parts of a sentence joined by separators, or a table row's cells; the whole text otherwise. */
function partsOf(sentence: { text: string; unit?: string | undefined }): string[] {
  const parts = sentence.text.split(PART_SEPARATOR);
  return sentence.unit === 'table_row' ? parts.flatMap((p) => p.split(/;\s+/)) : parts;
}

/**
 * The part of sentence `i` that speaks of an approval by a governing body, with the part after it
 * (where a date may follow a dash: "Approved by the Board – 4 September 2025"); the whole
 * sentence when it is not separator-joined.
 */
export function approvalText(c: RuleContext, i: number): string {
  const sentence = c.sentences[i]!;
  const parts = partsOf(sentence);
  if (parts.length === 1) return sentence.text;
  const at = parts.findIndex((p) => APPROVAL_WORDS.test(p) && GOVERNING.test(p));
  if (at < 0) return sentence.text;
  const next = parts[at + 1];
  return next && isoDateIn(next) && !isoDateIn(parts[at]!) ? `${parts[at]} ${next}` : parts[at]!;
}

export function approvalSentences(c: RuleContext): number[] {
  const candidates = new Set([...tagged(c, 'approval'), ...matching(c, APPROVAL_WORDS)]);
  return [...candidates]
    .sort((a, b) => a - b)
    .filter((i) => {
      const text = approvalText(c, i);
      const heading = c.sentences[i]!.heading ?? '';
      return (
        APPROVAL_WORDS.test(text) &&
        GOVERNING.test(text) &&
        // What was approved: the statement named, or the document itself ("Approved by the
        // Board of X on <date>." opening a line or one part of a separator-joined line, or
        // under an approval heading).
        (/statement|this (report|document)/i.test(c.sentences[i]!.text + heading) ||
          /^(approved|adopted|endorsed)\b/i.test(text) ||
          // "It was approved by the Board …" right after a sentence that names the statement.
          (/^(it|this) (was|has been|is) (formally )?(approved|adopted|endorsed)\b/i.test(text) &&
            /\bstatement\b/i.test(c.sentences[i - 1]?.text ?? '')) ||
          /\b(approval|approved|sign(ed|ature|-off))\b/i.test(heading))
      );
    });
}

export const approval: Rule = (c) => {
  const entityType = c.signingEntityType;
  if (entityType && PARTNERSHIPS_WITHOUT_APPROVAL.has(entityType)) {
    return finding(
      'uk-approval',
      'legal',
      'not_applicable',
      'Partnerships need no approval under section 54(6); only a signature.',
    );
  }
  const unusable = textUnusable(c);
  if (unusable) return unusableFinding('uk-approval', unusable);
  const fieldEvidence: Evidence[] = c.document.approvedBy
    ? [{ field: 'approvedBy', text: c.document.approvedBy }]
    : [];
  const needMembers = entityType === 'llp';
  const rightBody = needMembers ? MEMBERS : BOARD;
  const expected = needMembers
    ? 'the members of the LLP'
    : 'the board of directors (or equivalent governing body)';
  if (c.document.approvedBy && c.document.approvedBy !== (needMembers ? 'members' : 'board')) {
    return finding(
      'uk-approval',
      'legal',
      'fail',
      `The form says the statement was approved by “${c.document.approvedBy}”; it must be approved by ${expected}.`,
      fieldEvidence,
    );
  }
  const sentences = approvalSentences(c);
  const proper = sentences.filter((i) => {
    const text = approvalText(c, i);
    const body =
      rightBody.test(text) || (!needMembers && /\b(trustees|council|governing body|governors)\b/i.test(text));
    const delegated = DELEGATED.test(text) && !/\bboard of directors\b/i.test(text.replace(DELEGATED, ''));
    return body && !delegated && !(ON_BEHALF.test(text) && !/approved by (the|its|our) board/i.test(text));
  });
  if (proper.length) {
    const text = approvalText(c, proper[0]!);
    const date =
      (isoDateIn(text) ? formatDate(isoDateIn(text)!) : undefined) ??
      (c.document.approvalDate ? formatDate(c.document.approvalDate) : undefined);
    return finding(
      'uk-approval',
      'legal',
      'pass',
      `Approved by ${needMembers ? 'the members' : 'the board'}${date ? ` on ${date}` : ''}, as the statement itself says.`,
      [...quotes(c, proper, 1), ...fieldEvidence],
    );
  }
  if (sentences.length) {
    return finding(
      'uk-approval',
      'legal',
      'fail',
      `The statement mentions an approval, but not by ${expected} (a committee, an executive or “on behalf of the board” does not count).`,
      [...quotes(c, sentences, 2), ...fieldEvidence],
    );
  }
  return finding(
    'uk-approval',
    'legal',
    'fail',
    c.formGiven && c.document.approvedBy
      ? `The statement does not say it was approved by ${expected}; the form’s answer alone is not evidence the public can see.`
      : `The statement does not say it was approved by ${expected}.`,
    fieldEvidence,
  );
};

const ROLE_FOR_ENTITY: Record<string, { role: string; words: RegExp; name: string }> = {
  company: {
    role: 'director',
    words:
      /\b(director|chief executive|ceo|chair(man|woman|person)?|managing director|president|group ceo|founder)\b/i,
    name: 'a director',
  },
  other_body_corporate: {
    role: 'director',
    words:
      /\b(director|chief executive|ceo|chair(man|woman|person)?|president|trustee|accounting officer|vice-chancellor|principal)\b/i,
    name: 'a director or equivalent',
  },
  charity: {
    role: 'director',
    words: /\b(director|trustee|chief executive|ceo|chair(man|woman|person)?)\b/i,
    name: 'a director or trustee',
  },
  // A public body's statement is voluntary; its equivalent of a director is the head of the body
  // (chief executive, accounting officer) or the chair or leader of its governing body.
  public_body: {
    role: 'director',
    words:
      /\b(director|chief executive|ceo|chair(man|woman|person)?|accounting officer|leader of the council|council leader|(town|city) clerk|head of paid service|vice-chancellor|principal|president)\b/i,
    name: 'a director or equivalent',
  },
  llp: {
    role: 'designated_member',
    words: /\b(designated member|member|managing partner|senior partner)\b/i,
    name: 'a designated member',
  },
  limited_partnership: {
    role: 'general_partner',
    words: /\b(general partner)\b/i,
    name: 'a general partner',
  },
  partnership: { role: 'partner', words: /\b(partner)\b/i, name: 'a partner' },
};

/** Who must sign the statement (s54(6)) for the entity the form or the statement's title gives. */
export function requiredSignatory(c: RuleContext): { role: string; words: RegExp; name: string } {
  return ROLE_FOR_ENTITY[c.signingEntityType ?? 'company'] ?? ROLE_FOR_ENTITY.company!;
}

const SIGN_OFF = /\b(signed|signature|sign(ed)? by|yours (sincerely|faithfully))\b/i;
const ANY_ROLE =
  /\b(director|chief executive|ceo|chair(man|woman|person)?|president|partner|designated member|trustee|officer|founder|principal|vice-chancellor|leader of the council|council leader|clerk)\b/i;

/** Organisation names the statement or the form gives: their words are not a signatory's name. */
function organisationNames(c: RuleContext): string[] {
  const given = [c.organisation?.name, ...(c.document.groupMembers ?? []).map((m) => m.name)];
  const inText = c.sentences.flatMap((s) => organisationNamesIn(s.text));
  return [...given, ...inText].filter((n): n is string => Boolean(n));
}

export const signature: Rule = (c) => {
  const unusable = textUnusable(c);
  if (unusable) return unusableFinding('uk-signature', unusable);
  const entityType = c.signingEntityType ?? 'company';
  const expected = requiredSignatory(c);
  const s = c.document.signatory;
  const fieldEvidence: Evidence[] = [];
  if (s?.firstName || s?.lastName)
    fieldEvidence.push({
      field: 'signatory',
      text: [s.firstName, s.lastName, s.jobTitle].filter(Boolean).join(', '),
    });
  if (s?.role) fieldEvidence.push({ field: 'signatory.role', text: s.role });
  if (s?.role && s.role !== expected.role && !(s.role === 'other' && entityType === 'other')) {
    return finding(
      'uk-signature',
      'legal',
      'fail',
      `The form says the signatory is a ${s.role.replace(/_/g, ' ')}; for a ${entityType.replace(/_/g, ' ')} the statement must be signed by ${expected.name}.`,
      fieldEvidence,
    );
  }
  const candidates = [...new Set([...tagged(c, 'signature'), ...matching(c, SIGN_OFF)])].sort(
    (a, b) => a - b,
  );
  // A sign-off block: a name and a role, in a signature sentence or the short lines near the end
  // or after a sign-off cue. The lines of a block may each be a sentence (HTML, Word: name, role
  // and organisation on lines of their own) or one (pasted text, PDF: the short lines joined).
  const count = c.sentences.length;
  const afterCues = candidates.flatMap((i) => [i + 1, i + 2]).filter((i) => i < count);
  const pool = [...new Set([...candidates, ...afterCues, ...c.sentences.map((_, i) => i).slice(-8)])].sort(
    (a, b) => a - b,
  );
  const organisations = organisationNames(c);
  const hasName = (text: string) => personNameIn(text, organisations) !== undefined;
  const short = (i: number) => i >= 0 && i < count && c.sentences[i]!.text.length < 160;
  /** A role in the sentence, or in a short line next to it (the line under or over the name). */
  const roleAt = (i: number, words: RegExp) =>
    words.test(c.sentences[i]!.text) ||
    (short(i) && [i - 1, i + 1].some((j) => short(j) && words.test(c.sentences[j]!.text)));
  const signed = pool.filter((i) => {
    const text = c.sentences[i]!.text;
    const inBlock = candidates.includes(i) || (short(i) && roleAt(i, ANY_ROLE) && hasName(text));
    return (
      inBlock && (ANY_ROLE.test(text) || hasName(text)) && !/\bapproved\b.*\bboard\b/i.test(text.slice(0, 20))
    );
  });
  const named = (i: number) => {
    const text = c.sentences[i]!.text;
    const fieldName = s?.lastName && text.toLowerCase().includes(s.lastName.toLowerCase());
    return Boolean(fieldName) || hasName(text);
  };
  const withRole = signed.filter(
    (i) =>
      expected.words.test(c.sentences[i]!.text) ||
      (i > 0 && expected.words.test(c.sentences[i - 1]!.text)) ||
      (i + 1 < count && expected.words.test(c.sentences[i + 1]!.text)),
  );
  const good = withRole.filter(named);
  if (good.length) {
    return finding('uk-signature', 'legal', 'pass', `Signed by ${expected.name}, named with their role.`, [
      ...quotes(c, good.slice(-1), 1),
      ...fieldEvidence,
    ]);
  }
  if (signed.length) {
    const signatoryName = signed.map((i) => personNameIn(c.sentences[i]!.text, organisations)).find(Boolean);
    const why = withRole.length
      ? 'the signatory is not named'
      : signed.some((i) => roleAt(i, ANY_ROLE))
        ? `the signatory’s role is not that of ${expected.name}`
        : `it gives no role${signatoryName ? ` for ${signatoryName}` : ''}: it must be signed by ${expected.name}, with the role stated`;
    return finding('uk-signature', 'legal', 'fail', `The statement has a sign-off, but ${why}.`, [
      ...quotes(c, signed.slice(-2), 2),
      ...fieldEvidence,
    ]);
  }
  return finding(
    'uk-signature',
    'legal',
    'fail',
    `The statement is not signed: it needs the name and role of ${expected.name}.`,
    fieldEvidence,
  );
};

/** Registrable domain, roughly: the last two labels, or three under a second-level suffix like .co.uk. */
export function siteOf(url: string): string | undefined {
  try {
    const host = new URL(url).hostname.toLowerCase().replace(/^www\./, '');
    const labels = host.split('.');
    const secondLevel = /^(co|org|ac|gov|ltd|plc|net|com|edu|nhs|police|sch)$/;
    const take =
      labels.length >= 3 && secondLevel.test(labels.at(-2)!) && labels.at(-1)!.length === 2 ? 3 : 2;
    return labels.slice(-take).join('.');
  } catch {
    return undefined;
  }
}

export const published: Rule = (c) => {
  const url = c.document.statementUrl;
  const email = c.document.contactEmail;
  if (!url) {
    if (email)
      return finding(
        'uk-published',
        'legal',
        'pass',
        'No website: a copy is available on written request from the contact email given.',
        [{ field: 'contactEmail', text: email }],
      );
    return finding('uk-published', 'legal', 'unknown', 'No statement URL or contact email was given.');
  }
  const probe = c.website?.statement;
  if (!probe)
    return finding(
      'uk-published',
      'legal',
      'unknown',
      'The statement’s web address was not checked (offline).',
      [{ field: 'statementUrl', url }],
    );
  const evidence: Evidence[] = [
    { field: 'statementUrl', url },
    ...(probe.finalUrl && probe.finalUrl !== url ? [{ url: probe.finalUrl }] : []),
  ];
  if (probe.outcome === 'unreachable')
    return finding(
      'uk-published',
      'legal',
      'unknown',
      `The statement’s address could not be reached: ${probe.detail}`,
      evidence,
    );
  if (probe.outcome === 'failed')
    return finding(
      'uk-published',
      'legal',
      'fail',
      `The statement’s address does not answer with the statement: ${probe.detail}`,
      evidence,
    );
  const homepage = c.document.homepageUrl;
  const own = homepage ? siteOf(homepage) === siteOf(probe.finalUrl ?? url) : true;
  if (!own) {
    return finding(
      'uk-published',
      'legal',
      'warn',
      `The statement answers (${probe.kind?.toUpperCase()}), but on ${siteOf(probe.finalUrl ?? url)}, not the organisation’s own site ${siteOf(homepage!)}.`,
      evidence,
    );
  }
  return finding(
    'uk-published',
    'legal',
    'pass',
    `The statement is published at its address (${probe.kind?.toUpperCase()}).`,
    evidence,
  );
};

export const homepageLink: Rule = (c) => {
  const homepage = c.document.homepageUrl;
  if (!c.document.statementUrl && c.document.contactEmail && !homepage) {
    return finding('uk-homepage-link', 'legal', 'not_applicable', 'The organisation has no website.');
  }
  if (!homepage)
    return finding(
      'uk-homepage-link',
      'legal',
      'unknown',
      'No homepage address was given, so the link cannot be checked.',
    );
  const probe = c.website?.homepage;
  if (!probe)
    return finding('uk-homepage-link', 'legal', 'unknown', 'The homepage was not checked (offline).', [
      { field: 'homepageUrl', url: homepage },
    ]);
  const evidence: Evidence[] = [{ field: 'homepageUrl', url: homepage }];
  if (probe.outcome === 'unreachable')
    return finding(
      'uk-homepage-link',
      'legal',
      'unknown',
      `The homepage could not be reached: ${probe.detail}`,
      evidence,
    );
  if (probe.outcome === 'failed')
    return finding(
      'uk-homepage-link',
      'legal',
      'fail',
      `The homepage does not answer: ${probe.detail}`,
      evidence,
    );
  if (probe.link) {
    const where = {
      nav: 'in the navigation',
      header: 'in the page header',
      footer: 'in the footer',
      body: 'in the body of the page',
    }[probe.link.where];
    const via = probe.link.via ? ` (through ${probe.link.via})` : '';
    return finding(
      'uk-homepage-link',
      'legal',
      'pass',
      `The homepage links to the statement ${where}, labelled “${probe.link.text || '(no text)'}”${via}.`,
      [...evidence, { url: probe.link.href, text: probe.link.text }],
    );
  }
  return finding(
    'uk-homepage-link',
    'legal',
    'fail',
    'The homepage has no link to the statement, nor to a page that links to it.',
    evidence,
  );
};

export const approvalEvidence = (c: RuleContext) => approvalSentences(c).map((i) => quote(c, i));
