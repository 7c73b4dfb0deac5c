/**
 * Calibration of the tagger's scores: per label, Platt scaling over log(score + ε),
 * p = σ(a·log(score + ε) + b), fit on out-of-fold predictions inside the training data (a model
 * never scores sentences it was trained on). Monotone (a ≥ 0), so the per-label threshold maps to
 * the calibrated scale without changing any decision.
 */
export interface Platt {
  a: number;
  b: number;
}

const EPSILON = 1e-3;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function applyPlatt(platt: Platt, score: number): number {
  return sigmoid(platt.a * Math.log(Math.max(0, score) + EPSILON) + platt.b);
}

/**
 * Fits one label's Platt scaling by Newton's method, with Platt's smoothed targets
 * ((N₊ + 1)/(N₊ + 2) and 1/(N₋ + 2)) so that a perfectly separated label does not run away.
 */
export function fitPlatt(scores: ArrayLike<number>, targets: ArrayLike<number>): Platt {
  let positives = 0;
  for (let i = 0; i < targets.length; i++) positives += targets[i]! ? 1 : 0;
  const negatives = targets.length - positives;
  const high = (positives + 1) / (positives + 2);
  const low = 1 / (negatives + 2);
  const x = Float64Array.from({ length: scores.length }, (_, i) =>
    Math.log(Math.max(0, scores[i]!) + EPSILON),
  );
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 50; iteration++) {
    // Gradient and Hessian of the negative log-likelihood, with a tiny ridge for stability.
    let ga = 1e-6 * a;
    let gb = 0;
    let haa = 1e-6;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < x.length; i++) {
      const p = sigmoid(a * x[i]! + b);
      const t = targets[i]! ? high : low;
      const d = p - t;
      const w = Math.max(p * (1 - p), 1e-12);
      ga += d * x[i]!;
      gb += d;
      haa += w * x[i]! * x[i]!;
      hab += w * x[i]!;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  // No usable slope (a degenerate label): the smoothed base rate, still monotone (flat).
  if (!(a > 0) || !Number.isFinite(b)) return { a: 0, b: Math.log((positives + 1) / (negatives + 1)) };
  return { a, b };
}
