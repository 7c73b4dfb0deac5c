import type { SparseVector } from '../tagger/features.ts';
import { type Mlp, mlpRow } from '../tagger/mlp.ts';
import { seededRandom } from './logreg.ts';

/**
 * A one-hidden-layer network (ReLU) over the tagger's feature vectors, the hashed slots folded into
 * 2^bits rows: a differently shaped model to average with the logistic one. Trained by Adagrad on
 * one example at a time, masked cross-entropy per label (2: not annotated), positives weighted.
 * Deterministic for a seed.
 */
export interface MlpOptions {
  /** log2 of the hashed slots the first layer reads (the feature vector's are folded onto them). */
  bits: number;
  /** The feature vector's hashed slots (dense features follow them). */
  sparseDims: number;
  denseDims: number;
  hidden: number;
  labels: number;
  epochs: number;
  rate: number;
  positiveWeight: number;
  seed: number;
}

export function trainMlp(x: readonly SparseVector[], y: readonly Uint8Array[], o: MlpOptions): Mlp {
  const { hidden: H, labels: L } = o;
  const rows = (1 << o.bits) + o.denseDims;
  const random = seededRandom(o.seed);
  const gauss = () => {
    const u = Math.max(1e-12, random());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  const w1 = Float32Array.from({ length: rows * H }, () => gauss() * 0.3);
  const b1 = new Float32Array(H).fill(0.01);
  const w2 = Float32Array.from({ length: H * L }, () => gauss() * Math.sqrt(2 / H));
  const b2 = new Float32Array(L);
  const g1 = new Float32Array(rows * H).fill(1e-6);
  const gb1 = new Float32Array(H).fill(1e-6);
  const g2 = new Float32Array(H * L).fill(1e-6);
  const gb2 = new Float32Array(L).fill(1e-6);
  const positives = new Float64Array(L);
  const annotated = new Float64Array(L);
  for (const t of y)
    for (let l = 0; l < L; l++) {
      if (t[l] === 1) positives[l]! += 1;
      if (t[l] !== 2) annotated[l]! += 1;
    }
  for (let l = 0; l < L; l++) {
    const p = (positives[l]! + 1) / (annotated[l]! + 2);
    b2[l] = Math.log(p / (1 - p));
  }
  const h = new Float32Array(H);
  const dh = new Float32Array(H);
  const order = x.map((_, i) => i);
  const rowsOf = x.map((v) => Int32Array.from(v.indices, (i) => mlpRow(i, o.sparseDims, o.bits)));
  const rate = o.rate;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const e of order) {
      const v = x[e]!;
      const r = rowsOf[e]!;
      const t = y[e]!;
      h.set(b1);
      for (let k = 0; k < r.length; k++) {
        const base = r[k]! * H;
        const value = v.values[k]!;
        for (let j = 0; j < H; j++) h[j]! += w1[base + j]! * value;
      }
      for (let j = 0; j < H; j++) if (h[j]! < 0) h[j] = 0;
      dh.fill(0);
      for (let l = 0; l < L; l++) {
        if (t[l] === 2) continue;
        let z = b2[l]!;
        for (let j = 0; j < H; j++) z += w2[j * L + l]! * h[j]!;
        const p = 1 / (1 + Math.exp(-z));
        const g = (p - t[l]!) * (t[l] ? o.positiveWeight : 1);
        gb2[l]! += g * g;
        b2[l]! -= (rate * g) / Math.sqrt(gb2[l]!);
        for (let j = 0; j < H; j++) {
          if (h[j] === 0) continue;
          const i = j * L + l;
          dh[j]! += g * w2[i]!;
          const gw = g * h[j]!;
          g2[i]! += gw * gw;
          w2[i]! -= (rate * gw) / Math.sqrt(g2[i]!);
        }
      }
      for (let j = 0; j < H; j++) {
        if (h[j] === 0 || dh[j] === 0) continue;
        const g = dh[j]!;
        gb1[j]! += g * g;
        b1[j]! -= (rate * g) / Math.sqrt(gb1[j]!);
      }
      for (let k = 0; k < r.length; k++) {
        const base = r[k]! * H;
        const value = v.values[k]!;
        for (let j = 0; j < H; j++) {
          if (h[j] === 0 || dh[j] === 0) continue;
          const gw = dh[j]! * value;
          g1[base + j]! += gw * gw;
          w1[base + j]! -= (rate * gw) / Math.sqrt(g1[base + j]!);
        }
      }
    }
  }
  return { bits: o.bits, sparseDims: o.sparseDims, hidden: H, labels: L, w1, b1, w2, b2 };
}
