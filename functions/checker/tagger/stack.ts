import type { SparseVector } from './features.ts';

/**
 * The tagger's second stage: a sentence's label is decided from the first stage's probabilities
 * for it and for its neighbours (two before, two after) and the document's strongest sentence
 * per label — statements are written in sections, so a sentence's neighbours say a lot.
 */
const OFFSETS = [0, -1, 1, -2, 2] as const;

export function stackDims(labels: number): number {
  return labels * OFFSETS.length + labels + 4;
}

export function stackFeatures(probabilities: readonly Float32Array[], labels: number): SparseVector[] {
  const n = probabilities.length;
  const docMax = new Float32Array(labels);
  for (const p of probabilities) for (let l = 0; l < labels; l++) docMax[l] = Math.max(docMax[l]!, p[l]!);
  const dims = stackDims(labels);
  return probabilities.map((_, i) => {
    const values = new Float32Array(dims);
    OFFSETS.forEach((offset, o) => {
      const p = probabilities[i + offset];
      for (let l = 0; l < labels; l++) values[o * labels + l] = p ? p[l]! : 0;
    });
    const base = labels * OFFSETS.length;
    for (let l = 0; l < labels; l++) values[base + l] = docMax[l]!;
    values[base + labels] = n ? i / n : 0;
    values[base + labels + 1] = i < 3 ? 1 : 0;
    values[base + labels + 2] = n - i <= 3 ? 1 : 0;
    values[base + labels + 3] = 1;
    return { indices: Int32Array.from({ length: dims }, (_, k) => k), values };
  });
}
