import type { Boosted, Tree } from '../tagger/trees.ts';

/**
 * Gradient-boosted trees for binary log-loss (Newton leaves, L2 on leaf values), over features
 * binned at quantiles once. Small and deterministic (no sampling): it trains the stacked second
 * stage, ~100 features × ~10,000 sentences, in seconds. tagger/trees.ts evaluates the result.
 */
export interface BoostOptions {
  trees: number;
  depth: number;
  learningRate: number;
  /** L2 penalty on the leaf values. */
  lambda: number;
  /** Smallest sum of hessians in a child. */
  minHessian: number;
}

export interface Binned {
  /** Per feature, the ascending split points: bin(x) = number of cuts ≤ x. */
  cuts: Float32Array[];
  /** Row-major bins, rows × features. */
  bins: Uint8Array;
  features: number;
}

export function binFeatures(rows: readonly Float32Array[], maxBins = 32): Binned {
  const features = rows[0]?.length ?? 0;
  const cuts: Float32Array[] = [];
  const column = new Float32Array(rows.length);
  for (let f = 0; f < features; f++) {
    for (let r = 0; r < rows.length; r++) column[r] = rows[r]![f]!;
    const sorted = Float32Array.from(column).sort();
    const points: number[] = [];
    for (let b = 1; b < maxBins; b++) {
      const value = sorted[Math.floor((b * sorted.length) / maxBins)]!;
      // A cut strictly above the smallest value, so that both sides can be non-empty.
      if (value > sorted[0]! && (points.length === 0 || value > points[points.length - 1]!))
        points.push(value);
    }
    cuts.push(Float32Array.from(points));
  }
  const bins = new Uint8Array(rows.length * features);
  for (let r = 0; r < rows.length; r++)
    for (let f = 0; f < features; f++) bins[r * features + f] = binOf(cuts[f]!, rows[r]![f]!);
  return { cuts, bins, features };
}

function binOf(cuts: Float32Array, x: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Trains one label's trees on the given rows of `binned` with 0/1 targets. */
export function trainBoosted(
  binned: Binned,
  rows: Int32Array,
  targets: Uint8Array,
  options: BoostOptions,
): Boosted {
  const n = rows.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += targets[i]!;
  const prior = Math.min(Math.max(positives / Math.max(n, 1), 1e-4), 1 - 1e-4);
  const base = Math.log(prior / (1 - prior));
  const margin = new Float64Array(n).fill(base);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const F = binned.features;
  const B = 33;
  const histG = new Float64Array(F * B);
  const histH = new Float64Array(F * B);
  const trees: Tree[] = [];
  const nodes = (1 << (options.depth + 1)) - 1;
  // Position of each sample (index into `rows`) in the current tree's leaves.
  const leafOf = new Int32Array(n);
  for (let t = 0; t < options.trees; t++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-margin[i]!));
      g[i] = p - targets[i]!;
      h[i] = Math.max(p * (1 - p), 1e-6);
    }
    const tree: Tree = {
      f: new Array(nodes).fill(-1),
      t: new Array(nodes).fill(0),
      v: new Array(nodes).fill(0),
    };
    const grow = (node: number, members: Int32Array, depth: number) => {
      let G = 0;
      let H = 0;
      for (const i of members) {
        G += g[i]!;
        H += h[i]!;
      }
      tree.v[node] = (-G / (H + options.lambda)) * options.learningRate;
      for (const i of members) leafOf[i] = node;
      if (depth >= options.depth || H < 2 * options.minHessian) return;
      histG.fill(0);
      histH.fill(0);
      for (const i of members) {
        const offset = rows[i]! * F;
        const gi = g[i]!;
        const hi = h[i]!;
        for (let f = 0; f < F; f++) {
          const k = f * B + binned.bins[offset + f]!;
          histG[k]! += gi;
          histH[k]! += hi;
        }
      }
      const parent = (G * G) / (H + options.lambda);
      let bestGain = 1e-9;
      let bestFeature = -1;
      let bestBin = 0;
      for (let f = 0; f < F; f++) {
        let gl = 0;
        let hl = 0;
        const cuts = binned.cuts[f]!.length;
        for (let b = 0; b < cuts; b++) {
          gl += histG[f * B + b]!;
          hl += histH[f * B + b]!;
          const hr = H - hl;
          if (hl < options.minHessian || hr < options.minHessian) continue;
          const gr = G - gl;
          const gain = (gl * gl) / (hl + options.lambda) + (gr * gr) / (hr + options.lambda) - parent;
          if (gain > bestGain) {
            bestGain = gain;
            bestFeature = f;
            bestBin = b;
          }
        }
      }
      if (bestFeature < 0) return;
      tree.f[node] = bestFeature;
      tree.t[node] = binned.cuts[bestFeature]![bestBin]!;
      const left: number[] = [];
      const right: number[] = [];
      for (const i of members) (binned.bins[rows[i]! * F + bestFeature]! <= bestBin ? left : right).push(i);
      grow(2 * node + 1, Int32Array.from(left), depth + 1);
      grow(2 * node + 2, Int32Array.from(right), depth + 1);
    };
    grow(
      0,
      Int32Array.from({ length: n }, (_, i) => i),
      0,
    );
    for (let i = 0; i < n; i++) margin[i]! += tree.v[leafOf[i]!]!;
    trees.push(compact(tree));
  }
  return { base, trees };
}

/** Rounds leaf values and thresholds for a small JSON file (the evaluator reads the same numbers). */
function compact(tree: Tree): Tree {
  const last = tree.f.reduce((m, f, i) => (f >= 0 ? Math.max(m, 2 * i + 2) : m), 0);
  const keep = last + 1;
  return {
    f: tree.f.slice(0, keep),
    t: tree.t.slice(0, keep).map((x) => Math.fround(x)),
    v: tree.v.slice(0, keep).map((x) => Math.round(x * 1e6) / 1e6),
  };
}
