import type { SparseVector } from '../tagger/features.ts';

/**
 * NB-SVM-style feature scaling (Wang and Manning, 2012): per label, the log-count ratio
 * r = log((p / |p|₁) / (q / |q|₁)) of each hashed feature's presence in positive (p) and negative
 * (q) sentences, with add-α smoothing. The logistic model then reads feature f for label l as
 * x_f · s_fl with s = (1 − β) + β · |r| / mean|r|, so words that separate the label are held back
 * less by L2 and words that do not are held back more. Answers the feature-major factors of the
 * `sparse` hashed slots (dense features past them are left at 1).
 */
export function logCountRatioScale(
  x: readonly SparseVector[],
  y: readonly Uint8Array[],
  sparse: number,
  labels: number,
  beta: number,
  alpha = 1,
): Float32Array {
  const pos = new Float32Array(sparse * labels);
  const neg = new Float32Array(sparse * labels);
  const seen = new Uint8Array(sparse);
  const posTotal = new Float64Array(labels);
  const negTotal = new Float64Array(labels);
  x.forEach((v, e) => {
    const t = y[e]!;
    for (let k = 0; k < v.indices.length; k++) {
      const f = v.indices[k]!;
      if (f >= sparse || v.values[k]! <= 0) continue;
      seen[f] = 1;
      for (let l = 0; l < labels; l++) {
        if (t[l] === 1) {
          pos[f * labels + l]! += 1;
          posTotal[l]! += 1;
        } else if (t[l] === 0) {
          neg[f * labels + l]! += 1;
          negTotal[l]! += 1;
        }
      }
    }
  });
  const scale = new Float32Array(sparse * labels).fill(1);
  for (let l = 0; l < labels; l++) {
    const p1 = posTotal[l]! + alpha * sparse;
    const q1 = negTotal[l]! + alpha * sparse;
    let sum = 0;
    let n = 0;
    for (let f = 0; f < sparse; f++) {
      if (!seen[f]) continue;
      const i = f * labels + l;
      const r = Math.abs(Math.log((pos[i]! + alpha) / p1 / ((neg[i]! + alpha) / q1)));
      scale[i] = r;
      sum += r;
      n++;
    }
    const mean = n ? sum / n : 1;
    for (let f = 0; f < sparse; f++) {
      const i = f * labels + l;
      scale[i] = seen[f] ? 1 - beta + (beta * scale[i]!) / mean : 1;
    }
  }
  return scale;
}
