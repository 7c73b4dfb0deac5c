import { type Cooccurrence, cooccurrenceFeatures } from '../tagger/cooccurrence.ts';

/**
 * Fits the co-occurrence stage (tagger/cooccurrence.ts) per label by Newton's method, with an L2
 * pull towards the identity (own log-odds weight 1, the rest 0), so the stage starts as the first
 * stage and moves only where the out-of-fold data asks it to.
 */
export function fitCooccurrence(
  first: readonly Float32Array[][],
  targets: readonly Uint8Array[][],
  labels: number,
  lambda: number,
): Cooccurrence {
  const rows = first.flatMap((doc) => cooccurrenceFeatures(doc, labels));
  const y = targets.flat();
  const d = 2 * labels + 1;
  return Array.from({ length: labels }, (_, l) => {
    const prior = new Float64Array(d);
    prior[1 + l] = 1;
    const w = Float64Array.from(prior);
    const members = y.map((t, r) => (t[l] === 2 ? -1 : r)).filter((r) => r >= 0);
    for (let iteration = 0; iteration < 25; iteration++) {
      const grad = new Float64Array(d);
      const hess = Array.from({ length: d }, () => new Float64Array(d));
      for (const r of members) {
        const x = rows[r]!;
        let z = w[0]!;
        for (let k = 0; k < x.length; k++) z += w[k + 1]! * x[k]!;
        const p = 1 / (1 + Math.exp(-z));
        const g = p - y[r]![l]!;
        const h = Math.max(1e-6, p * (1 - p));
        for (let a = 0; a < d; a++) {
          const xa = a === 0 ? 1 : x[a - 1]!;
          grad[a]! += g * xa;
          for (let b = 0; b <= a; b++) hess[a]![b]! += h * xa * (b === 0 ? 1 : x[b - 1]!);
        }
      }
      for (let a = 0; a < d; a++) {
        for (let b = 0; b < a; b++) hess[b]![a] = hess[a]![b]!;
        if (a > 0) {
          grad[a]! += lambda * (w[a]! - prior[a]!);
          hess[a]![a]! += lambda;
        } else hess[a]![a]! += 1e-6;
      }
      const step = solve(hess, grad);
      let size = 0;
      for (let a = 0; a < d; a++) {
        w[a]! -= step[a]!;
        size = Math.max(size, Math.abs(step[a]!));
      }
      if (size < 1e-6) break;
    }
    return Array.from(w, (v) => Math.round(v * 1e6) / 1e6);
  });
}

/** Gaussian elimination with partial pivoting: solves A x = b (A is overwritten). */
function solve(a: Float64Array[], b: Float64Array): Float64Array {
  const n = b.length;
  const x = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    [x[c], x[pivot]] = [x[pivot]!, x[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = a[r]![c]! / a[c]![c]!;
      if (f === 0) continue;
      for (let k = c; k < n; k++) a[r]![k]! -= f * a[c]![k]!;
      x[r]! -= f * x[c]!;
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    for (let k = c + 1; k < n; k++) x[c]! -= a[c]![k]! * x[k]!;
    x[c]! /= a[c]![c]!;
  }
  return x;
}
