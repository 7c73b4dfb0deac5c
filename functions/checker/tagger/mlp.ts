import type { SparseVector } from './features.ts';

/** The one-hidden-layer network averaged with the logistic model (train/mlp.ts trains it). */
export interface Mlp {
  bits: number;
  sparseDims: number;
  hidden: number;
  labels: number;
  /** First layer, row-major: w1[row * hidden + j]; rows are the folded hashed slots, then the dense features. */
  w1: Float32Array;
  b1: Float32Array;
  /** Second layer: w2[j * labels + l]. */
  w2: Float32Array;
  b2: Float32Array;
}

/** The first-layer row of a feature: hashed slots folded onto 2^bits rows, dense features after them. */
export function mlpRow(index: number, sparseDims: number, bits: number): number {
  return index < sparseDims ? index & ((1 << bits) - 1) : (1 << bits) + index - sparseDims;
}

/** Label probabilities of one feature vector. */
export function mlpProbabilities(m: Mlp, x: SparseVector, out = new Float32Array(m.labels)): Float32Array {
  const H = m.hidden;
  const L = m.labels;
  const h = Float32Array.from(m.b1);
  for (let k = 0; k < x.indices.length; k++) {
    const base = mlpRow(x.indices[k]!, m.sparseDims, m.bits) * H;
    const value = x.values[k]!;
    for (let j = 0; j < H; j++) h[j]! += m.w1[base + j]! * value;
  }
  out.set(m.b2);
  for (let j = 0; j < H; j++) {
    if (h[j]! <= 0) continue;
    for (let l = 0; l < L; l++) out[l]! += m.w2[j * L + l]! * h[j]!;
  }
  for (let l = 0; l < L; l++) out[l] = 1 / (1 + Math.exp(-out[l]!));
  return out;
}
