/**
 * A logistic second stage over label co-occurrence: each label's probability re-read from the
 * first stage's log-odds of every label for the sentence and the stronger of its two neighbours
 * (a remediation sentence reads like due diligence, a signature follows an approval). Fit on
 * out-of-fold first-stage predictions (train/cooccurrence.ts). Row l of the coefficients:
 * [bias, own log-odds of each label…, neighbours' log-odds of each label…].
 */
export type Cooccurrence = number[][];

const logit = (p: number) => {
  const q = Math.min(1 - 1e-4, Math.max(1e-4, p));
  return Math.log(q / (1 - q));
};

/** The stage's input row of each sentence: own log-odds, then the neighbours' strongest. */
export function cooccurrenceFeatures(first: readonly Float32Array[], labels: number): Float64Array[] {
  return first.map((p, i) => {
    const x = new Float64Array(2 * labels);
    const prev = first[i - 1];
    const next = first[i + 1];
    for (let l = 0; l < labels; l++) {
      x[l] = logit(p[l]!);
      x[labels + l] = logit(Math.max(prev?.[l] ?? 0, next?.[l] ?? 0));
    }
    return x;
  });
}

export function applyCooccurrence(stage: Cooccurrence, first: readonly Float32Array[]): Float32Array[] {
  const labels = stage.length;
  return cooccurrenceFeatures(first, labels).map((x) =>
    Float32Array.from(stage, (w) => {
      let z = w[0]!;
      for (let k = 0; k < x.length; k++) z += w[k + 1]! * x[k]!;
      return 1 / (1 + Math.exp(-z));
    }),
  );
}
