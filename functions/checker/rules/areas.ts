import type {
  Advice,
  Evidence,
  EvidenceStatus,
  Finding,
  RuleId,
  SentenceTag,
} from '../../../schemas/check-result.ts';
import { AIMS_LABELS, type AimsLabel } from '../tagger/labels.ts';
import { EDUCATING, HELD_WORKSHOP, NOT_A_CHARGE } from '../tagger/lexicon.ts';
import { finding, quote, type RuleContext, textUnusable } from './context.ts';
import { promisedAt } from './modality.ts';
import {
  isAcknowledgement,
  isBareHeading,
  isDenial,
  isSignOff,
  MEASURABLE,
  namesWhereRiskLies,
  PAST,
  specificRisk,
} from './wording.ts';

/**
 * Statement-level verdicts for each area, from three sources: the tagger's sentence
 * probabilities, the section a sentence sits in (its headings), and the submission's structured
 * answers. A heading is strong evidence for a sentence that itself says something about the area,
 * not on its own; a form answer corroborates text evidence, never replaces it.
 */

export type AreaKey =
  | 'structure'
  | 'policies'
  | 'dueDiligence'
  | 'risk'
  | 'effectiveness'
  | 'training'
  | 'remediation';

export interface AreaSpec {
  key: AreaKey;
  rule: RuleId;
  area: string;
  letter?: string | undefined;
  labels: AimsLabel[];
  tags: SentenceTag[];
  /** For labels the model shares between areas (c4_risk_mitigation): the words that pick this one. */
  lexicon?: RegExp | undefined;
  /** Words that, in a sentence, say it is about the area. */
  cue: RegExp;
  /** Section headings for the area. */
  heading: RegExp;
  /** The submission's `areas` key that declares it. */
  declared?: 'structure' | 'policies' | 'riskAssessment' | 'dueDiligence' | 'training' | 'kpis' | undefined;
  /** How many supporting sentences make it "addressed". */
  minimum: number;
  /** Wording that names the area's subject outright ("our Anti-Slavery Policy"): evidence whatever the model says. */
  names?: RegExp;
  lookedFor: string;
  howToSatisfy: string;
}

/** A policy named by its subject: "We have an Anti-Slavery Policy", "Our Modern Slavery Policy sets out". */
const NAMED_POLICY =
  /\b(anti[- ]slavery|modern slavery|slavery and human trafficking|human trafficking|forced labou?r|human rights|ethical (trading|sourcing)|responsible (sourcing|procurement)|whistleblowing|speak(ing)? up)( and [\w-]+( [\w-]+)?)? (policy|policies|code|charter|standards?|statement of principles)\b|\b(supplier|suppliers'?|business|ethical) codes? of (business )?(conduct|practice|ethics)\b/i;
/** A code named as a proper noun: "our Responsible Fishing Code", "the ETI Base Code". */
const NAMED_CODE = /\b(\p{Lu}[\p{L}-]+ ){1,3}Code\b(?! of Practice for (Motor|Highway))/u;
/** Training named with its subject: "a session on forced labour", "trained on modern slavery". */
const NAMED_TRAINING = new RegExp(
  String.raw`\b(train(ed|ing)\b${NOT_A_CHARGE}|courses?|e-?learning|modules?|workshops?|sessions?|briefings?|seminars?|webinars?|awareness)\b[^.]{0,40}\b(modern slavery|slavery|forced labou?r|human trafficking|trafficking|labour exploitation|exploitation)\b`,
  'i',
);
const POLICY_WORDS =
  /\b(polic(y|ies)|code(s)? of (business )?(conduct|ethics|practice)|standards?|contract(s|ual)? (terms?|clauses?)|clauses?|terms and conditions|charter|principles|procedures?|framework|rules (on|for|that|which|about|against)|(supplier|sourcing|trading|conduct|ethics|labour|recruitment) code)\b/i;
const TRAINING_WORDS = new RegExp(
  `\\b(train(ing|ed|s)?\\b${NOT_A_CHARGE}|e-?learning|awareness|${HELD_WORKSHOP}|induction|${EDUCATING}|webinars?|toolkits?|briefings?|courses?|modules?|learning|seminars?|sessions? (on|about)|(attended|held|ran|delivered|hosted|organised) (an? |our |the )?([\\w-]+ ){0,2}sessions?)\\b`,
  'i',
);
const DUE_DILIGENCE_WORDS =
  /\b(due diligence|audit(s|ed|ing|ors?)?|assess(ed|es|ing|ments?)?|screen(ed|ing|s)?|questionnaires?|monitor(ed|ing|s)?|risk[- ]based|engage(d|ment|s)?|onboard(ed|ing)?|verif(y|ied|ication)|inspect(ed|ions?)?|reviews?|reviewed|survey(ed|s)?|investigat\w+|mapp(ed|ing)|traceab\w+|trac(e|ed|ing)|certif\w+|site visits?|visits?|visited|self-assessment|pre-qualification|vetting|checks?|check(ed|ing)|interview(s|ed|ing)?|spot[- ]checks?)\b/i;

export const AREA_SPECS: AreaSpec[] = [
  {
    key: 'structure',
    rule: 'uk-area-structure',
    area: 'structure, business and supply chains',
    letter: 'a',
    labels: ['c2_structure', 'c2_operations', 'c2_supply_chains'],
    tags: ['structure', 'operations', 'supply_chains'],
    cue: /\b(subsidiar\w+|headquarter\w*|group|employ(s|ees)|colleagues|staff|operat(e|es|ions)|stores|sites|offices|countries|suppliers?|supply chains?|sourc(e|es|ing)|procure\w*|purchas\w*|products?|services|customers|turnover|revenue|owned|parent)\b/i,
    heading:
      /\b(structure|our business|about (us|the company|the group)|organisation|operations|who we are|what we do|supply chains?|our suppliers|sourcing|procurement|business model|overview)\b/i,
    declared: 'structure',
    minimum: 2,
    lookedFor: 'sentences on the organisation’s structure, what it does, and its supply chains',
    howToSatisfy:
      'Describe the group and its subsidiaries, what the business does and where, and what it buys from whom (categories, number of suppliers, sourcing countries).',
  },
  {
    key: 'policies',
    rule: 'uk-area-policies',
    area: 'policies on slavery and human trafficking',
    letter: 'b',
    labels: ['c4_risk_mitigation'],
    tags: ['policies'],
    lexicon: POLICY_WORDS,
    cue: POLICY_WORDS,
    heading:
      /\b(polic(y|ies)|codes?|standards|governance|commitments?|framework|(the |our )?rules (we set|for (our )?suppliers|we (ask|expect))|our rules|what we (expect|require) (of|from) (our )?suppliers)\b/i,
    names: NAMED_POLICY,
    declared: 'policies',
    minimum: 1,
    lookedFor: 'sentences naming a policy, code or contract term on modern slavery',
    howToSatisfy:
      'Name the policies that apply (for instance a supplier code of conduct, a human rights or anti-slavery policy, contract clauses), what they require, and who they apply to.',
  },
  {
    key: 'dueDiligence',
    rule: 'uk-area-due-diligence',
    area: 'due diligence processes',
    letter: 'c',
    labels: ['c4_risk_mitigation'],
    tags: ['due_diligence'],
    lexicon: DUE_DILIGENCE_WORDS,
    cue: DUE_DILIGENCE_WORDS,
    heading:
      /\b(due diligence|supplier (management|engagement|assurance|onboarding|checks)|audits?|monitoring|assurance|managing (risk|suppliers)|check(ing|s)? (on )?(our )?suppliers|how we check)\b/i,
    declared: 'dueDiligence',
    minimum: 2,
    lookedFor:
      'sentences on the steps taken to check suppliers and the business: screening, audits, questionnaires, engagement',
    howToSatisfy:
      'Say what was done during the year to assess and address risk: which suppliers were screened, audited or visited, what was asked of them, and what followed.',
  },
  {
    key: 'risk',
    rule: 'uk-area-risk',
    area: 'where the risks are, and how they are assessed and managed',
    letter: 'd',
    labels: ['c3_risk_description'],
    tags: ['risk'],
    cue: /\b(risks?|risky|vulnerab\w+|exploit\w*|forced labou?r|child labou?r|trafficking|slavery|debt bondage|recruitment fees|high[- ]risk|hotspots?|salient)\b/i,
    heading:
      /\b(risks?|exposure|vulnerab\w+|salient issues|where (the )?risks? (lie|lies|are)|hotspots?|supply chain risks?|risk assessment|exploit\w*|(could|may|might) be (harmed|abused|trafficked))\b/i,
    declared: 'riskAssessment',
    minimum: 1,
    lookedFor:
      'sentences naming where modern slavery risks lie (sectors, commodities, countries, groups of workers, tiers) and how they were assessed',
    howToSatisfy:
      'Name the parts of the business and supply chains at risk — the countries, commodities or services, the groups of workers and the supplier tiers — and say how the risk was assessed.',
  },
  {
    key: 'effectiveness',
    rule: 'uk-area-effectiveness',
    area: 'effectiveness, measured against performance indicators',
    letter: 'e',
    labels: ['c5_effectiveness'],
    tags: ['effectiveness'],
    // "%" stands outside the word boundaries: "84%" ends in no word character.
    cue: /\b(kpis?|key performance indicators?|indicators?|measur\w+|metrics?|targets?|progress|effective(ness)?|track(ed|ing)?|per ?cent|number of|baseline|outcomes?|results?)\b|\d\s?%/i,
    heading:
      /\b(kpis?|key performance|effectiveness|measuring|progress|performance indicators?|metrics|targets|how we measure|(year|progress|performance|impact|results) in (numbers|figures)|key (figures|numbers|statistics)|scorecard|dashboard|monitoring (and|&) evaluation|(is|are) (it|they|this|these|our \w+) working|(it|this|they|our \w+) (is|are) working|whether (it|this|they|our \w+) works?|what works|how (do )?we know (if|whether|that|it|our))\b/i,
    declared: 'kpis',
    minimum: 1,
    lookedFor:
      'sentences or table rows on how effectiveness is measured: indicators, figures, targets, progress',
    howToSatisfy:
      'Give the indicators used to judge whether the steps work, with figures for the year and targets (for instance the share of high-risk suppliers audited, findings closed, staff trained).',
  },
  {
    key: 'training',
    rule: 'uk-area-training',
    area: 'training available to staff',
    letter: 'f',
    labels: ['c4_risk_mitigation'],
    tags: ['training'],
    lexicon: TRAINING_WORDS,
    cue: TRAINING_WORDS,
    heading: /\b(training|awareness|capacity building|learning|education)\b/i,
    declared: 'training',
    minimum: 1,
    lookedFor: 'sentences on training or awareness-raising about modern slavery, and who received it',
    howToSatisfy:
      'Say what training on modern slavery was given, to whom (all staff, buyers, managers, suppliers), and how many completed it.',
  },
  {
    key: 'remediation',
    rule: 'uk-remediation',
    area: 'remediation and grievance channels',
    labels: ['c4_remediation'],
    tags: ['remediation'],
    cue: /\b(grievance|whistle[- ]?blow\w*|hotline|helpline|speak[- ]?up|report(ing)? (line|channel|concerns?)|remed\w+|investigat\w+|victims?|corrective action|repay\w*|reimburs\w*|refund\w*|compensat\w*)\b/i,
    heading:
      /\b(remed\w+|grievance|whistle[- ]?blowing|speak(ing)? up|raising concerns|reporting concerns|(if|when) (we|you|someone) (find|finds|found|raises?) (a |an )?(problem|case|concern)|what happens (if|when)|putting (it|things) right)\b/i,
    minimum: 1,
    lookedFor: 'sentences on grievance or whistleblowing channels and what happens when a case is found',
    howToSatisfy:
      'Describe how workers and others can raise a concern (hotline, whistleblowing channel) and what the organisation does when a case is found (investigation, support for the people affected, repaying fees).',
  },
];

export const specOf = (key: AreaKey) => AREA_SPECS.find((s) => s.key === key)!;

/** The probability below which "not addressed" is confident, and the threshold of a confident finding. */
export const CONFIDENT = 0.75;
const SUPPORT = 0.5;
/** A sentence in a section headed for the area, beside one that speaks of it: support, not strong. */
const SECTION_LIFT = 0.6;
/** A check of suppliers or workers reported as done: support, not strong on its own. */
const REPORTED_CHECK = 0.55;
/** Words that put a sentence about risk, not about a rule against it ("forbids forced labour"). */
const RISK_WORDS = /\b(risks?|at risk|high[- ]risk|riskiest|exploited|exploitation|vulnerab\w+)\b/i;
/** Who or what due diligence checks. */
const DD_OBJECT =
  /\b(suppliers?|vendors|factor(y|ies)|farms?|growers|mills|plants|processors|manufacturers|agenc(y|ies)|labour providers?|contractors?|subcontractors?|workers|staff|recruit\w*|sites|vessels|boats)\b/i;
/** A tagged sentence is taken as at least this likely (the tags the page shows must count). */
const TAGGED_FLOOR = 0.6;
/** Without the model's probabilities (a stub tagger), a tagged sentence and an untagged one. */
const TAGGED_PRIOR = 0.75;
const UNTAGGED_PRIOR = 0.05;

export interface AreaEvidence {
  /** The probability that the statement addresses the area. */
  probability: number;
  /** The same from the sentences that are not promises: that it reports actions on the area. */
  actionProbability: number;
  /** Sentence indices that support it (e ≥ 0.5), strongest first. */
  support: number[];
  status: EvidenceStatus;
  /** The headings of the sections about the area (empty when none). */
  sections: string[];
  /** Form answers that corroborate the text (empty on a bare document). */
  form: Evidence[];
  /** Per-sentence evidence, for the rules that build on it. */
  perSentence: Float32Array;
}

const labelIndex = new Map(AIMS_LABELS.map((l, i) => [l, i]));

/** Wording that presents a figure as a measure of progress rather than a count of work done. */
const INDICATOR =
  /\b(kpis?|key performance|indicators?|measur\w+|metrics?|targets?|progress|effective(ness)?|baseline|compared (with|to)|up from|down from|against (a|our|the) (target|goal|baseline)|(improv|increas|decreas|reduc|fell|rose)\w*|track(s|ed|ing)?|evaluat\w+)\b/i;
/** A measure set against a target or an earlier figure: "89%, against 0% a year earlier, target 100%". */
const MEASURED_AGAINST =
  /\b(kpis?|key performance indicators?|indicators?|measur\w+|metrics?|track(s|ed|ing)?|progress)\b.*\b(targets?|baseline|against|compared (with|to)|up from|down from|a year earlier|(the )?(previous|last|prior) year)\b/i;

/**
 * Whether a sentence presents itself as a measure: in its own words, or as a list item or table
 * row introduced by a lead-in that does ("We track three indicators:").
 */
function presentedAsMeasure(c: RuleContext, i: number): boolean {
  const s = c.sentences[i]!;
  if (INDICATOR.test(s.text)) return true;
  if (s.unit !== 'list_item' && s.unit !== 'table_row') return false;
  for (let j = i - 1; j >= 0; j--) {
    const before = c.sentences[j]!;
    if (before.unit === s.unit) continue;
    return before.heading === s.heading && INDICATOR.test(before.text);
  }
  return false;
}

/**
 * A table row's label: its first cell when that is a short name ("Policy", "Risk assessment"),
 * which heads the row as a section heading heads its sentences. Rows read as "Header: cell; ...".
 */
export function rowLabel(text: string): string | undefined {
  const first = text.split('; ')[0]!;
  const cell = first.includes(': ') ? first.slice(first.indexOf(': ') + 2) : first;
  const words = cell.split(/\s+/).filter(Boolean).length;
  return words >= 1 && words <= 4 && !/\d/.test(cell) && cell.length <= 40 ? cell : undefined;
}

const pathOf = (c: RuleContext, i: number) =>
  c.sentences[i]!.headingPath ?? (c.sentences[i]!.heading ? [c.sentences[i]!.heading!] : []);
/** A table row's label when it names an area. */
function areaLabelOf(c: RuleContext, i: number): string | undefined {
  const s = c.sentences[i]!;
  const label = s.unit === 'table_row' ? rowLabel(s.text) : undefined;
  return label && AREA_SPECS.some((spec) => spec.heading.test(label)) ? label : undefined;
}

/**
 * The heading of the area's section the sentence is in: a table row labelled for the area, else
 * the nearest heading above it that names an area, if it names this one. A row labelled for
 * another area ("Supplier audits" in a KPI table) keeps the section of its table.
 */
function sectionOf(c: RuleContext, i: number, spec: AreaSpec): string | undefined {
  const label = areaLabelOf(c, i);
  if (label && spec.heading.test(label)) return label;
  const path = pathOf(c, i);
  for (let k = path.length - 1; k >= 0; k--) {
    const heading = path[k]!;
    if (spec.heading.test(heading)) return heading;
    if (AREA_SPECS.some((s) => s.heading.test(heading))) return undefined;
  }
  return undefined;
}

function formTerms(c: RuleContext, spec: AreaSpec): { evidence: Evidence[]; terms: RegExp | undefined } {
  if (!c.formGiven) return { evidence: [], terms: undefined };
  const doc = c.document;
  const summary = (doc.summary ?? {}) as Record<string, unknown>;
  const list = (key: string) =>
    Array.isArray(summary[key])
      ? (summary[key] as unknown[]).filter((v): v is string => typeof v === 'string')
      : [];
  const text = (key: string) => (typeof summary[key] === 'string' ? (summary[key] as string).trim() : '');
  const evidence: Evidence[] = [];
  const declared = spec.declared ? doc.areas?.[spec.declared] : undefined;
  if (declared?.covered) evidence.push({ field: `areas.${spec.declared}.covered`, text: 'true' });
  let terms: string[] = [];
  const add = (field: string, values: string[]) => {
    const real = values.filter((v) => v && v !== 'Other' && v !== "Don't know");
    if (real.length) evidence.push({ field, text: real.join(', ') });
  };
  switch (spec.key) {
    case 'policies':
      add('summary.policies', list('policies'));
      break;
    case 'training':
      add('summary.training', list('training'));
      break;
    case 'dueDiligence':
      add('summary.engagement', list('engagement'));
      add('summary.audits', list('audits'));
      if (text('otherMonitoring')) add('summary.otherMonitoring', [text('otherMonitoring')]);
      break;
    case 'effectiveness':
      if (text('progress')) add('summary.progress', [text('progress').slice(0, 200)]);
      break;
    case 'remediation':
      add('summary.grievance', list('grievance'));
      add('summary.remediation', list('remediation'));
      break;
    case 'structure':
      add(
        'sectors',
        (doc.sectors ?? []).filter((s): s is string => typeof s === 'string'),
      );
      break;
    case 'risk': {
      const risks = Array.isArray(summary.risks) ? summary.risks : [];
      const regions = new Intl.DisplayNames(['en'], { type: 'region' });
      risks.slice(0, 3).forEach((risk, n) => {
        if (!risk || typeof risk !== 'object') return;
        const r = risk as Record<string, unknown>;
        const countries = (Array.isArray(r.countries) ? r.countries : [])
          .filter((x): x is string => typeof x === 'string')
          .map((code) => {
            try {
              return regions.of(code) ?? code;
            } catch {
              return code;
            }
          });
        const groups = (Array.isArray(r.affectedGroups) ? r.affectedGroups : []).filter(
          (x): x is string => typeof x === 'string' && x !== 'Other vulnerable groups',
        );
        const tiers = (Array.isArray(r.supplyChainTiers) ? r.supplyChainTiers : []).filter(
          (x): x is string => typeof x === 'string',
        );
        const description = typeof r.description === 'string' ? r.description : '';
        const parts = [description, countries.join(', '), groups.join(', '), tiers.join(', ')].filter(
          Boolean,
        );
        if (parts.length)
          evidence.push({ field: `summary.risks.${n}`, text: parts.join('; ').slice(0, 300) });
        terms = [
          ...terms,
          ...countries,
          ...groups.map((g) => g.replace(/s$/, '')),
          ...description
            .split(/[^\p{L}]+/u)
            .filter(
              (w) => w.length >= 5 && !/^(workers?|suppliers?|supply|chains?|risks?|labour|people)$/i.test(w),
            ),
        ];
      });
      break;
    }
  }
  const escaped = terms.filter((t) => t.length >= 4).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return { evidence, terms: escaped.length ? new RegExp(`\\b(${escaped.join('|')})`, 'i') : undefined };
}

/** The evidence for one area across the statement. */
export function areaEvidence(c: RuleContext, spec: AreaSpec): AreaEvidence {
  const n = c.sentences.length;
  const perSentence = new Float32Array(n);
  const sections = new Set<string>();
  const form = formTerms(c, spec);
  const labels = spec.labels.map((l) => labelIndex.get(l)!);
  const inSection = new Map<string, { sentences: number[]; anchored: boolean }>();
  for (let i = 0; i < n; i++) {
    const s = c.sentences[i]!;
    const text = s.text;
    const tagged = spec.tags.some((t) => s.tags.includes(t));
    const scores = c.scores?.[i];
    let p: number;
    if (scores && scores.length === AIMS_LABELS.length) {
      p = Math.max(...labels.map((l) => scores[l]!));
      if (spec.lexicon && !spec.lexicon.test(text)) p *= 0.25;
      if (tagged) p = Math.max(p, TAGGED_FLOOR);
    } else p = tagged ? TAGGED_PRIOR : UNTAGGED_PRIOR;
    const cue =
      spec.cue.test(text) ||
      (spec.key === 'risk' && specificRisk(text)) ||
      (spec.key === 'effectiveness' &&
        (s.unit === 'table_row' || INDICATOR.test(text)) &&
        MEASURABLE.test(text)) ||
      (form.terms?.test(text) ?? false);
    const section = sectionOf(c, i, spec);
    if (section) sections.add(section);
    let e = p;
    // Under the area's own heading, a sentence that speaks of it is strong evidence; the heading
    // alone (a sentence with neither a cue nor any probability) makes it unclear, not addressed.
    if (section && (cue || p >= 0.15)) e = 1 - (1 - p) * 0.3;
    else if (section) e = Math.max(p, 0.3);
    else if (cue && p >= 0.1) e = 1 - (1 - p) * 0.75;
    const named =
      spec.names?.test(text) ||
      (spec.key === 'policies' && NAMED_CODE.test(text)) ||
      (spec.key === 'training' && NAMED_TRAINING.test(text));
    if (named) e = Math.max(e, 1 - (1 - p) * 0.4);
    // A sentence that speaks of risk and names where it lies ("the greatest risks are in cotton
    // spinning in India") is risk evidence in its own words, whatever the model's score.
    if (spec.key === 'risk' && RISK_WORDS.test(text) && namesWhereRiskLies(text) && !promisedAt(c, i))
      e = Math.max(e, 1 - (1 - p) * 0.4);
    if (spec.key === 'effectiveness' && !section) {
      // Outside an effectiveness section, a figure or finding ("98% of staff completed it", "the
      // audit found fees charged and repaid") is the activity of the area it belongs to, not an
      // indicator of effectiveness, unless it is presented as a measure.
      if (!presentedAsMeasure(c, i)) e = Math.min(e, 0.3);
      // A sentence that measures progress with figures against a target or baseline is
      // effectiveness in its own words, headed or not.
      else if (MEASURED_AGAINST.test(text) && /\d/.test(text) && !promisedAt(c, i))
        e = Math.max(e, 1 - (1 - p) * 0.4);
    }
    // A check reported as done on suppliers or workers ("Audited all 9 labour agencies",
    // "We interviewed 40 agency staff") is due diligence in its own words, whatever the heading.
    if (
      spec.key === 'dueDiligence' &&
      DUE_DILIGENCE_WORDS.test(text) &&
      DD_OBJECT.test(text) &&
      (PAST.test(text) || /^\p{L}+ed\b/u.test(text)) &&
      !promisedAt(c, i)
    )
      e = Math.max(e, REPORTED_CHECK);
    // A plan named in the area's own words ("we intend to: audit our contractors") is evidence
    // of a promise: the area is then addressed only by plans (warn), not absent.
    if (
      promisedAt(c, i) &&
      spec.key !== 'structure' &&
      spec.cue.test(text) &&
      (spec.key !== 'dueDiligence' || DD_OBJECT.test(text))
    )
      e = Math.max(e, REPORTED_CHECK);
    // The sign-off closing the last section, and a run-in heading split off as a sentence, are
    // not evidence for an area.
    const bare = s.unit === undefined && isBareHeading(text);
    perSentence[i] = isSignOff(text) || bare ? 0 : e;
    if (section && !isSignOff(text) && !bare) {
      const members = inSection.get(section) ?? { sentences: [], anchored: false };
      // Only actions lift the section: a promised section stays a promise.
      const promised = promisedAt(c, i) || isDenial(text) || isAcknowledgement(text);
      if (!promised) members.sentences.push(i);
      members.anchored ||= (cue || p >= 0.15) && !promised;
      inSection.set(section, members);
    }
  }
  // The writer's own heading says what its section is about: once one sentence there reports
  // actions on the area, every other sentence of the section counts for it too (not promises).
  for (const { sentences, anchored } of inSection.values()) {
    if (!anchored || sentences.length < 2) continue;
    for (const i of sentences) perSentence[i] = Math.max(perSentence[i]!, SECTION_LIFT);
  }
  const order = [...perSentence.keys()].sort((a, b) => perSentence[b]! - perSentence[a]!);
  const combine = (indices: number[]) => {
    const [e1 = 0, e2 = 0, e3 = 0] = indices.slice(0, 3).map((i) => perSentence[i]!);
    return 1 - (1 - e1) * (1 - 0.5 * e2) * (1 - 0.25 * e3);
  };
  let probability = combine(order);
  const actionProbability = combine(order.filter((i) => !promisedAt(c, i)));
  // A form answer corroborates some text evidence; it never stands in for none.
  if (form.evidence.length && probability >= 0.2) probability = 1 - (1 - probability) * 0.65;
  const support = order.filter((i) => perSentence[i]! >= SUPPORT);
  return {
    probability: Math.min(0.99, probability),
    actionProbability: Math.min(0.99, actionProbability),
    support,
    status: evidenceStatusOf(c, support, spec.key),
    sections: [...sections],
    form: form.evidence,
    perSentence,
  };
}

/**
 * Actions taken, only promises, only denials, or nothing; an acknowledgement ("we recognise
 * that …") is none of them. For risk, a sentence counts as an action only when it names where
 * the risk lies or reports an assessment done: "modern slavery can occur in any sector" is a
 * general remark, not a finding.
 */
export function evidenceStatusOf(c: RuleContext, support: readonly number[], key?: AreaKey): EvidenceStatus {
  if (!support.length) return 'none';
  let promises = 0;
  let denials = 0;
  let assessed = false;
  for (const i of support) {
    const text = c.sentences[i]!.text;
    if (isDenial(text)) denials++;
    else if (promisedAt(c, i)) promises++;
    else if (isAcknowledgement(text)) continue;
    else if (key !== 'risk' || namesWhereRiskLies(text)) return 'actions';
    else if (PAST.test(text)) assessed = true;
  }
  // The area asks where the risks are and how they are assessed: an assessment or a process
  // reported without naming any part of the business or supply chains where the risk lies is
  // described only in general terms; one that concludes "we have not identified any risk" is a denial.
  if (assessed && !denials) return 'none';
  return denials ? 'denial' : promises ? 'promises' : 'none';
}

const cache = new WeakMap<RuleContext, Map<AreaKey, AreaEvidence>>();
/** The area's evidence, computed once per check. */
export function evidenceFor(c: RuleContext, key: AreaKey): AreaEvidence {
  let byKey = cache.get(c);
  if (!byKey) {
    byKey = new Map();
    cache.set(c, byKey);
  }
  let found = byKey.get(key);
  if (!found) {
    found = areaEvidence(c, specOf(key));
    byKey.set(key, found);
  }
  return found;
}

export const quoteSupport = (c: RuleContext, support: readonly number[], max = 3) =>
  [...support.slice(0, max)].sort((a, b) => a - b).map((i) => quote(c, i));

/** Where the checker looked, for the writer: the area's sections by heading, or the whole statement. */
export function searchedIn(sections: readonly string[]): string {
  if (!sections.length) return 'the whole statement (no section heading about it was found)';
  const named = sections.slice(0, 3).map((h) => `“${h}”`);
  return `the section${sections.length === 1 ? '' : 's'} ${named.join(', ')} and the rest of the statement`;
}

export function withAdvice(f: Finding, advice: Advice): Finding {
  return {
    ...f,
    message: `${f.message} Looked for ${advice.lookedFor} in ${advice.searchedIn}. ${advice.howToSatisfy}`,
    advice,
  };
}

const round = (x: number) => Math.round(x * 100) / 100;
export const certaintyOf = (confidence: number) => (confidence >= CONFIDENT ? 'confident' : 'unclear');

/** An area rule's finding (a)–(f): pass, warn (thin, only promises, or a denial), unclear, or fail. */
export function areaVerdict(c: RuleContext, key: AreaKey): Finding {
  const spec = specOf(key);
  const name = spec.letter ? `Area (${spec.letter}), ${spec.area},` : `The ${spec.area}`;
  const unusable = textUnusable(c);
  if (unusable) {
    return {
      ...finding(
        spec.rule,
        'guidance',
        'unknown',
        `${unusable.message} Whether it addresses ${spec.area} is unclear.`,
      ),
      confidence: unusable.certainty === 'unclear' ? 0.5 : 1,
      certainty: unusable.certainty,
      evidenceStatus: 'none',
    };
  }
  const ev = evidenceFor(c, key);
  const p = ev.probability;
  const advice: Advice = {
    lookedFor: spec.lookedFor,
    searchedIn: searchedIn(ev.sections),
    howToSatisfy: spec.howToSatisfy,
  };
  const evidence = [...quoteSupport(c, ev.support), ...ev.form];
  const base = { confidence: round(p), certainty: certaintyOf(p), evidenceStatus: ev.status } as const;
  const sentences = (k: number) => `${k} sentence${k === 1 ? '' : 's'}`;
  if (p >= SUPPORT && ev.support.length) {
    if (ev.status === 'promises') {
      // What the warn asserts is that no steps are reported: as sure as the non-promises are weak.
      const confidence = Math.max(p, 1 - ev.actionProbability);
      return withAdvice(
        {
          ...finding(
            spec.rule,
            'guidance',
            'warn',
            `${name} is described only as plans for the future, not as steps taken.`,
            evidence,
          ),
          ...base,
          confidence: round(confidence),
          certainty: certaintyOf(confidence),
        },
        {
          ...advice,
          howToSatisfy: `Report what was done during the year, not only what will be done. ${spec.howToSatisfy}`,
        },
      );
    }
    if (ev.status === 'denial') {
      return withAdvice(
        {
          ...finding(
            spec.rule,
            'guidance',
            'warn',
            `${name} is addressed only by saying there is nothing to report.`,
            evidence,
          ),
          ...base,
        },
        advice,
      );
    }
    if (ev.status === 'none') {
      return withAdvice(
        {
          ...finding(spec.rule, 'guidance', 'warn', `${name} is described only in general terms.`, evidence),
          ...base,
        },
        advice,
      );
    }
    // Toward the minimum count only the sentences evidenceStatusOf takes as actions.
    const acted = ev.support.filter(
      (i) => !promisedAt(c, i) && !isDenial(c.sentences[i]!.text) && !isAcknowledgement(c.sentences[i]!.text),
    ).length;
    if (acted < spec.minimum) {
      return withAdvice(
        {
          ...finding(
            spec.rule,
            'guidance',
            'warn',
            `${name} is touched on in only ${sentences(acted)}.`,
            evidence,
          ),
          ...base,
        },
        advice,
      );
    }
    const where = ev.sections.length ? ` (section “${ev.sections[0]}”)` : '';
    return {
      ...finding(
        spec.rule,
        'guidance',
        'pass',
        `${name} is addressed in ${sentences(ev.support.length)}${where}.`,
        evidence,
      ),
      ...base,
    };
  }
  const absent = 1 - p;
  if (absent < CONFIDENT) {
    return withAdvice(
      {
        ...finding(
          spec.rule,
          'guidance',
          'unknown',
          `Unclear whether ${name.replace(/,$/, '')} is addressed: some sentences may touch on it, but the checker is not sure.`,
          evidence,
        ),
        confidence: round(absent),
        certainty: 'unclear',
        evidenceStatus: ev.status,
      },
      advice,
    );
  }
  return withAdvice(
    {
      ...finding(spec.rule, 'guidance', 'fail', `${name} is not addressed in the text.`, ev.form),
      confidence: round(absent),
      certainty: 'confident',
      evidenceStatus: 'none',
    },
    advice,
  );
}
