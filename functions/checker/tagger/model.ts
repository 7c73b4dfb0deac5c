import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import type { SentenceTag } from '../../../schemas/check-result.ts';
import { applyPlatt } from './calibration.ts';
import { createFeatureBuilder, denseDims, type SentenceInContext, withMergedHeadings } from './features.ts';
import { AIMS_LABELS, type AimsLabel } from './labels.ts';
import { isTrainingSentence, mitigationTags } from './lexicon.ts';
import { stackFeatures, wordCount } from './stack.ts';
import { boostedProbability, boostedSchema } from './trees.ts';
import { loadVectors, type WordVectors } from './vectors.ts';

/**
 * The tagger at run time: the committed model (functions/checker/model/tagger.json and
 * tagger.bin, built by `npm run train`), hashed features, one multiply-add per non-zero and
 * label, a small second stage over the neighbours' probabilities, per-label thresholds. No network, no download.
 */
export const modelMetaSchema = z.object({
  format: z.literal('register-tagger/1'),
  bits: z.number().int().min(8).max(24),
  labels: z.array(z.enum(AIMS_LABELS)),
  thresholds: z.array(z.number()),
  /** Weight of the neighbours' mean probability added to a sentence's own, per label. */
  smoothing: z.array(z.number()),
  biases: z.array(z.number()),
  /** weights = int8 value × scale[label]. */
  scales: z.array(z.number()),
  /** IDF weights of the hashed features (tagger-idf.bin, uint8 × idfScale), when the model uses them. */
  idfScale: z.number().optional(),
  /** Second stage (tagger/stack.ts): boosted trees per label, when the model is stacked. */
  stage2: z.array(boostedSchema).optional(),
  /** Per-label Platt scaling of the smoothed scores (tagger/calibration.ts), fit on out-of-fold predictions. */
  calibration: z.object({ a: z.array(z.number()), b: z.array(z.number()) }).optional(),
  /** The thresholds on the calibrated scale (what `scores()` answers). */
  calibratedThresholds: z.array(z.number()).optional(),
  /** Dense features from word vectors (tagger/vectors.ts): their float weights, feature-major. */
  dense: z
    .object({
      vectorDims: z.number().int().positive(),
      ownWeight: z.number(),
      contextWeight: z.number(),
      /** Weight of the block of the sentences two to four away, when the model has one. */
      wideWeight: z.number().optional(),
      weights: z.array(z.number()),
    })
    .optional(),
  /** Statement-level decisions (tagger/statement-level.ts): per label bias, w₁, w₂. */
  statement: z.object({ coefficients: z.array(z.tuple([z.number(), z.number(), z.number()])) }).optional(),
  /** Weight of the section heading's words (features.ts), when the model reads them. */
  sectionWeight: z.number().optional(),
  /** Weight of the in-word character 3- to 5-grams (features.ts), when the model reads them. */
  wordCharWeight: z.number().optional(),
  /** Their lengths, shortest and longest (unset: 3 to 5). */
  wordCharRange: z.tuple([z.number().int().positive(), z.number().int().positive()]).optional(),
  /** Weight of the character 4-grams across the sentence (unset: 0.35, as before it was recorded). */
  charWeight: z.number().optional(),
  trainedOn: z.array(z.string()),
  trainedSentences: z.number().int(),
  recipe: z.record(z.string(), z.unknown()),
});
export type ModelMeta = z.infer<typeof modelMetaSchema>;

/** Where the model files are: beside this module, or CHECKER_MODEL_DIR (a bundled Lambda ships them there). */
export const MODEL_DIR = process.env.CHECKER_MODEL_DIR ?? join(import.meta.dirname, '../model');

export interface TaggerModel {
  meta: ModelMeta;
  /** Feature-major quantised weights: weights[f * labels + l]. */
  weights: Int8Array;
  idf?: Float32Array | undefined;
  vectors?: WordVectors | undefined;
}

export function loadMeta(dir: string = MODEL_DIR): ModelMeta {
  return modelMetaSchema.parse(JSON.parse(readFileSync(join(dir, 'tagger.json'), 'utf8')));
}

export function loadModel(dir: string = MODEL_DIR): TaggerModel {
  const meta = loadMeta(dir);
  const bytes = readFileSync(join(dir, 'tagger.bin'));
  const weights = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (weights.length !== (1 << meta.bits) * meta.labels.length)
    throw new Error('tagger.bin does not match tagger.json');
  if (!meta.dense) return { meta, weights };
  const vectors = loadVectors(dir, meta.dense.vectorDims);
  if (!vectors) throw new Error('tagger.json needs the word vectors (tagger-vectors.txt), which are missing');
  return { meta, weights, vectors };
}

/** Quantises float weights (feature-major) to int8 with one scale per label. */
export function quantise(weights: Float32Array, labels: number): { weights: Int8Array; scales: number[] } {
  const max = new Float64Array(labels);
  for (let i = 0; i < weights.length; i++)
    max[i % labels] = Math.max(max[i % labels]!, Math.abs(weights[i]!));
  const scales = Array.from(max, (m) => (m > 0 ? m / 127 : 1));
  const out = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++) out[i] = Math.round(weights[i]! / scales[i % labels]!);
  return { weights: out, scales };
}

export interface Tagger {
  /**
   * Probability of each AIMS label for each sentence (neighbour-smoothed, then calibrated on
   * out-of-fold predictions when the model has a calibration), in `meta.labels` order.
   */
  scores(sentences: readonly SentenceInContext[]): Float32Array[];
  /** AIMS labels of each sentence. */
  aimsLabels(sentences: readonly SentenceInContext[]): AimsLabel[][];
  /** The project's tags (criteria.md) of each sentence. */
  tag(sentences: readonly SentenceInContext[]): SentenceTag[][];
  /** `tag()` and `scores()` together from one pass of the model (what the checker needs). */
  analyse?(sentences: readonly SentenceInContext[]): { tags: SentenceTag[][]; scores: Float32Array[] };
}

const AIMS_TO_TAG: Partial<Record<AimsLabel, SentenceTag>> = {
  approval: 'approval',
  signature: 'signature',
  c1_reporting_entity: 'reporting_entity',
  c2_structure: 'structure',
  c2_operations: 'operations',
  c2_supply_chains: 'supply_chains',
  c3_risk_description: 'risk',
  c4_remediation: 'remediation',
  c5_effectiveness: 'effectiveness',
  c6_consultation: 'consultation',
};

/** Raw scores → smoothed scores: p'_i = p_i + s·(p_{i-1} + p_{i+1})/2. */
export function smooth(raw: readonly Float32Array[], smoothing: readonly number[]): Float32Array[] {
  return raw.map((p, i) => {
    const prev = raw[i - 1];
    const next = raw[i + 1];
    const out = new Float32Array(p.length);
    for (let l = 0; l < p.length; l++) {
      const neighbours = ((prev?.[l] ?? 0) + (next?.[l] ?? 0)) / 2;
      out[l] = p[l]! + (smoothing[l] ?? 0) * neighbours;
    }
    return out;
  });
}

export function createTagger(model: TaggerModel = loadModel()): Tagger {
  const { meta, weights } = model;
  const labels = meta.labels.length;
  const builder = createFeatureBuilder(
    {
      bits: meta.bits,
      vectors: model.vectors,
      ...(meta.dense ? { denseWeights: [meta.dense.ownWeight, meta.dense.contextWeight] as const } : {}),
      wideWeight: meta.dense?.wideWeight,
      sectionWeight: meta.sectionWeight,
      wordCharWeight: meta.wordCharWeight,
      wordCharRange: meta.wordCharRange,
      charWeight: meta.charWeight,
    },
    model.idf,
  );
  const sparseDims = 1 << meta.bits;
  const dense = meta.dense ? Float32Array.from(meta.dense.weights) : undefined;
  if (dense && dense.length !== denseDims(model.vectors, meta.dense?.wideWeight) * labels)
    throw new Error('tagger.json dense weights do not match the word vectors');
  const calibration = meta.calibration;
  const scales = Float32Array.from(meta.scales);
  const biases = Float32Array.from(meta.biases);
  const thresholds = meta.thresholds;

  function rawScores(input: readonly SentenceInContext[]): Float32Array[] {
    const sentences = withMergedHeadings(input);
    const margins = new Float32Array(labels);
    const denseMargins = new Float32Array(labels);
    return sentences.map((_, i) => {
      const x = builder.build(sentences, i);
      margins.fill(0);
      denseMargins.fill(0);
      for (let k = 0; k < x.indices.length; k++) {
        const index = x.indices[k]!;
        const value = x.values[k]!;
        if (index >= sparseDims) {
          const base = (index - sparseDims) * labels;
          for (let l = 0; l < labels; l++) denseMargins[l]! += dense![base + l]! * value;
          continue;
        }
        const base = index * labels;
        for (let l = 0; l < labels; l++) margins[l]! += weights[base + l]! * value;
      }
      const out = new Float32Array(labels);
      for (let l = 0; l < labels; l++)
        out[l] = 1 / (1 + Math.exp(-(margins[l]! * scales[l]! + denseMargins[l]! + biases[l]!)));
      return out;
    });
  }

  const stage2 = meta.stage2;

  function stacked(first: Float32Array[], sentences: readonly SentenceInContext[]): Float32Array[] {
    if (!stage2) return first;
    const words = sentences.map((s) => wordCount(s.text));
    return stackFeatures(first, labels, words).map((x) =>
      Float32Array.from(stage2, (trees) => boostedProbability(trees, x)),
    );
  }

  const smoothed = (sentences: readonly SentenceInContext[]) =>
    smooth(stacked(rawScores(sentences), sentences), meta.smoothing);

  function calibrated(smoothedScores: readonly Float32Array[]): Float32Array[] {
    if (!calibration) return smoothedScores.map((p) => Float32Array.from(p));
    return smoothedScores.map((p) =>
      Float32Array.from(p, (v, l) => applyPlatt({ a: calibration.a[l]!, b: calibration.b[l]! }, v)),
    );
  }

  // Decisions on the smoothed scores against the thresholds chosen for them (calibration is monotone).
  const decide = (smoothedScores: readonly Float32Array[]) =>
    smoothedScores.map((p) => meta.labels.filter((_, l) => p[l]! >= thresholds[l]!));

  function tagsOf(found: readonly AimsLabel[][], sentences: readonly SentenceInContext[]): SentenceTag[][] {
    return found.map((labelsFound, i) => {
      const text = sentences[i]!.text;
      const tags = new Set<SentenceTag>();
      for (const label of labelsFound) {
        if (label === 'c4_risk_mitigation') for (const tag of mitigationTags(text)) tags.add(tag);
        else {
          const tag = AIMS_TO_TAG[label];
          if (tag) tags.add(tag);
        }
      }
      if (isTrainingSentence(text)) tags.add('training');
      return [...tags];
    });
  }

  return {
    scores: (sentences) => calibrated(smoothed(sentences)),
    aimsLabels: (sentences) => decide(smoothed(sentences)),
    tag: (sentences) => tagsOf(decide(smoothed(sentences)), sentences),
    analyse(sentences) {
      const s = smoothed(sentences);
      return { tags: tagsOf(decide(s), sentences), scores: calibrated(s) };
    },
  };
}

let shared: Tagger | undefined;
/** The committed model, loaded once per process. */
export function defaultTagger(): Tagger {
  shared ??= createTagger();
  return shared;
}
