import { embed, vectorWords, type WordVectors } from './vectors.ts';

/**
 * Sentence features for the tagger, shared by training and run time: hashed word uni/bi/trigrams,
 * hashed character n-grams (inside each word, or across the sentence in older models), the words of the previous and next sentences, the heading the
 * sentence sits under, the position in the document, and a few hand-written lexicon cues.
 * Pure and allocation-light: `register classify` must do thousands of sentences per second.
 */

export interface FeatureOptions {
  /** log2 of the hashed feature space. */
  bits: number;
  /** Answer raw counts (training weighs and normalises them later). */
  raw?: boolean;
  /** Word vectors: dense features (the sentence's and its neighbours' mean vectors) after the hashed slots. */
  vectors?: WordVectors | undefined;
  /** Weights of the sentence's and its neighbours' mean vectors. */
  denseWeights?: readonly [number, number] | undefined;
  /** Weight of a third dense block, the mean vector of the sentences two to four away (0 or unset: none). */
  wideWeight?: number | undefined;
  /** Weight of the words of the section heading the sentence sits under (0 or unset: none). */
  sectionWeight?: number | undefined;
  /** Weight of the character n-grams inside each word, with its boundaries (0 or unset: none). */
  wordCharWeight?: number | undefined;
  /** Their lengths, shortest and longest (unset: 3 to 5). */
  wordCharRange?: readonly [number, number] | undefined;
  /** Weight of the character 4-grams across the whole sentence (unset: 0.35, what models before session 8 read). */
  charWeight?: number | undefined;
}

export interface SentenceInContext {
  text: string;
  heading?: string | undefined;
  /** Every heading above the sentence, outermost first (the last is `heading`). */
  headingPath?: readonly string[] | undefined;
  unit?: 'sentence' | 'list_item' | 'table_row' | undefined;
}

/** How many dense features a builder with these vectors adds after the 2^bits hashed slots. */
export function denseDims(vectors: WordVectors | undefined, wideWeight = 0): number {
  return vectors ? (wideWeight > 0 ? 3 : 2) * vectors.dims : 0;
}

/** A sparse feature vector: hashed indices and their values (L2-normalised). */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashString(text: string, seed = FNV_OFFSET): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ (b + 0x9e3779b9 + (a << 6) + (a >>> 2)), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const TOKEN = /[a-z0-9]+(?:[''][a-z]+)?/g;

/**
 * Jurisdiction-neutral wording, so what is learnt from Australian and Canadian statements carries
 * over to UK ones: the home country, the Act and the document's own name become one word each,
 * spellings and currencies are folded.
 */
const NEUTRAL: [RegExp, string][] = [
  [
    /\b(modern slavery act|modern slavery statement act|fighting against forced labou?r and child labou?r in supply chains act|supply chains act)( \(?(19|20)\d\d\)?)?( \(?cth\)?)?|\bbill s-?211\b|\bs-?211\b/gi,
    ' theact ',
  ],
  [
    /\bforced labou?r (and|or|and\/or) child labou?r\b|\bslavery and human trafficking\b/gi,
    ' modern slavery ',
  ],
  [
    /\b(australian?|canad(a|ian)|united kingdom|great britain|britain|british|england|u\.?k\.?|commonwealth)\b/gi,
    ' homeland ',
  ],
  [/\b(this|the|our|annual|joint) (forced labou?r )?report\b/gi, '$1 statement'],
  [/\blabor\b/gi, 'labour'],
  [/\b(\w{2,})iz(e|ed|es|ing|ation|ations)\b/gi, '$1is$2'],
  [/\b(behavi|endeav|harb|favo|neighb)or(s|ed|ing)?\b/gi, '$1our$2'],
  [/\bprogram(s)?\b/gi, 'programme$1'],
  [/\bfiscal\b/gi, 'financial'],
  [
    /\b(pty\.? )?(ltd|limited|inc|incorporated|corp|corporation|plc|llp|llc|ulc|lp|gmbh|s\.?a)\b\.?/gi,
    ' ltd ',
  ],
  [
    /\b(acn|abn|arbn|company number|company no|registered number|business number)\.?:? ?[\d ]{5,}/gi,
    ' regnumber ',
  ],
  [/\bprincipal governing body\b/gi, 'board'],
  [/\breporting entit(y|ies)\b/gi, 'reporting company'],
  [
    /\b(new south wales|victoria|queensland|tasmania|western australia|south australia|northern territory|ontario|quebec|québec|alberta|british columbia|manitoba|saskatchewan|nova scotia|new brunswick|scotland|wales|northern ireland)\b/gi,
    ' homeregion ',
  ],
  [
    /\b(sydney|melbourne|brisbane|perth|adelaide|canberra|toronto|montreal|montréal|vancouver|calgary|ottawa|edmonton|winnipeg|london|manchester|birmingham|edinburgh|glasgow|leeds|bristol)\b/gi,
    ' homecity ',
  ],
  [
    /\b(january|february|march|april|may|june|july|august|september|october|november|december)\b/gi,
    ' month ',
  ],
  [/\b(aud|cad|gbp|usd)\b|[£€]|\b[ac]\$/gi, ' $ '],
];

export function neutralise(text: string): string {
  let out = text;
  for (const [pattern, replacement] of NEUTRAL) out = out.replace(pattern, replacement);
  return out;
}

/** Lower-cased word tokens; digits are folded to 0 so years and figures share features. */
export function tokens(text: string): string[] {
  const lower = text.toLowerCase().replace(/\d/g, '0');
  return lower.match(TOKEN) ?? [];
}

/** Namespaces, so the same word in the sentence or its neighbours are different features. */
const NS = {
  word: hashString('w'),
  bigram: hashString('b'),
  trigram: hashString('t'),
  char: hashString('c'),
  prev: hashString('p'),
  next: hashString('n'),
  cue: hashString('q'),
  prev2: hashString('p2'),
  next2: hashString('n2'),
  section: hashString('h'),
  wordChar: hashString('wc'),
} as const;

/**
 * Tried and kept off: words of the sentences two away (no gain in cross-validation); context
 * weight 0.7 scored lower; cue weight 2.5 and character weight 0.2 or 0.6 (no gain across datasets).
 */
const EXPERIMENT = {
  ctx2: false,
  contextWeight: 0.4,
  neutral: true,
  cueWeight: 1,
  charWeight: 0.35,
} as const;

/** Hand-written cues that generalise across jurisdictions (criteria.md's definitions). */
const CUES: [string, RegExp][] = [
  ['approved', /\b(approved|approval|adopted)\b/i],
  ['board', /\b(board|directors|governing body|members of the llp|trustees|council)\b/i],
  ['signed', /\b(signed|signature|sign-off)\b/i],
  [
    'role',
    /\b(chief executive|ceo|managing director|director|chair(man|woman|person)?|president|partner|officer|cfo|secretary)\b/i,
  ],
  [
    'date',
    /\b\d{1,2}(st|nd|rd|th)? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{4}\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(st|nd|rd|th)?,? \d{4}\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b|\b\d{4}-\d\d-\d\d\b/i,
  ],
  ['onbehalf', /\bon behalf of\b/i],
  ['risk', /\b(risks?|high[- ]risk|vulnerab\w*|exposure)\b/i],
  ['supplier', /\b(suppliers?|supply chains?|vendors?|procure\w*|sourc\w+|purchas\w+|tier)\b/i],
  [
    'mitigate',
    /\b(audit\w*|assess\w*|screen\w*|questionnaire\w*|due diligence|policy|policies|code of conduct|clauses?|training|trained)\b/i,
  ],
  ['remedy', /\b(remed\w+|grievance|whistle[- ]?blow\w*|hotline|helpline|speak up|speak-up)\b/i],
  [
    'effective',
    /\b(effective\w*|kpis?|key performance|indicators?|metrics?|measure\w*|track\w*|progress)\b/i,
  ],
  [
    'structure',
    /\b(subsidiar\w+|headquarter\w*|head office|group|owned|employees|listed|incorporated|registered)\b/i,
  ],
  ['operations', /\b(products?|services|operat\w+|customers|manufactur\w+|stores|sites)\b/i],
  ['future', /\b(will|plan to|intend|aim to|going forward|next year|in 20\d\d|continue to)\b/i],
  [
    'redress',
    /\b(investigat\w*|allegations?|corrective actions?|terminat\w+|breach\w*|violations?|compensat\w+|repa(y|id|yment)|victims?|non-?conformanc\w+|discontinu\w+|authorities|apolog\w+|grievance mechanisms?|whistleblowing)\b/i,
  ],
  [
    'ifcase',
    /\b(if|should|where|in the event|when)\b.*\b(identif\w+|discover\w*|found|become aware|detect\w*|reported)\b/i,
  ],
  [
    'review',
    /\b(review\w*|monitor\w*|evaluat\w*|annual(ly)?|regular(ly)?|feedback|continuous(ly)?|number of|percentage of|kpis?|section 54)\b/i,
  ],
  ['percent', /\d\s?%|\bper ?cent\b/i],
  ['number', /\d/],
  [
    'slavery',
    /\b(modern slavery|forced labour|forced labor|child labour|child labor|human trafficking|servitude)\b/i,
  ],
];

const cueHashes = CUES.map(([name]) => mix(NS.cue, hashString(name)));

export interface FeatureBuilder {
  /** Features of sentence `index` of a document, given all its sentences. */
  build(sentences: readonly SentenceInContext[], index: number): SparseVector;
}

/** Scales a vector to unit length, in place. */
export function normalise(values: Float32Array): void {
  let norm = 0;
  for (const v of values) norm += v * v;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let k = 0; k < values.length; k++) values[k]! *= scale;
}

/**
 * Inverse document frequency of each hashed feature over the training sentences:
 * log((n + 1) / (df + 1)) + 1, so rare words weigh more than words every sentence has.
 */
export function inverseDocumentFrequency(vectors: readonly SparseVector[], bits: number): Float32Array {
  const df = new Float32Array(1 << bits);
  for (const x of vectors) for (const i of x.indices) df[i]! += 1;
  const n = vectors.length;
  return df.map((d) => Math.log((n + 1) / (d + 1)) + 1);
}

/**
 * AIMS sentences carry their section heading merged into the first sentence under it, and that
 * is what the model learnt from; at run time the splitter gives headings apart (`heading`), so the
 * first sentence under each heading is read with its heading before it, as in training.
 */
export function withMergedHeadings(sentences: readonly SentenceInContext[]): SentenceInContext[] {
  return sentences.map((s, i) => {
    const heading = s.heading ?? s.headingPath?.[s.headingPath.length - 1];
    const before = sentences[i - 1];
    const previousHeading = before && (before.heading ?? before.headingPath?.[before.headingPath.length - 1]);
    const text = heading && heading !== previousHeading ? `${heading} ${s.text}` : s.text;
    return heading ? { text, heading } : { text };
  });
}

/** A run of at least two upper-case words opening a sentence: how AIMS texts carry their headings. */
const CAPS_HEADING =
  /^(?:\d+(?:\.\d+)*\.?\s+)?(?:[A-Z][A-Z0-9'’-]*|&)(?:[ ,:;/–-]+(?:[A-Z][A-Z0-9'’-]*|&|\d+(?:\.\d+)*))+(?=\s|$)/;

/** The upper-case heading a sentence opens with, when it has one (six letters or more). */
export function capsHeading(text: string): string | undefined {
  const match = CAPS_HEADING.exec(text.trimStart());
  if (!match) return undefined;
  // The last word may be the first word of the sentence ("RISK ASSESSMENT We …" keeps "We" out
  // by case; "SCA" in "CONSULTATION SCA" cannot be told apart and stays).
  const heading = match[0].replace(/[ ,:;/–-]+$/, '');
  return (heading.match(/[A-Z]/g)?.length ?? 0) >= 6 ? heading : undefined;
}

/**
 * The heading of the section each sentence sits under: the splitter's heading when it gave one,
 * else the last upper-case heading a sentence opened with; a heading repeated more than twice
 * in the document is a running page header, not a section.
 */
export function sectionHeadings(sentences: readonly SentenceInContext[]): (string | undefined)[] {
  const detected = sentences.map((s) =>
    (s.heading ?? s.headingPath?.at(-1)) ? undefined : capsHeading(s.text),
  );
  const count = new Map<string, number>();
  for (const h of detected) if (h) count.set(h, (count.get(h) ?? 0) + 1);
  let current: string | undefined;
  return sentences.map((s, i) => {
    const given = s.heading ?? s.headingPath?.at(-1);
    if (given) return given;
    const h = detected[i];
    if (h && count.get(h)! <= 2) current = h;
    return current;
  });
}

export function createFeatureBuilder(options: FeatureOptions, idf?: Float32Array): FeatureBuilder {
  const mask = (1 << options.bits) - 1;
  // A dense scratch row and the list of slots touched: cheaper than a Map per sentence.
  const scratch = new Float32Array(1 << options.bits);
  const seen = new Uint8Array(1 << options.bits);
  let touched = new Int32Array(4096);
  let count = 0;
  const add = (hash: number, value: number) => {
    const index = hash & mask;
    if (!seen[index]) {
      seen[index] = 1;
      if (count === touched.length) {
        const grown = new Int32Array(touched.length * 2);
        grown.set(touched);
        touched = grown;
      }
      touched[count++] = index;
    }
    scratch[index]! += value;
  };

  // Word hashes per sentence text, kept for the document being read (each sentence is also its
  // neighbours' context).
  let cachedFor: readonly SentenceInContext[] | undefined;
  let headings: (string | undefined)[] = [];
  const sectionWeight = options.sectionWeight ?? 0;
  const wideWeight = options.wideWeight ?? 0;
  const wordHashes = new Map<string, Uint32Array>();
  const neutralTexts = new Map<string, string>();
  const neutralOf = (text: string) => {
    if (!EXPERIMENT.neutral) return text;
    let neutral = neutralTexts.get(text);
    if (neutral === undefined) {
      neutral = neutralise(text);
      neutralTexts.set(text, neutral);
    }
    return neutral;
  };
  const vectors = options.vectors;
  const [ownWeight, contextWeight] = options.denseWeights ?? [0.5, 0.25];
  const embeddings = new Map<string, Float32Array>();
  const embeddingOf = (text: string) => {
    let e = embeddings.get(text);
    if (!e && vectors) {
      e = embed(vectors, vectorWords(neutralOf(text)));
      embeddings.set(text, e);
    }
    return e;
  };
  const dense = new Float32Array(denseDims(vectors, wideWeight));
  const hashesOf = (text: string) => {
    let hashes = wordHashes.get(text);
    if (!hashes) {
      hashes = Uint32Array.from(tokens(neutralOf(text)), (word) => hashString(word));
      wordHashes.set(text, hashes);
    }
    return hashes;
  };

  function addWords(ns: number, words: Uint32Array, weight: number, withBigrams: boolean) {
    let prev = -1;
    let prev2 = -1;
    for (const h of words) {
      add(mix(ns, h), weight);
      if (withBigrams && prev >= 0) {
        add(mix(NS.bigram ^ ns, mix(prev, h)), weight);
        if (prev2 >= 0) add(mix(NS.trigram ^ ns, mix(prev2, mix(prev, h))), weight * 0.7);
      }
      prev2 = prev;
      prev = h;
    }
  }

  function addChars(text: string, weight: number) {
    // Lower-case letters, digits folded to 0, everything else one space; padded with spaces.
    const codes: number[] = [32];
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c >= 65 && c <= 90) c += 32;
      else if (c >= 48 && c <= 57) c = 48;
      else if (!(c >= 97 && c <= 122)) {
        if (c > 127) {
          const lower = text[i]!.toLowerCase().charCodeAt(0);
          c = lower >= 97 && lower <= 122 ? lower : 32;
        } else c = 32;
      }
      if (c === 32 && codes[codes.length - 1] === 32) continue;
      codes.push(c);
    }
    if (codes[codes.length - 1] !== 32) codes.push(32);
    for (let i = 0; i + 4 <= codes.length; i++) {
      let h = NS.char;
      for (let j = i; j < i + 4; j++) h = Math.imul(h ^ codes[j]!, FNV_PRIME);
      add(h >>> 0, weight);
    }
  }

  const wordCharWeight = options.wordCharWeight ?? 0;
  const [shortest, longest] = options.wordCharRange ?? [3, 5];
  const charWeight = options.charWeight ?? EXPERIMENT.charWeight;
  /** fastText-style subwords: the n-grams of "<word>", robust to inflection and spelling. */
  function addWordChars(text: string, weight: number) {
    for (const word of tokens(text)) {
      const w = `<${word}>`;
      for (let n = shortest; n <= longest; n++)
        for (let i = 0; i + n <= w.length; i++) {
          let h = NS.wordChar;
          for (let j = i; j < i + n; j++) h = Math.imul(h ^ w.charCodeAt(j), FNV_PRIME);
          add(h >>> 0, weight);
        }
    }
  }

  return {
    build(sentences, index) {
      if (cachedFor !== sentences) {
        cachedFor = sentences;
        wordHashes.clear();
        neutralTexts.clear();
        embeddings.clear();
        headings = sectionWeight > 0 ? sectionHeadings(sentences) : [];
      }
      count = 0;
      const sentence = sentences[index]!;
      const words = hashesOf(sentence.text);
      addWords(NS.word, words, 1, true);
      if (charWeight > 0) addChars(neutralOf(sentence.text), charWeight);
      if (wordCharWeight > 0) addWordChars(neutralOf(sentence.text), wordCharWeight);
      const prev = sentences[index - 1];
      const next = sentences[index + 1];
      if (prev) addWords(NS.prev, hashesOf(prev.text), EXPERIMENT.contextWeight, false);
      else add(mix(NS.prev, hashString('<start>')), 0.4);
      if (next) addWords(NS.next, hashesOf(next.text), EXPERIMENT.contextWeight, false);
      else add(mix(NS.next, hashString('<end>')), 0.4);
      const prev2 = sentences[index - 2];
      const next2 = sentences[index + 2];
      if (EXPERIMENT.ctx2 && prev2) addWords(NS.prev2, hashesOf(prev2.text), 0.2, false);
      if (EXPERIMENT.ctx2 && next2) addWords(NS.next2, hashesOf(next2.text), 0.2, false);
      const n = sentences.length;
      const pos = Math.min(9, Math.floor((index / Math.max(1, n)) * 10));
      add(mix(NS.cue, hashString(`pos${pos}`)), 1);
      if (n - index <= 3) add(mix(NS.cue, hashString('last3')), 1);
      if (index < 3) add(mix(NS.cue, hashString('first3')), 1);
      const lengthBucket =
        words.length < 4 ? 0 : words.length < 8 ? 1 : words.length < 16 ? 2 : words.length < 32 ? 3 : 4;
      add(mix(NS.cue, hashString(`len${lengthBucket}`)), 1);
      for (let c = 0; c < CUES.length; c++)
        if (CUES[c]![1].test(sentence.text)) add(cueHashes[c]!, EXPERIMENT.cueWeight);
      add(mix(NS.cue, hashString('bias')), 1);
      const heading = headings[index];
      if (heading) addWords(NS.section, hashesOf(heading), sectionWeight, false);
      else if (sectionWeight > 0) add(mix(NS.section, hashString('<none>')), sectionWeight);

      const indices = touched.slice(0, count);
      const values = new Float32Array(count);
      for (let k = 0; k < count; k++) {
        const i = indices[k]!;
        values[k] = idf ? scratch[i]! * idf[i]! : scratch[i]!;
        scratch[i] = 0;
        seen[i] = 0;
      }
      if (!options.raw) normalise(values);
      if (!vectors) return { indices, values };
      // Dense features after the hashed slots, each block at unit length × its weight.
      const d = vectors.dims;
      dense.fill(0);
      const own = embeddingOf(sentence.text)!;
      for (let j = 0; j < d; j++) dense[j] = own[j]! * ownWeight;
      const context = new Float32Array(d);
      for (const s of [prev, next]) {
        const e = s && embeddingOf(s.text);
        if (e) for (let j = 0; j < d; j++) context[j]! += e[j]!;
      }
      normalise(context);
      for (let j = 0; j < d; j++) dense[d + j] = context[j]! * contextWeight;
      if (wideWeight > 0) {
        // The wider neighbourhood (two to four sentences away, nearer ones weigh more): the section's topic.
        context.fill(0);
        for (let off = 2; off <= 4; off++)
          for (const s of [sentences[index - off], sentences[index + off]]) {
            const e = s && embeddingOf(s.text);
            if (e) for (let j = 0; j < d; j++) context[j]! += e[j]! / off;
          }
        normalise(context);
        for (let j = 0; j < d; j++) dense[2 * d + j] = context[j]! * wideWeight;
      }
      const base = 1 << options.bits;
      const allIndices = new Int32Array(count + dense.length);
      allIndices.set(indices);
      const allValues = new Float32Array(count + dense.length);
      allValues.set(values);
      for (let j = 0; j < dense.length; j++) {
        allIndices[count + j] = base + j;
        allValues[count + j] = dense[j]!;
      }
      return { indices: allIndices, values: allValues };
    },
  };
}
