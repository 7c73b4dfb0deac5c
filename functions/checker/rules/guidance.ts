import type { Advice, Evidence, RuleId } from '../../../schemas/check-result.ts';
import {
  AREA_SPECS,
  type AreaKey,
  areaVerdict,
  certaintyOf,
  evidenceFor,
  quoteSupport,
  searchedIn,
  withAdvice,
} from './areas.ts';
import {
  finding,
  formatDate,
  quotes,
  type Rule,
  type RuleContext,
  tagged,
  textUnreadable,
  textUnusable,
  unreadableFinding,
} from './context.ts';
import { isoDateIn } from './dates.ts';
import { approvalSentences, approvalText, PARTNERSHIPS_WITHOUT_APPROVAL } from './legal.ts';
import { promisedAt } from './modality.ts';
import { isDenial, namesWhereRiskLies } from './wording.ts';

/** Guidance rules: the Home Office statutory guidance (rules.md). */

function monthsBetween(start: string, end: string): number {
  const a = new Date(`${start}T00:00:00Z`);
  const b = new Date(`${end}T00:00:00Z`);
  // A period 1 April – 31 March is 12 months: count to the day after the end.
  b.setUTCDate(b.getUTCDate() + 1);
  return (
    (b.getUTCFullYear() - a.getUTCFullYear()) * 12 +
    (b.getUTCMonth() - a.getUTCMonth()) +
    (b.getUTCDate() - a.getUTCDate()) / 31
  );
}

/** "year ended 31 March 2025", "period ending March 31, 2025": the date itself is read by isoDateIn. */
const PERIOD_END_IN_TEXT =
  /\b(?:year|period)\s+(?:ended|ending|to|end(?:ed)?)\s+(?:on\s+)?[^.;]{0,30}?\d{4}/gi;

export const period: Rule = (c) => {
  const { periodStart, periodEnd } = c.document;
  if (!periodStart || !periodEnd)
    return finding('uk-period', 'guidance', 'unknown', 'The period covered was not given.');
  const evidence: Evidence[] = [
    { field: 'periodStart', text: periodStart },
    { field: 'periodEnd', text: periodEnd },
  ];
  const months = monthsBetween(periodStart, periodEnd);
  if (months < 11.9 || months > 18.05) {
    return finding(
      'uk-period',
      'guidance',
      'fail',
      `The period covered is ${months.toFixed(1)} months; it should be 12 to 18 months.`,
      evidence,
    );
  }
  const endYear = Number(periodEnd.slice(0, 4));
  const disagreeing: number[] = [];
  const agreeing: number[] = [];
  c.sentences.forEach((s, i) => {
    for (const m of s.text.matchAll(PERIOD_END_IN_TEXT)) {
      const stated = isoDateIn(m[0]);
      if (!stated) continue;
      const year = Number(stated.slice(0, 4));
      if (stated.slice(0, 7) === periodEnd.slice(0, 7)) agreeing.push(i);
      else if (Math.abs(year - endYear) <= 1) disagreeing.push(i);
    }
  });
  if (disagreeing.length && !agreeing.length) {
    return finding(
      'uk-period',
      'guidance',
      'warn',
      `The text names a different period end from the declared ${formatDate(periodEnd)}.`,
      [...quotes(c, disagreeing, 2), ...evidence],
    );
  }
  return finding(
    'uk-period',
    'guidance',
    'pass',
    `The period covered is ${Math.round(months)} months, ending ${formatDate(periodEnd)}${agreeing.length ? ', as the text says' : ''}.`,
    [...quotes(c, agreeing, 1), ...evidence],
  );
};

export function deadlineOf(periodEnd: string): string {
  const d = new Date(`${periodEnd}T00:00:00Z`);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 6, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

export const onTime: Rule = (c) => {
  const { periodEnd } = c.document;
  if (!periodEnd)
    return finding(
      'uk-on-time',
      'guidance',
      'unknown',
      'The period end was not given, so the deadline is not known.',
    );
  const deadline = deadlineOf(periodEnd);
  const submitted = c.document.submittedAt ?? undefined;
  const when = (submitted ?? c.now.toISOString()).slice(0, 10);
  const evidence: Evidence[] = [
    { field: 'periodEnd', text: periodEnd },
    ...(submitted ? [{ field: 'submittedAt', text: submitted }] : []),
  ];
  if (when > deadline) {
    return finding(
      'uk-on-time',
      'guidance',
      'fail',
      `${submitted ? 'Submitted' : 'Checked'} on ${formatDate(when)}, after the deadline of ${formatDate(deadline)} (six months after the period end).`,
      evidence,
    );
  }
  return finding(
    'uk-on-time',
    'guidance',
    'pass',
    `${submitted ? 'Submitted' : 'Checked'} on ${formatDate(when)}, within six months of the period end (deadline ${formatDate(deadline)}).`,
    evidence,
  );
};

export const approvalDate: Rule = (c) => {
  const { approvalDate: date, periodEnd } = c.document;
  const entityType = c.signingEntityType;
  if (!date && entityType && PARTNERSHIPS_WITHOUT_APPROVAL.has(entityType))
    return finding(
      'uk-approval-date',
      'guidance',
      'not_applicable',
      'A partnership’s statement needs no approval under section 54(6), so there is no approval date to state.',
    );
  const approvals = approvalSentences(c);
  const datedApprovals = approvals.filter((i) => isoDateIn(approvalText(c, i)) !== undefined);
  // An undated approval sentence followed closely by a dated sign-off ("approved by the Board.
  // Signed by: name, role, 14 May 2025") is dated by that sign-off.
  const datedSignOffs = tagged(c, 'signature').filter(
    (i) => isoDateIn(c.sentences[i]!.text) !== undefined && approvals.some((a) => a < i && i - a <= 3),
  );
  const dated = datedApprovals.length ? datedApprovals : datedSignOffs;
  const dateOf = (i: number) =>
    datedApprovals.length ? isoDateIn(approvalText(c, i)) : isoDateIn(c.sentences[i]!.text);
  const inTextDate = c.sentences.length
    ? [...dated, ...tagged(c, 'signature').filter((i) => isoDateIn(c.sentences[i]!.text) !== undefined)]
    : [];
  const today = c.now.toISOString().slice(0, 10);
  if (!date) {
    // The statement's own date is what the guidance asks for: a form sent without one (only the
    // period, or no form at all) does not make a dated statement undated.
    if (dated.length) {
      const stated = dateOf(dated[0]!)!;
      const periodEvidence: Evidence[] = periodEnd ? [{ field: 'periodEnd', text: periodEnd }] : [];
      if (stated > today)
        return finding(
          'uk-approval-date',
          'guidance',
          'fail',
          `The statement dates its approval ${formatDate(stated)}, which is in the future.`,
          quotes(c, dated, 1),
        );
      if (periodEnd && stated < periodEnd)
        return finding(
          'uk-approval-date',
          'guidance',
          'fail',
          `The statement dates its approval ${formatDate(stated)}, before the end of the period it reports on (${formatDate(periodEnd)}).`,
          [...quotes(c, dated, 1), ...periodEvidence],
        );
      return finding(
        'uk-approval-date',
        'guidance',
        'pass',
        `The statement dates its approval: ${formatDate(stated)}${periodEnd ? `, after the period end (${formatDate(periodEnd)})` : ''}.`,
        [...quotes(c, dated, 1), ...periodEvidence],
      );
    }
    return finding(
      'uk-approval-date',
      'guidance',
      'fail',
      c.formGiven
        ? 'No approval date is given, in the form or the text.'
        : 'The statement does not say on what date it was approved.',
    );
  }
  const evidence: Evidence[] = [{ field: 'approvalDate', text: date }];
  if (date > today) {
    return finding(
      'uk-approval-date',
      'guidance',
      'fail',
      `The approval date ${formatDate(date)} is in the future.`,
      evidence,
    );
  }
  if (periodEnd && date < periodEnd) {
    return finding(
      'uk-approval-date',
      'guidance',
      'fail',
      `The approval date ${formatDate(date)} is before the end of the period it reports on (${formatDate(periodEnd)}).`,
      [...evidence, { field: 'periodEnd', text: periodEnd }],
    );
  }
  // A sign-off may be dated after the approval: only an approval sentence's own date can disagree.
  const stated = datedApprovals.length ? isoDateIn(approvalText(c, datedApprovals[0]!)) : undefined;
  if (stated && stated !== date) {
    return finding(
      'uk-approval-date',
      'guidance',
      'warn',
      `The form gives the approval date ${formatDate(date)}, but the statement dates its approval ${formatDate(stated)}.`,
      [...quotes(c, datedApprovals, 1), ...evidence],
    );
  }
  if (!inTextDate.length && !textUnreadable(c)) {
    return finding(
      'uk-approval-date',
      'guidance',
      'warn',
      `Approved on ${formatDate(date)} according to the form, but the statement itself does not state the date.`,
      evidence,
    );
  }
  return finding(
    'uk-approval-date',
    'guidance',
    'pass',
    `Approved on ${formatDate(date)}, after the period end, and dated in the statement.`,
    [...quotes(c, inTextDate, 1), ...evidence],
  );
};

const LEGAL_SUFFIX =
  /\b(limited|ltd|plc|llp|lp|inc|incorporated|corporation|corp|company|co|group|holdings?|uk|the)\b\.?/gi;
const normaliseName = (name: string) =>
  name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(LEGAL_SUFFIX, ' ')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export const groupMembersNamed: Rule = (c) => {
  if (!c.document.isGroup)
    return finding('uk-group-members-named', 'guidance', 'not_applicable', 'Not a group statement.');
  const members = c.document.groupMembers ?? [];
  if (!members.length)
    return finding(
      'uk-group-members-named',
      'guidance',
      'fail',
      'A group statement, but no member organisations are listed in the form.',
    );
  const unreadable = unreadableFinding(c, 'uk-group-members-named', 'guidance');
  if (unreadable) return unreadable;
  const text = ` ${normaliseName(c.sentences.map((s) => s.text).join(' '))} `;
  const missing = members.filter((m) => {
    const name = normaliseName(m.name);
    return !name || !text.includes(` ${name} `);
  });
  const evidence: Evidence[] = missing.slice(0, 20).map((m) => ({ field: 'groupMembers', text: m.name }));
  if (missing.length) {
    return finding(
      'uk-group-members-named',
      'guidance',
      'fail',
      `${missing.length} of ${members.length} member organisations are not named in the statement: ${missing
        .slice(0, 5)
        .map((m) => m.name)
        .join(', ')}${missing.length > 5 ? '…' : ''}.`,
      evidence,
    );
  }
  return finding(
    'uk-group-members-named',
    'guidance',
    'pass',
    `All ${members.length} member organisations are named in the statement.`,
  );
};

export interface AreaRule {
  rule: RuleId;
  key: AreaKey;
  letter: string;
  /** The submission's `areas` key that declares it. */
  declared: 'structure' | 'policies' | 'riskAssessment' | 'dueDiligence' | 'training' | 'kpis';
}

/** The six areas of s54(5), in the catalogue's order. */
export const AREAS: AreaRule[] = AREA_SPECS.filter((s) => s.letter && s.declared).map((s) => ({
  rule: s.rule,
  key: s.key,
  letter: s.letter!,
  declared: s.declared!,
}));

export const areaRules: Rule[] = AREAS.map((area) => (c: RuleContext) => areaVerdict(c, area.key));

export const declaredMatchesText: Rule = (c) => {
  const areas = c.document.areas;
  if (!areas && !c.formGiven)
    return finding(
      'uk-declared-matches-text',
      'guidance',
      'not_applicable',
      'The document was checked on its own: there are no declared areas to compare with it.',
    );
  if (!areas)
    return finding('uk-declared-matches-text', 'guidance', 'unknown', 'The form’s six areas were not given.');
  const unreadable = unreadableFinding(c, 'uk-declared-matches-text', 'guidance');
  if (unreadable) return unreadable;
  const problems: string[] = [];
  const evidence: Evidence[] = [];
  for (const area of AREAS) {
    const declared = areas[area.declared];
    if (!declared) continue;
    // Only a confident "not addressed" contradicts the form; an unclear one does not.
    const inText = areaVerdict(c, area.key).status !== 'fail';
    if (declared.covered && !inText) {
      problems.push(`area (${area.letter}) is declared covered but not found in the text`);
      evidence.push({ field: `areas.${area.declared}.covered`, text: 'true' });
    }
    if (!declared.covered && !declared.reason?.trim()) {
      problems.push(`area (${area.letter}) is declared not covered without a reason`);
      evidence.push({ field: `areas.${area.declared}.reason` });
    }
  }
  if (problems.length) {
    return finding(
      'uk-declared-matches-text',
      'guidance',
      'warn',
      `The form and the text disagree: ${problems.join('; ')}.`,
      evidence,
    );
  }
  return finding(
    'uk-declared-matches-text',
    'guidance',
    'pass',
    'Every area declared covered is found in the text, and every area not covered has a reason.',
  );
};

export const risksIdentified: Rule = (c) => {
  const unusable = textUnusable(c);
  if (unusable)
    return {
      ...finding('uk-risks-identified', 'guidance', 'unknown', unusable.message),
      confidence: unusable.certainty === 'unclear' ? 0.5 : 1,
      certainty: unusable.certainty,
    };
  const risk = evidenceFor(c, 'risk');
  const pool = c.sentences.map((_, i) => i).filter((i) => risk.perSentence[i]! >= 0.5);
  const byStrength = (xs: number[]) => [...xs].sort((a, b) => risk.perSentence[b]! - risk.perSentence[a]!);
  const named = pool.filter(
    (i) => namesWhereRiskLies(c.sentences[i]!.text) && !isDenial(c.sentences[i]!.text),
  );
  // "We intend to assess our agency labour providers" names where to look, not a risk found.
  const specific = byStrength(named.filter((i) => !promisedAt(c, i)));
  const promised = byStrength(named.filter((i) => promisedAt(c, i)));
  const formRisks = risk.form.filter((e) => e.field?.startsWith('summary.risks.'));
  const advice: Advice = {
    lookedFor:
      'risk sentences that name sectors or commodities, countries, groups of workers or supply-chain tiers',
    searchedIn: searchedIn(risk.sections),
    howToSatisfy:
      'Say where the risk lies, specifically: for instance “cotton spinning mills in Turkey”, “migrant workers hired through agencies at our warehouses”, “tier 2 suppliers of electronic components”.',
  };
  if (specific.length) {
    const strongest = risk.perSentence[specific[0]!]!;
    const confidence = Math.round(Math.min(0.95, 0.6 + 0.35 * strongest) * 100) / 100;
    return {
      ...finding(
        'uk-risks-identified',
        'guidance',
        'pass',
        `Names specific risks (${specific.length} sentence${specific.length === 1 ? '' : 's'}).`,
        [...quoteSupport(c, specific, 3), ...formRisks],
      ),
      confidence,
      certainty: certaintyOf(confidence),
    };
  }
  const denials = byStrength(pool.filter((i) => isDenial(c.sentences[i]!.text)));
  if (denials.length) {
    return withAdvice(
      {
        ...finding(
          'uk-risks-identified',
          'guidance',
          'fail',
          'Denies or minimises risk rather than naming where it lies: “if businesses are not identifying risks, they are probably not looking hard enough”.',
          quoteSupport(c, denials, 2),
        ),
        confidence: 0.85,
        certainty: 'confident',
      },
      advice,
    );
  }
  if (promised.length) {
    return withAdvice(
      {
        ...finding(
          'uk-risks-identified',
          'guidance',
          'warn',
          'Names where risk may lie only in plans to assess it, not as risks found during the year.',
          [...quoteSupport(c, promised, 2), ...formRisks],
        ),
        confidence: 0.8,
        certainty: 'confident',
      },
      advice,
    );
  }
  if (formRisks.length) {
    return withAdvice(
      {
        ...finding(
          'uk-risks-identified',
          'guidance',
          'warn',
          'The risks entered in the form are not named in the statement’s text, which is what the public reads.',
          [...quoteSupport(c, byStrength(pool), 2), ...formRisks],
        ),
        confidence: 0.8,
        certainty: 'confident',
      },
      advice,
    );
  }
  if (risk.probability >= 0.25 && risk.probability < 0.5 && !pool.length) {
    return withAdvice(
      {
        ...finding(
          'uk-risks-identified',
          'guidance',
          'unknown',
          'Unclear whether specific risks are named: the checker found no clear risk sentences.',
        ),
        confidence: 0.5,
        certainty: 'unclear',
      },
      advice,
    );
  }
  return withAdvice(
    {
      ...finding(
        'uk-risks-identified',
        'guidance',
        'fail',
        'Names no specific risks (sectors, countries, groups of workers or supply-chain tiers).',
        quoteSupport(c, byStrength(pool), 2),
      ),
      confidence: pool.length ? 0.8 : 0.9,
      certainty: 'confident',
    },
    advice,
  );
};

export const previousOnline: Rule = (c) => {
  if (!c.history)
    return finding(
      'uk-previous-online',
      'guidance',
      'unknown',
      'The organisation’s earlier statements were not available.',
    );
  const earlier = c.history.filter((h) => h.statementUrl);
  if (!earlier.length)
    return finding(
      'uk-previous-online',
      'guidance',
      'not_applicable',
      'The register holds no earlier statement addresses for this organisation.',
    );
  const probes = c.website?.previous;
  if (!probes)
    return finding(
      'uk-previous-online',
      'guidance',
      'unknown',
      'Earlier statement addresses were not checked (offline).',
      earlier.map((h) => ({ url: h.statementUrl! })),
    );
  const failed = probes.filter((p) => p.outcome === 'failed');
  const unreachable = probes.filter((p) => p.outcome === 'unreachable');
  const evidence: Evidence[] = probes.map((p) => ({
    url: p.url,
    text: p.outcome === 'ok' ? 'online' : p.detail,
  }));
  if (failed.length) {
    return finding(
      'uk-previous-online',
      'guidance',
      'fail',
      `${failed.length} earlier statement${failed.length === 1 ? ' is' : 's are'} no longer online.`,
      evidence,
    );
  }
  if (unreachable.length)
    return finding(
      'uk-previous-online',
      'guidance',
      'unknown',
      'Some earlier statement addresses could not be reached.',
      evidence,
    );
  return finding(
    'uk-previous-online',
    'guidance',
    'pass',
    `All ${probes.length} earlier statement${probes.length === 1 ? ' is' : 's are'} still online.`,
    evidence,
  );
};
