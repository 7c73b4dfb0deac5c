import { COUNTRY_CODES } from '../../../schemas/countries.ts';

/** Wording the statement-level rules share: intentions, actions, denials, specific risks. */

const MONTH_OR_SEASON =
  '(january|february|march|april|may|june|july|august|september|october|november|december|spring|summer|autumn|winter|q[1-4])';

/** "(we are) now drafting", "still looking at": work under way or an option weighed, not yet in place. */
const UNDER_WAY_ADVERBS = '( (currently|now|also|still))*';
const UNDER_WAY_VERBS = 'developing|drafting|designing|preparing|looking at|considering|exploring';

/**
 * An intention: a modal or a verb of intent, or a date ahead of the writer ("next year", "by
 * March 2026", "over the coming year"). A date names the future whatever year it is; "by …" after
 * a target ("a target of 100% by 2026") dates the target, not the sentence.
 */
export const FUTURE = new RegExp(
  [
    String.raw`\b(will|shall|plan(s|ned|ning)? to|intend(s|ed|ing)? to|aim(s|ing)? to|going forward|in future|in due course|seek to|propose to|would like to|hope to|expect to)\b`,
    String.raw`\b(in|during|over) the (coming|next|following) (twelve |12 |few )?(year|years|months|period|financial year)\b`,
    String.raw`\bnext (year|financial year|period|reporting (year|period))\b|\bthe (year|months) ahead\b|\bover the (next|coming)\b`,
    String.raw`(?<!\btargets?\b[^.;]{0,40})\bby (the (end|start|middle) of |early |mid-?|late )?(${MONTH_OR_SEASON} )?20\d\d\b`,
    String.raw`\bwe are (looking|planning|seeking|working) (to|towards)\b|\bcommit(ted)? to (reviewing|developing|introducing|implementing|rolling|carrying|conducting)\b`,
    // Work under way is not yet in place: "we are developing a module", "we are drafting a policy".
    // So is an option being weighed: "we are looking at an independent whistleblowing service".
    String.raw`\bwe are${UNDER_WAY_ADVERBS} (${UNDER_WAY_VERBS})\b`,
  ].join('|'),
  'i',
);

/**
 * A step reported as taken, in the verb: "we audited", "have introduced", "completed", or a
 * year followed by what was done ("In 2025 we met …"). Not after a modal ("we will have trained",
 * "we aim to have audited", "staff will be trained"), not a year followed by an intention ("In 2026 we intend to …"), and
 * "we need" is no past tense.
 */
const PAST_VERB = new RegExp(
  [
    String.raw`(?<!\b(will|shall|would|to) )\b(have|has|had) (been |now |already )?(?!not\b)\w+(ed|en|t)\b`,
    String.raw`\b(we|the company|the group|our \w+) (\w+ly )?(?!(need|exceed|proceed|succeed)\b)\w+ed\b`,
    String.raw`(?<!\b(will|shall|would|to|have|be|being) )\b(completed|conducted|carried out|introduced|launched|rolled out|implemented|trained|audited|assessed|updated|reviewed|published|identified|engaged|issued|delivered|established|appointed|undertook|developed|received|investigated|mapped|visited|screened|terminated|suspended|required)\b`,
    String.raw`\b(in|during|since) 20\d\d(\/\d\d)?,? we (?!(will|shall|would|plan|intend|aim|expect|hope|propose|seek|want|are|also|then)\b)\w+`,
  ].join('|'),
  'i',
);

/**
 * Past or present wording: a past verb, or a clue that the sentence reports the year ("during
 * the year", a percentage). The clues never undo a promise's own wording ("We aim for 100% …" is a
 * plan), only a heading's or lead-in's (see modality.ts).
 */
export const PAST = new RegExp(
  [
    PAST_VERB.source,
    String.raw`\bduring (the|this) (year|period|financial year)\b(?! ahead)`,
    String.raw`\b\d+(\.\d+)?\s?%`,
  ].join('|'),
  'i',
);

/** Denies or minimises the thing the area asks about ("we have not identified any risk"). */
export const DENIAL =
  /\b(have|has|did) not (yet )?(identified|identify|found|find|detected|detect|discovered|uncover(ed)?|become aware of)\b|\b(no|not any) (known |identified |reported )?(instances?|cases?|incidents?|evidence|risks?|issues)\b|\bnot aware of any\b|\b(risk|risks|likelihood)\b[^.]{0,40}\b(is|are|remains?|to be|as) (very )?(low|minimal|negligible|limited)\b|\b(low|minimal|negligible)[- ]risk (business|organisation|sector|industry)\b|\b(keeps?|keeping|kept) (the |our )?(risks?|likelihood)\b[^.]{0,30}? (very )?(low|minimal|negligible)\b|\bdo(es)? not (consider|believe|think)\b[^.]{0,60}\brisk\b|\bnot (applicable|relevant) to (us|our)\b/i;

/** The organisation's practice before "and will continue": "We audit our agencies every year and will continue to". */
const CONTINUING = /^\s*(we \S+( \S+){2,}?)(,|;| and)\s*(we |it |they )?(will|shall) continue\b/i;

/** An opening phrase before the subject ("Over the next year", "Once adopted,"), with no subject of its own. */
const OPENING = String.raw`((?:(?!\b(we|it|they|our)\b)[^,;.]){1,50}?,? )?`;
const SUBJECT = String.raw`(we|it|they|the (company|group|business|board|firm|organisation|trust|partnership)|our [\w-]+( [\w-]+)?)( (also|then|now|further|still|currently|therefore|next|first|additionally|initially|intend to|plan to))*`;
/**
 * The sentence's own subject first states an intention: "We expect to commission one in 2025, and
 * we will look at the workshops, where there have been reported cases". A past verb in what
 * follows (a relative clause, an example: "suppliers who have signed our Code") does not report a
 * step taken; only a later clause with its own subject does (LATER_ACTION).
 */
const LEAD_INTENT = new RegExp(
  String.raw`^${OPENING}${SUBJECT} (will|shall|plan(s)? to|intend(s)? to|aim(s)? to|expect(s)? to|hope(s)? to|propose(s)? to|would like to|are${UNDER_WAY_ADVERBS} (planning|${UNDER_WAY_VERBS}))\b`,
  'i',
);
/**
 * Not done yet: "We have not yet carried out a risk assessment", "We are yet to adopt a code", or
 * the bare answer "Not yet." Nothing was done in the year, so it is no step taken.
 */
const NOT_YET = new RegExp(
  String.raw`^(not yet\b|${OPENING}${SUBJECT} (have|has|had|do|does|did|are|is) (not yet|yet to)\b)`,
  'i',
);
/** A later clause with its own subject reporting a step: "…, and in 2025 we audited six of them". */
const LATER_ACTION =
  /(,|;|\band\b|\bbut\b|\balthough\b)\s+((in|during|since) 20\d\d(\/\d\d)?,? )?(we|it|they)( (have|has|had))?( (already|also|recently|now|since))* (?!(need|exceed|proceed|succeed)\b)\w+ed\b/i;

/**
 * A promise states an intention and reports no step taken. "We will continue to audit …" is a
 * promise: it reports nothing done or in place during the year (rules.md: steps taken), however
 * ongoing it sounds. A practice stated in its own clause before it ("we audit … every year, and
 * will continue to") is in place, so the sentence is not a promise.
 */
export function isPromise(text: string): boolean {
  if (NOT_YET.test(text.trim()) && !LATER_ACTION.test(text) && !DENIAL.test(text)) return true;
  if (!FUTURE.test(text)) return false;
  if (LEAD_INTENT.test(text.trim()) && !LATER_ACTION.test(text)) return true;
  if (PAST_VERB.test(text)) return false;
  const practice = text.match(CONTINUING)?.[1];
  return !(practice && !FUTURE.test(practice));
}

/**
 * An acknowledgement ("We recognise that our sector can be exposed to modern slavery", "We are
 * aware of the risks in construction") states a view, not a step taken: beside promises it must
 * not make an area's evidence "actions". One that goes on to report a step ("…, and in 2025 we
 * audited all 14 agencies") or a count ("we are aware of two cases") is still an action.
 */
const ACKNOWLEDGEMENT =
  /^(we|the (company|group|business|board|organisation|university|trust|firm|council|partnership))( (fully|also|clearly|now|very much|acutely))? ((recogni[sz]e|acknowledge|understand|accept|appreciate|know|believe)s? that|(are|is|remain|remains) (fully |acutely |well )?aware (that|of))\b/i;
/** A step taken by the organisation, after the acknowledgement's own verb. */
const STEP_TAKEN =
  /\b(we|and|so|therefore)( (have|had|therefore|also|now|already|then|recently))* (\w+ly )?(\w{3,}ed|undertook|began|ran|held|took|made|set up|wrote|built|sent|met|gave|put in place|brought)\b|\b(?!(19|20)\d\d\b)\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|several|a (few|number of)) (cases?|reports?|instances?|incidents?|concerns?|allegations?)\b/i;
export function isAcknowledgement(text: string): boolean {
  const head = text.trim().match(ACKNOWLEDGEMENT);
  return Boolean(head) && !STEP_TAKEN.test(text.trim().slice(head![0].length));
}

/**
 * A run-in heading split off its paragraph ("Training. We will introduce …" gives "Training."):
 * a few capitalised words closed by a full stop or colon, no verb of its own, so no evidence.
 */
const BARE_HEADING =
  /^(?!(we|i|it|this|they|there|he|she|signed|approved|dated?)\b)\p{Lu}[\p{L}'’&-]*( [\p{L}'’&-]+){0,3}[.:]$/iu;
const HAS_VERB = /\b(is|are|was|were|be|been|has|have|had|do|does|did|will|can|may|must|should|\w+ed)\b/i;
export const isBareHeading = (text: string) =>
  BARE_HEADING.test(text.trim()) &&
  !HAS_VERB.test(text) &&
  !/\b(ltd|limited|plc|inc|llp|co)\.$/i.test(text.trim());

/**
 * The statement's own approval or sign-off: evidence for the legal rules, never for an area.
 * A line opening "Signed:", "Signature:" or "Yours sincerely," is one too; "Signed by 212 of our
 * suppliers" is a result, not a sign-off.
 */
const SIGN_OFF =
  /\b(this|the|our) ([\w-]+ ){0,6}statement\b[^.]{0,80}\b(approved|signed|adopted|endorsed)\b|\b(approved|signed|adopted|endorsed)\b[^.]{0,60}\b(this|the) ([\w-]+ ){0,6}statement\b|\bsigned (by|on behalf of)\b(?! (\d|(all|every|each|most|many|some|over|nearly|almost)\b))|^\s*(signed|signature|yours (sincerely|faithfully))\s*[:,–—-]/i;
export const isSignOff = (text: string) => SIGN_OFF.test(text);
export const isDenial = (text: string) => DENIAL.test(text);

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const COUNTRY_NAMES = COUNTRY_CODES.map((code) => {
  try {
    return regionNames.of(code) ?? '';
  } catch {
    return '';
  }
})
  .filter((name) => name.length > 3 && !/[()&]/.test(name))
  .map((name) => name.replace(/[.*+?^${}|[\]\\]/g, '\\$&'));

export const COUNTRY = new RegExp(
  `\\b(${[...COUNTRY_NAMES, 'UK', 'USA', 'UAE', 'Xinjiang', 'Uyghur', 'Gulf', 'South[- ]East Asia', 'Southeast Asia', 'Asia', 'Africa', 'Middle East', 'Eastern Europe', 'Latin America', 'South America', 'Central America'].join('|')})\\b`,
  'i',
);

const SECTOR =
  /\b(agricultur\w*|farm(s|ing|ers)?|plantations?|construction|cleaning|security (guards|services)|hospitality|hotels?|catering|food processing|meat|poultry|logistics|transport|haulage|drivers|warehous\w*|distribution cent(re|er)s?|textiles?|apparel|garments?|clothing|footwear|leather|electronics|components|semiconductors?|cotton|cocoa|coffee|tea|sugar|palm oil|rubber|timber|wood|seafood|fish(ing|eries)?|prawns|shrimp|mining|minerals?|cobalt|mica|gold|tin|tantalum|solar (panels|modules)|polysilicon|packaging|ppe|gloves|medical (devices|supplies)|care (homes|workers|sector)|car washes|nail bars|recycling|waste|manufactur\w*|factor(y|ies)|mills?|quarr(y|ies)|shipping|vessels|ports?|bricks?|stone|ceramics|furniture|toys|cosmetics|raw materials?|commodit(y|ies)|facilities management|domestic work|call cent(re|er)s?|IT hardware|laptops?|uniforms?)\b/i;

const GROUP =
  /\b(migrants?|migrant (workers|labour)|foreign (workers|nationals)|refugees|asylum seekers|women|girls|children|child labou?r|young (workers|people)|students|agency (workers|staff|labour)|temporary (workers|staff|labour)|seasonal (workers|labour)|contract(ed|ors)? (workers|labour)|subcontract\w*|outsourc\w*|low[- ](skilled|paid|wage)|casual (workers|labour)|homeworkers|day labourers|vulnerable (workers|people|groups|individuals)|minorit(y|ies)|indigenous|recruitment (agencies|fees|agents)|labour providers?|labour agencies|brokers|debt bondage|passports?|identity documents|withh[eo]ld\w* (wages|pay|documents)|excessive (hours|overtime)|forced overtime|bonded)\b/i;

const TIER =
  /\b(tier[- ]?[1-4]|tier (one|two|three|four)|(first|second|third)[- ]tier|beyond tier|lower tiers?|upstream|sub-?suppliers?|indirect suppliers)\b/i;

/** Names where risk lies: a country or region, a sector or commodity, a group of workers, a tier. */
export function specificRisk(text: string): boolean {
  return COUNTRY.test(text) || SECTOR.test(text) || GROUP.test(text) || TIER.test(text);
}

/**
 * A remark that slavery can be anywhere ("it can occur in any organisation and in any supply chain,
 * including in the care sector") names no place in this organisation's business or supply chains,
 * whatever sector it mentions in passing.
 */
const ANYWHERE =
  /\b(in|across|within|to) (any|every) (organisations?|business(es)?|sectors?|industr(y|ies)|supply chains?|compan(y|ies)|countr(y|ies)|workplaces?|part of (the )?(economy|world))\b|\b(anywhere|everywhere|universal)\b|\bno (sector|industry|organisation|business|supply chain) is immune\b/i;

/** Names where this organisation's risk lies, not a general remark that it may be anywhere. */
export const namesWhereRiskLies = (text: string) => specificRisk(text) && !ANYWHERE.test(text);

/** Measurable indicators: numbers, percentages, targets, counts of things done. */
export const MEASURABLE =
  /\d+(\.\d+)?\s?%|\b\d{1,3}(,\d{3})+\b|\b\d+\s+(\w+\s+)?(suppliers|audits|sites|employees|staff|colleagues|people|cases|reports|factories|assessments|questionnaires|hours|workers|calls|investigations|visits|farms|contracts|buyers|managers|sessions|concerns|grievances|remediations?)\b|\b(targets?|kpis?|key performance indicators?|per ?cent|number of|percentage of|proportion of|metrics?|baseline)\b|:\s*\d/i;
