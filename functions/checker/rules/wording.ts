import { COUNTRY_CODES } from '../../../schemas/countries.ts';

/** Wording the statement-level rules share: intentions, actions, denials, specific risks. */

export const FUTURE =
  /\b(will|shall|plan(s|ned|ning)? to|intend(s|ed|ing)? to|aim(s|ing)? to|going forward|in the (coming|next|following) (year|months|period|financial year)|next (year|financial year|period)|by (the end of )?20\d\d|over the (next|coming)|we are (looking|planning|seeking|working) (to|towards)|commit(ted)? to (reviewing|developing|introducing|implementing|rolling|carrying|conducting)|seek to|propose to|would like to|hope to|expect to|in future|in due course)\b/i;

export const PAST =
  /\b(have|has|had) (been |now |already )?\w+(ed|en|t)\b|\b(we|the company|the group|our \w+) (\w+ly )?\w+ed\b|\b(completed|conducted|carried out|introduced|launched|rolled out|implemented|trained|audited|assessed|updated|reviewed|published|identified|engaged|issued|delivered|established|appointed|undertook|developed|received|investigated|mapped|visited|screened|terminated|suspended|required)\b|\bduring (the|this) (year|period|financial year)\b|\bin 20\d\d,? we\b|\b\d+(\.\d+)?\s?%/i;

/** Denies or minimises the thing the area asks about ("we have not identified any risk"). */
export const DENIAL =
  /\b(have|has|did) not (identified|identify|found|find|detected|detect|discovered|uncover(ed)?|become aware of)\b|\b(no|not any) (known |identified |reported )?(instances?|cases?|incidents?|evidence|risks?|issues)\b|\bnot aware of any\b|\b(risk|risks|likelihood)\b[^.]{0,40}\b(is|are|remains?|to be|as) (very )?(low|minimal|negligible|limited)\b|\b(low|minimal|negligible)[- ]risk (business|organisation|sector|industry)\b|\bdo(es)? not (consider|believe|think)\b[^.]{0,60}\brisk\b|\bnot (applicable|relevant) to (us|our)\b/i;

export const isPromise = (text: string) => FUTURE.test(text) && !PAST.test(text);

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
 * "Signed by 212 of our suppliers" is a result, not a sign-off.
 */
const SIGN_OFF =
  /\b(this|the|our) ([\w-]+ ){0,6}statement\b[^.]{0,80}\b(approved|signed|adopted|endorsed)\b|\b(approved|signed|adopted|endorsed)\b[^.]{0,60}\b(this|the) ([\w-]+ ){0,6}statement\b|\bsigned (by|on behalf of)\b(?! (\d|(all|every|each|most|many|some|over|nearly|almost)\b))/i;
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

/** Measurable indicators: numbers, percentages, targets, counts of things done. */
export const MEASURABLE =
  /\d+(\.\d+)?\s?%|\b\d{1,3}(,\d{3})+\b|\b\d+\s+(\w+\s+)?(suppliers|audits|sites|employees|staff|colleagues|people|cases|reports|factories|assessments|questionnaires|hours|workers|calls|investigations|visits|farms|contracts|buyers|managers|sessions|concerns|grievances|remediations?)\b|\b(targets?|kpis?|key performance indicators?|per ?cent|number of|percentage of|proportion of|metrics?|baseline)\b|:\s*\d/i;
