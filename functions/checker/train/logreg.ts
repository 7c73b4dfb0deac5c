import type { SparseVector } from '../tagger/features.ts';

/**
 * One-vs-rest logistic regression over hashed sparse features, trained by SGD with L2
 * (Bottou's scaled-weights trick, so each step costs only the example's non-zeros).
 * Deterministic: the shuffle uses a seeded generator.
 */
export interface TrainOptions {
  dims: number;
  labels: number;
  epochs: number;
  lambda: number;
  eta0: number;
  /** Weight of a positive example relative to a negative one, per label. */
  positiveWeight: number;
  /**
   * When > 0, each label's positive weight is (negatives / positives)^power, clamped to [1, 10]
   * (rare labels weigh more), instead of `positiveWeight`.
   */
  classWeightPower?: number;
  seed: number;
  /** Learning-rate decay per epoch: eta = eta0 / (1 + lambda·eta0·t + decay·epoch-fraction). */
  decay?: number;
  /** Average the weights at the end of each epoch from this one (1-based) on; unset: no averaging. */
  averageFrom?: number;
}

export interface LinearModel {
  dims: number;
  labels: number;
  /** Feature-major: weights[f * labels + l]. */
  weights: Float32Array;
  biases: Float32Array;
}

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
}

export function trainLogReg(
  examples: readonly SparseVector[],
  targets: readonly Uint8Array[],
  options: TrainOptions,
): LinearModel {
  const { dims, labels, epochs, lambda, eta0 } = options;
  const v = new Float32Array(dims * labels);
  const scale = new Float64Array(labels).fill(1);
  const biases = new Float64Array(labels);
  const order = examples.map((_, i) => i);
  const random = seededRandom(options.seed);
  const positives = new Float64Array(labels);
  for (const t of targets) for (let l = 0; l < labels; l++) positives[l]! += t[l] === 1 ? 1 : 0;
  // Prior log-odds for the bias, so early steps are not spent learning the base rate.
  for (let l = 0; l < labels; l++) {
    const p = (positives[l]! + 1) / (examples.length + 2);
    biases[l] = Math.log(p / (1 - p));
  }
  const decay = options.decay ?? 0;
  const power = options.classWeightPower ?? 0;
  const positiveWeights = Float64Array.from(positives, (pos) =>
    power > 0
      ? Math.min(10, Math.max(1, ((examples.length - pos) / Math.max(1, pos)) ** power))
      : options.positiveWeight,
  );
  const margins = new Float64Array(labels);
  // Tail averaging: the weights at the end of each epoch from `averageFrom` on are averaged,
  // which smooths out SGD's last noisy steps.
  const averageFrom = options.averageFrom ?? epochs + 1;
  const sum = new Float64Array(dims * labels);
  const biasSum = new Float64Array(labels);
  let snapshots = 0;
  let t = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const e of order) {
      const x = examples[e]!;
      const y = targets[e]!;
      const eta = eta0 / (1 + lambda * eta0 * t + decay * (t / order.length));
      t++;
      margins.set(biases);
      for (let k = 0; k < x.indices.length; k++) {
        const base = x.indices[k]! * labels;
        const value = x.values[k]!;
        for (let l = 0; l < labels; l++) margins[l]! += v[base + l]! * scale[l]! * value;
      }
      for (let l = 0; l < labels; l++) {
        const target = y[l]!;
        // 2 marks a label the example's dataset does not annotate (AIMS.ca has no c1/c6).
        if (target === 2) continue;
        const p = 1 / (1 + Math.exp(-margins[l]!));
        const weight = target ? positiveWeights[l]! : 1;
        const gradient = (p - target) * weight;
        scale[l]! *= 1 - eta * lambda;
        if (scale[l]! < 1e-9) {
          for (let f = 0; f < dims; f++) v[f * labels + l]! *= scale[l]!;
          scale[l] = 1;
        }
        if (gradient === 0) continue;
        const step = (eta * gradient) / scale[l]!;
        for (let k = 0; k < x.indices.length; k++) v[x.indices[k]! * labels + l]! -= step * x.values[k]!;
        biases[l]! -= eta * gradient * 0.1;
      }
    }
    if (epoch + 1 >= averageFrom) {
      for (let i = 0; i < sum.length; i++) sum[i]! += v[i]! * scale[i % labels]!;
      for (let l = 0; l < labels; l++) biasSum[l]! += biases[l]!;
      snapshots++;
    }
  }
  const weights = new Float32Array(dims * labels);
  if (snapshots) {
    for (let i = 0; i < sum.length; i++) weights[i] = sum[i]! / snapshots;
    return { dims, labels, weights, biases: Float32Array.from(biasSum, (b) => b / snapshots) };
  }
  for (let f = 0; f < dims; f++)
    for (let l = 0; l < labels; l++) weights[f * labels + l] = v[f * labels + l]! * scale[l]!;
  return { dims, labels, weights, biases: Float32Array.from(biases) };
}

/** Probabilities of each label for one example. */
export function predictProbabilities(
  model: LinearModel,
  x: SparseVector,
  out = new Float32Array(model.labels),
) {
  const { labels, weights, biases } = model;
  out.set(biases);
  for (let k = 0; k < x.indices.length; k++) {
    const base = x.indices[k]! * labels;
    const value = x.values[k]!;
    for (let l = 0; l < labels; l++) out[l]! += weights[base + l]! * value;
  }
  for (let l = 0; l < labels; l++) out[l] = 1 / (1 + Math.exp(-out[l]!));
  return out;
}
