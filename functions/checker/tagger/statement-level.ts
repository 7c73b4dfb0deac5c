import { AIMS_LABELS, type AimsLabel } from './labels.ts';
import { loadMeta, type ModelMeta } from './model.ts';

/**
 * Statement level: does the statement address a criterion? Per label, a small logistic model over
 * the statement's two strongest sentences, p = σ(b + w₁·z₁ + w₂·z₂) with zₖ = logit(k-th highest
 * sentence probability) − logit(the label's sentence threshold). Fit on out-of-fold sentence
 * probabilities inside the training data, with a Gaussian prior centred on the rule "addressed
 * when its strongest sentence passes the sentence threshold" (b = 0, w₁ = PRIOR_SLOPE, w₂ = 0), so a
 * label with few or one-sided training statements keeps that rule.
 */
export interface StatementModel {
  /** Per label (the model's label order): bias, w₁, w₂. */
  coefficients: [number, number, number][];
}

export interface StatementScore {
  /** Calibrated probability that the statement addresses the criterion. */
  probability: number;
  addressed: boolean;
}

export const PRIOR_SLOPE = 2;
/** Precision of the prior (the L2 weight pulling the coefficients to it). */
export const PRIOR_PRECISION = 2;

const logit = (p: number) => {
  const q = Math.min(1 - 1e-4, Math.max(1e-4, p));
  return Math.log(q / (1 - q));
};
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** z₁, z₂ of one label: the two highest sentence probabilities, centred on the threshold. */
export function statementFeatures(
  scores: readonly Float32Array[],
  label: number,
  threshold: number,
): [number, number] {
  let top1 = 0;
  let top2 = 0;
  for (const p of scores) {
    const v = p[label]!;
    if (v > top1) {
      top2 = top1;
      top1 = v;
    } else if (v > top2) top2 = v;
  }
  const centre = logit(threshold);
  return [logit(top1) - centre, logit(top2) - centre];
}

export function statementProbability(coefficients: readonly number[], z: readonly [number, number]): number {
  return sigmoid(coefficients[0]! + coefficients[1]! * z[0] + coefficients[2]! * z[1]);
}

/** Fits one label's coefficients by Newton's method (MAP under the prior). */
export function fitStatementLabel(
  features: readonly (readonly [number, number])[],
  targets: readonly boolean[],
): [number, number, number] {
  const prior = [0, PRIOR_SLOPE, 0];
  const beta = [...prior];
  for (let iteration = 0; iteration < 30; iteration++) {
    const g = beta.map((b, k) => PRIOR_PRECISION * (b - prior[k]!));
    const h = [0, 1, 2].map((r) => [0, 1, 2].map((c) => (r === c ? PRIOR_PRECISION : 0)));
    features.forEach((z, i) => {
      const x = [1, z[0], z[1]];
      const p = sigmoid(beta[0]! + beta[1]! * z[0] + beta[2]! * z[1]);
      const w = p * (1 - p);
      const d = p - (targets[i] ? 1 : 0);
      for (let r = 0; r < 3; r++) {
        g[r]! += d * x[r]!;
        for (let c = 0; c < 3; c++) h[r]![c]! += w * x[r]! * x[c]!;
      }
    });
    const step = solve3(h, g);
    for (let k = 0; k < 3; k++) beta[k]! -= step[k]!;
    if (step.reduce((n, s) => n + Math.abs(s), 0) < 1e-9) break;
  }
  return [beta[0]!, beta[1]!, beta[2]!];
}

function solve3(a: number[][], b: number[]): number[] {
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < 3; col++) {
    let pivot = col;
    for (let r = col + 1; r < 3; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = 0; r < 3; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / m[col]![col]!;
      for (let c = col; c < 4; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return [0, 1, 2].map((i) => m[i]![3]! / m[i]![i]!);
}

/** Statement-level decisions from calibrated sentence scores and a model's meta. */
export function statementScoresWith(
  meta: Pick<ModelMeta, 'labels' | 'calibratedThresholds' | 'statement'>,
  scores: readonly Float32Array[],
): Record<AimsLabel, StatementScore> {
  const result = {} as Record<AimsLabel, StatementScore>;
  meta.labels.forEach((label, l) => {
    const coefficients = meta.statement?.coefficients[l] ?? [0, PRIOR_SLOPE, 0];
    const threshold = meta.calibratedThresholds?.[l] ?? 0.5;
    const probability = statementProbability(coefficients, statementFeatures(scores, l, threshold));
    result[label] = { probability, addressed: probability >= 0.5 };
  });
  for (const label of AIMS_LABELS) result[label] ??= { probability: 0, addressed: false };
  return result;
}

let meta: ModelMeta | undefined;
/**
 * Does the statement address each criterion? `scores` are `Tagger.scores()` of its sentences
 * (the committed model's), in document order.
 */
export function statementScores(scores: readonly Float32Array[]): Record<AimsLabel, StatementScore> {
  meta ??= loadMeta();
  return statementScoresWith(meta, scores);
}
