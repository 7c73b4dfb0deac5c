import { applyPlatt, fitPlatt, type Platt } from '../tagger/calibration.ts';
import {
  createFeatureBuilder,
  denseDims,
  inverseDocumentFrequency,
  normalise,
  type SparseVector,
} from '../tagger/features.ts';
import { AIMS_LABELS, type AimsLabel } from '../tagger/labels.ts';
import { MODEL_DIR, smooth } from '../tagger/model.ts';
import { stackFeatures, wordCount } from '../tagger/stack.ts';
import { fitStatementLabel, statementFeatures, statementProbability } from '../tagger/statement-level.ts';
import { type Boosted, boostedProbability } from '../tagger/trees.ts';
import { loadVectors, type WordVectors } from '../tagger/vectors.ts';
import { type BoostOptions, binFeatures, trainBoosted } from './boost.ts';
import { type AimsStatement, annotatedLabels } from './data.ts';
import {
  type LinearModel,
  predictProbabilities,
  seededRandom,
  type TrainOptions,
  trainLogReg,
} from './logreg.ts';
import { VECTOR_DIMS } from './vectors.ts';

/** The training recipe: one place, so train.ts and eval.ts cannot drift apart. */
export const RECIPE = {
  bits: 18,
  epochs: 8,
  /** Tail averaging of the weights (0: off; averaging from epoch 4 scored 0.646 against 0.648). */
  averageFrom: 0,
  /** L2 (5e-5 and 1e-4 scored the same across datasets, session 7). */
  lambda: 2e-5,
  eta0: 0.5,
  positiveWeight: 2,
  seed: Number(process.env.TAGGER_EXPERIMENT_SEED ?? 20250),
  innerFolds: 4,
  /** Per-label positive weight (neg/pos)^power (0: off; 0.5 lost CA→AU approval recall, 0.523 against 0.552). */
  classWeightPower: 0,
  /** Extra learning-rate decay per epoch (0: off; 1 scored the same across datasets). */
  decay: 0,
  /**
   * The shipped model averages the weights of this many runs with different shuffles (less SGD
   * noise, same size and speed at run time): AU→CA 0.600 / CA→AU 0.590 against 0.591 / 0.578 with
   * one run. The inner-fold models stay single runs (averaging them too scored 0.580 / 0.580).
   */
  finalSeeds: 5,
  /** Dense features from the word vectors (tagger/vectors.ts): off → hashed features only. */
  vectors: process.env.TAGGER_EXPERIMENT_DENSE !== '0',
  /** Weights of the sentence's and its neighbours' mean word vectors beside the unit-length hashed features. */
  denseWeights: (process.env.TAGGER_EXPERIMENT_DENSE?.split(',').map(Number) ?? [
    0.5, 0.25,
  ]) as unknown as readonly [number, number],
  /** Weight of the dense block of the sentences two to four away (0: off). */
  wideWeight: Number(process.env.TAGGER_EXPERIMENT_WIDE ?? 0),
  /** Weight of the section heading's words (0: off). */
  sectionWeight: Number(process.env.TAGGER_EXPERIMENT_SECTION ?? 0),
  /**
   * Weight of the in-word character 3- to 5-grams (tagger/features.ts; 0: off). Session 8: with
   * the sentence-wide 4-grams off (`TAGGER_EXPERIMENT_WORDCHARS=0.35 TAGGER_EXPERIMENT_CHARS=0`)
   * it won across datasets but lost one verdict of the realistic set; kept off (README model card).
   */
  wordCharWeight: Number(process.env.TAGGER_EXPERIMENT_WORDCHARS?.split(',')[0] ?? 0),
  /** Their lengths (`TAGGER_EXPERIMENT_WORDCHARS=weight,shortest,longest`). */
  wordCharRange: (process.env.TAGGER_EXPERIMENT_WORDCHARS?.split(',').slice(1).map(Number) ?? [])
    .concat([3, 5])
    .slice(0, 2) as unknown as readonly [number, number],
  /** Weight of the character 4-grams across the sentence. */
  charWeight: Number(process.env.TAGGER_EXPERIMENT_CHARS ?? 0.35),
} as const;

/** The committed word-vector table (built by train/vectors.ts), when the recipe uses it. */
export function recipeVectors(): WordVectors | undefined {
  if (!RECIPE.vectors) return undefined;
  const vectors = loadVectors(MODEL_DIR, VECTOR_DIMS);
  if (!vectors) throw new Error('No word vectors in functions/checker/model: run `npm run train` once');
  return vectors;
}

export interface FeaturisedDoc {
  id: string;
  jurisdiction: string;
  /** Raw feature counts, before IDF weighting and normalisation. */
  raw: SparseVector[];
  /** The vectors the model reads (see prepare()). */
  x: SparseVector[];
  /** Per sentence, per AIMS label: 1 positive, 0 negative, 2 not annotated by this dataset. */
  y: Uint8Array[];
  statementLabels: Record<string, boolean>;
  /** Words per sentence (a second-stage feature). */
  words: number[];
}

/** The feature builder with the recipe's settings, for labelled and unlabelled documents alike. */
function recipeFeatureBuilder(bits: number, vectors: WordVectors | undefined) {
  return createFeatureBuilder({
    bits,
    raw: true,
    vectors,
    denseWeights: RECIPE.denseWeights,
    wideWeight: RECIPE.wideWeight,
    sectionWeight: RECIPE.sectionWeight,
    wordCharWeight: RECIPE.wordCharWeight,
    wordCharRange: RECIPE.wordCharRange,
    charWeight: RECIPE.charWeight,
  });
}

export function featurise(
  statements: readonly AimsStatement[],
  bits: number = RECIPE.bits,
  vectors: WordVectors | undefined = recipeVectors(),
): FeaturisedDoc[] {
  const builder = recipeFeatureBuilder(bits, vectors);
  denseCount = denseDims(vectors, RECIPE.wideWeight);
  return statements.map((statement) => {
    const sentences = statement.sentences.map((s) => ({ text: s.text }));
    const annotated = annotatedLabels(statement);
    const raw = sentences.map((_, i) => builder.build(sentences, i));
    return {
      id: statement.id,
      jurisdiction: statement.jurisdiction,
      raw,
      x: raw.map((v) => weigh(v, undefined, bits)),
      y: statement.sentences.map((s) =>
        Uint8Array.from(AIMS_LABELS, (label) =>
          annotated.has(label) ? (s.labels.includes(label) ? 1 : 0) : 2,
        ),
      ),
      statementLabels: statement.labels,
      words: statement.sentences.map((s) => wordCount(s.text)),
    };
  });
}

/** IDF weighting of the hashed features: tried, scored 0.613, kept off. */
export const USE_IDF = false as boolean;

/** Dense features the featurised documents carry after the hashed slots (0: none). */
let denseCount = 0;

/** IDF-weighs and normalises the hashed part; the dense part (indices ≥ 2^bits) is already scaled. */
function weigh(v: SparseVector, idf: Float32Array | undefined, bits: number): SparseVector {
  const sparse = (1 << bits) - 1;
  let n = 0;
  while (n < v.indices.length && v.indices[n]! <= sparse) n++;
  const values = Float32Array.from(v.values, (value, k) =>
    idf && k < n ? value * idf[v.indices[k]!]! : value,
  );
  const head = values.subarray(0, n);
  normalise(head);
  return { indices: v.indices, values };
}

/** The documents' vectors as a model with this IDF table reads them. */
export function prepare(
  docs: readonly FeaturisedDoc[],
  idf: Float32Array | undefined,
  bits: number = RECIPE.bits,
): FeaturisedDoc[] {
  return docs.map((d) => ({ ...d, x: d.raw.map((v) => weigh(v, idf, bits)) }));
}

export interface TrainedTagger extends Decision {
  /** IDF weights of the hashed features, from the training sentences. */
  idf?: Float32Array | undefined;
  model: LinearModel;
  /** The stacked second stage per label (tagger/stack.ts), trained on out-of-fold first-stage probabilities. */
  stage2?: Boosted[] | undefined;
  /** Per-label Platt scaling of the smoothed scores, fit on out-of-fold predictions. */
  calibration: Platt[];
  calibratedThresholds: Float32Array;
  /** Statement-level coefficients per label (tagger/statement-level.ts). */
  statement: [number, number, number][];
}

/**
 * The stacked second stage (boosted trees over the first stage's out-of-fold probabilities, with
 * nested inner folds for its own thresholds): tried, kept off (`TAGGER_EXPERIMENT_STACK=1`;
 * AU→CA 0.544 / CA→AU 0.555 against 0.597 / 0.606 without; see the README model card).
 */
export const STACKED = process.env.TAGGER_EXPERIMENT_STACK === '1';

export const STAGE2: BoostOptions = {
  trees: Number(process.env.TAGGER_EXPERIMENT_TREES ?? 60),
  depth: Number(process.env.TAGGER_EXPERIMENT_DEPTH ?? 3),
  learningRate: 0.1,
  lambda: 1,
  minHessian: 1,
};

/**
 * The first stage the shipped model uses: `full`, a model trained on all the training data
 * (finalSeeds shuffles averaged), or `folds`, the average of the inner-fold models, whose
 * probabilities are distributed like the out-of-fold ones the second stage was trained on.
 */
export const FIRST_STAGE = (process.env.TAGGER_EXPERIMENT_FIRST ?? 'full') as 'full' | 'folds';

function trainStage2(probabilities: readonly Float32Array[][], docs: readonly FeaturisedDoc[]): Boosted[] {
  const L = AIMS_LABELS.length;
  const rows = probabilities.flatMap((p, di) => stackFeatures(p, L, docs[di]!.words));
  const y = docs.flatMap((d) => d.y);
  const binned = binFeatures(rows);
  return AIMS_LABELS.map((_, l) => {
    const members: number[] = [];
    const targets: number[] = [];
    y.forEach((labels, r) => {
      if (labels[l] === 2) return;
      members.push(r);
      targets.push(labels[l]!);
    });
    return trainBoosted(binned, Int32Array.from(members), Uint8Array.from(targets), STAGE2);
  });
}

function applyStage2(
  stage2: readonly Boosted[],
  probabilities: readonly Float32Array[][],
  docs: readonly Pick<FeaturisedDoc, 'words'>[],
): Float32Array[][] {
  const L = AIMS_LABELS.length;
  return probabilities.map((p, di) =>
    stackFeatures(p, L, docs[di]!.words).map((x) =>
      Float32Array.from(stage2, (m) => boostedProbability(m, x)),
    ),
  );
}

/** Final probabilities of each sentence of each document. */
export function predictTagger(
  tagger: Pick<TrainedTagger, 'model' | 'stage2'>,
  docs: readonly FeaturisedDoc[],
): Float32Array[][] {
  const first = predictDocs(tagger.model, docs);
  return tagger.stage2 ? applyStage2(tagger.stage2, first, docs) : first;
}

function trainOptions(bits: number): TrainOptions {
  return {
    dims: (1 << bits) + denseCount,
    labels: AIMS_LABELS.length,
    epochs: RECIPE.epochs,
    lambda: RECIPE.lambda,
    eta0: RECIPE.eta0,
    positiveWeight: RECIPE.positiveWeight,
    classWeightPower: RECIPE.classWeightPower,
    decay: RECIPE.decay,
    seed: RECIPE.seed,
    ...(RECIPE.averageFrom ? { averageFrom: RECIPE.averageFrom } : {}),
  };
}

export function trainModel(
  docs: readonly FeaturisedDoc[],
  bits: number = RECIPE.bits,
  seeds: number = 1,
  seed: number = RECIPE.seed,
): LinearModel {
  const x = docs.flatMap((d) => d.x);
  const y = docs.flatMap((d) => d.y);
  const models = Array.from({ length: seeds }, (_, s) =>
    trainLogReg(x, y, { ...trainOptions(bits), seed: seed + 1000 * s }),
  );
  // Averaged weights of runs that saw the examples in different orders: one linear model, less SGD noise.
  return averageModels(models);
}

function averageModels(models: readonly LinearModel[]): LinearModel {
  if (models.length === 1) return models[0]!;
  const first = models[0]!;
  const weights = new Float32Array(first.weights.length);
  const biases = new Float32Array(first.biases.length);
  for (const m of models) {
    for (let i = 0; i < weights.length; i++) weights[i]! += m.weights[i]! / models.length;
    for (let l = 0; l < biases.length; l++) biases[l]! += m.biases[l]! / models.length;
  }
  return { ...first, weights, biases };
}

export function predictDocs(model: LinearModel, docs: readonly FeaturisedDoc[]): Float32Array[][] {
  return docs.map((d) => d.x.map((x) => predictProbabilities(model, x)));
}

/** Splits documents into k folds, deterministically, keeping each dataset spread evenly over them. */
export function foldsOf<T extends { id: string; jurisdiction: string }>(
  docs: readonly T[],
  k: number,
  seed: number,
) {
  const random = seededRandom(seed);
  const byJurisdiction = new Map<string, number[]>();
  docs.forEach((d, i) => {
    byJurisdiction.set(d.jurisdiction, [...(byJurisdiction.get(d.jurisdiction) ?? []), i]);
  });
  const fold = new Array<number>(docs.length).fill(0);
  let offset = 0;
  for (const indices of byJurisdiction.values()) {
    for (let i = indices.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [indices[i], indices[j]] = [indices[j]!, indices[i]!];
    }
    indices.forEach((docIndex, n) => {
      fold[docIndex] = (n + offset) % k;
    });
    offset += indices.length;
  }
  return fold;
}

/** Thresholds from the middle of the near-best plateau of F1 (0: the single best point). */
const PLATEAU = Number(process.env.TAGGER_EXPERIMENT_PLATEAU ?? 0);

export const SMOOTHING_GRID = [0, 0.25, 0.5, 0.75] as const;

export interface Decision {
  thresholds: Float32Array;
  smoothing: Float32Array;
}

/**
 * Per label, the neighbour smoothing and threshold that maximise F1 over the given (out-of-fold)
 * predictions.
 */
export function chooseDecision(probabilities: Float32Array[][], docs: readonly FeaturisedDoc[]): Decision {
  const L = AIMS_LABELS.length;
  const thresholds = new Float32Array(L).fill(0.5);
  const smoothing = new Float32Array(L);
  const best = new Float64Array(L).fill(-1);
  const curve: [number, number, number][][] = Array.from({ length: L }, () => []);
  for (const s of SMOOTHING_GRID) {
    const smoothed = probabilities.map((doc) => smooth(doc, new Array(L).fill(s)));
    for (let l = 0; l < L; l++) {
      for (let t = 0.1; t <= 0.9 * (1 + s) + 1e-9; t += 0.025) {
        let tp = 0;
        let fp = 0;
        let fn = 0;
        docs.forEach((d, di) => {
          d.y.forEach((y, si) => {
            if (y[l] === 2) return;
            const predicted = smoothed[di]![si]![l]! >= t;
            if (predicted && y[l] === 1) tp++;
            else if (predicted) fp++;
            else if (y[l] === 1) fn++;
          });
        });
        const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
        curve[l]!.push([s, t, f1]);
        if (f1 > best[l]! + 1e-9) {
          best[l] = f1;
          thresholds[l] = t;
          smoothing[l] = s;
        }
      }
    }
  }
  if (PLATEAU > 0)
    for (let l = 0; l < L; l++) {
      // The middle of the thresholds within PLATEAU of the best F1 (at the best smoothing): a
      // single best point is noisy when a label has few positive sentences.
      const near = curve[l]!.filter(([s, , f1]) => s === smoothing[l] && f1 >= best[l]! - PLATEAU);
      thresholds[l] = near[Math.floor(near.length / 2)]![1];
    }
  return { thresholds, smoothing };
}

/**
 * Trains on `docs` with thresholds chosen by inner cross-validation inside `docs` only (the
 * out-of-fold predictions of models that never saw the sentence), then fits on all of `docs`.
 */
export function trainWithThresholds(
  raw: readonly FeaturisedDoc[],
  bits: number = RECIPE.bits,
): TrainedTagger {
  const idf = USE_IDF
    ? inverseDocumentFrequency(
        raw.flatMap((d) => d.raw),
        bits,
      )
    : undefined;
  const docs = idf ? prepare(raw, idf) : raw;
  const k = RECIPE.innerFolds;
  const fold = foldsOf(docs, k, RECIPE.seed + 1);
  const oof: Float32Array[][] = docs.map(() => []);
  const foldModels: LinearModel[] = [];
  for (let f = 0; f < k; f++) {
    const train = docs.filter((_, i) => fold[i] !== f);
    const model = trainModel(train, bits);
    foldModels.push(model);
    docs.forEach((d, i) => {
      if (fold[i] === f) oof[i] = d.x.map((x) => predictProbabilities(model, x));
    });
  }
  const model =
    FIRST_STAGE === 'folds' ? averageModels(foldModels) : trainModel(docs, bits, RECIPE.finalSeeds);
  let first = oof;
  let stage2: Boosted[] | undefined;
  if (STACKED) {
    // Thresholds, smoothing and calibration need second-stage predictions the second stage never
    // saw: the same inner folds again, over the first stage's out-of-fold probabilities.
    first = docs.map(() => []);
    for (let f = 0; f < k; f++) {
      const inFold = (i: number) => fold[i] === f;
      const trees = trainStage2(
        oof.filter((_, i) => !inFold(i)),
        docs.filter((_, i) => !inFold(i)),
      );
      const held = docs.map((_, i) => i).filter(inFold);
      const predicted = applyStage2(
        trees,
        held.map((i) => oof[i]!),
        held.map((i) => docs[i]!),
      );
      held.forEach((i, j) => {
        first[i] = predicted[j]!;
      });
    }
    stage2 = trainStage2(oof, docs);
  }
  const decision = chooseDecision(first, docs);
  return {
    model,
    stage2,
    idf,
    ...decision,
    ...calibrateAndFitStatements(first, docs, decision),
  };
}

/**
 * From out-of-fold (first-stage) probabilities: per-label Platt scaling of the smoothed scores,
 * the thresholds on the calibrated scale, and the statement-level coefficients fit on the
 * calibrated out-of-fold probabilities.
 */
function calibrateAndFitStatements(
  oof: Float32Array[][],
  docs: readonly FeaturisedDoc[],
  decision: Decision,
): Pick<TrainedTagger, 'calibration' | 'calibratedThresholds' | 'statement'> {
  const L = AIMS_LABELS.length;
  const smoothed = oof.map((p) => smooth(p, Array.from(decision.smoothing)));
  const calibration: Platt[] = [];
  for (let l = 0; l < L; l++) {
    const scores: number[] = [];
    const targets: number[] = [];
    docs.forEach((d, di) => {
      d.y.forEach((y, si) => {
        if (y[l] === 2) return;
        scores.push(smoothed[di]![si]![l]!);
        targets.push(y[l]!);
      });
    });
    calibration.push(fitPlatt(scores, targets));
  }
  const calibratedThresholds = Float32Array.from(decision.thresholds, (t, l) =>
    applyPlatt(calibration[l]!, t),
  );
  const calibrated = calibrate(smoothed, calibration);
  const statement = AIMS_LABELS.map((label, l): [number, number, number] => {
    const z: [number, number][] = [];
    const targets: boolean[] = [];
    docs.forEach((d, di) => {
      const gold = d.statementLabels[label];
      if (gold === undefined) return;
      z.push(statementFeatures(calibrated[di]!, l, calibratedThresholds[l]!));
      targets.push(gold);
    });
    return fitStatementLabel(z, targets);
  });
  return { calibration, calibratedThresholds, statement };
}

/** Smoothed scores → calibrated probabilities. */
export function calibrate(smoothed: Float32Array[][], calibration: readonly Platt[]): Float32Array[][] {
  return smoothed.map((doc) =>
    doc.map((p) => Float32Array.from(p, (v, l) => applyPlatt(calibration[l]!, v))),
  );
}

/** Statement-level decisions of each document from its final (unsmoothed) probabilities. */
export function decideStatements(
  probabilities: Float32Array[][],
  tagger: Pick<TrainedTagger, 'smoothing' | 'calibration' | 'calibratedThresholds' | 'statement'>,
): { probability: number[]; addressed: boolean[] }[] {
  const calibrated = calibrate(
    probabilities.map((p) => smooth(p, Array.from(tagger.smoothing))),
    tagger.calibration,
  );
  return calibrated.map((doc) => {
    const probability = AIMS_LABELS.map((_, l) =>
      statementProbability(tagger.statement[l]!, statementFeatures(doc, l, tagger.calibratedThresholds[l]!)),
    );
    return { probability, addressed: probability.map((p) => p >= 0.5) };
  });
}

/** Statement-level accuracy per label of statement decisions. */
export function statementDecisionAccuracy(
  decisions: readonly { addressed: boolean[] }[],
  docs: readonly FeaturisedDoc[],
  labels: readonly AimsLabel[],
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const label of labels) {
    const l = AIMS_LABELS.indexOf(label);
    let correct = 0;
    let total = 0;
    docs.forEach((d, di) => {
      const gold = d.statementLabels[label];
      if (gold === undefined) return;
      total++;
      if (decisions[di]!.addressed[l] === gold) correct++;
    });
    result[label] = total ? correct / total : Number.NaN;
  }
  return result;
}

/** Expected calibration error (10 equal-width bins) of calibrated probabilities, per label. */
export function calibrationError(
  calibrated: Float32Array[][],
  docs: readonly FeaturisedDoc[],
  label: number,
): number {
  const count = new Float64Array(10);
  const sumP = new Float64Array(10);
  const sumY = new Float64Array(10);
  let n = 0;
  docs.forEach((d, di) => {
    d.y.forEach((y, si) => {
      if (y[label] === 2) return;
      const p = calibrated[di]![si]![label]!;
      const bin = Math.min(9, Math.floor(p * 10));
      count[bin]!++;
      sumP[bin]! += p;
      sumY[bin]! += y[label]!;
      n++;
    });
  });
  let error = 0;
  for (let b = 0; b < 10; b++) if (count[b]) error += Math.abs(sumP[b]! - sumY[b]!) / n;
  return error;
}

export interface LabelScore {
  label: AimsLabel;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export function scoreSentences(
  predictions: readonly boolean[][][],
  docs: readonly FeaturisedDoc[],
  labels: readonly AimsLabel[],
): LabelScore[] {
  return labels.map((label) => {
    const l = AIMS_LABELS.indexOf(label);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    docs.forEach((d, di) => {
      d.y.forEach((y, si) => {
        if (y[l] === 2) return;
        const predicted = predictions[di]![si]![l]!;
        if (predicted && y[l] === 1) tp++;
        else if (predicted) fp++;
        else if (y[l] === 1) fn++;
      });
    });
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, tp, fp, fn, precision, recall, f1 };
  });
}

/** Statement level: a statement meets a criterion when any of its sentences does. */
export function statementAccuracy(
  predictions: readonly boolean[][][],
  docs: readonly FeaturisedDoc[],
  labels: readonly AimsLabel[],
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const label of labels) {
    const l = AIMS_LABELS.indexOf(label);
    let correct = 0;
    let total = 0;
    docs.forEach((d, di) => {
      const gold = d.statementLabels[label];
      if (gold === undefined) return;
      const predicted = predictions[di]!.some((p) => p[l]);
      total++;
      if (predicted === gold) correct++;
    });
    result[label] = total ? correct / total : Number.NaN;
  }
  return result;
}

export function decide(probabilities: Float32Array[][], decision: Decision): boolean[][][] {
  return probabilities.map((doc) =>
    smooth(doc, Array.from(decision.smoothing)).map((p) =>
      Array.from(p, (value, l) => value >= decision.thresholds[l]!),
    ),
  );
}
