/**
 * The tagger's second stage reads, for each sentence, the first stage's probabilities of every
 * label for the sentence and its neighbours (±1, ±2), the strongest neighbour within three
 * sentences, the document's strongest sentence and mean per label, the sentence's share of the
 * document's maximum, its position and its length. Statements are written in sections, so a
 * sentence's neighbours and the document say a lot. (AIMS sentences carry no headings, so no
 * section features: they could not be learnt.)
 */
const OFFSETS = [-1, 1, -2, 2] as const;
const WINDOW = 3;
/** A neighbour before the first or after the last sentence (probabilities are ≥ 0). */
const MISSING = -1;

export function stackDims(labels: number): number {
  return labels * (1 + OFFSETS.length + 4) + 4;
}

/** The second-stage features of each sentence, one dense row each. */
export function stackFeatures(
  probabilities: readonly Float32Array[],
  labels: number,
  words: readonly number[],
): Float32Array[] {
  const n = probabilities.length;
  const docMax = new Float32Array(labels);
  const docMean = new Float32Array(labels);
  for (const p of probabilities)
    for (let l = 0; l < labels; l++) {
      docMax[l] = Math.max(docMax[l]!, p[l]!);
      docMean[l]! += p[l]! / n;
    }
  const dims = stackDims(labels);
  return probabilities.map((p, i) => {
    const x = new Float32Array(dims);
    x.set(p.subarray(0, labels), 0);
    OFFSETS.forEach((offset, o) => {
      const q = probabilities[i + offset];
      for (let l = 0; l < labels; l++) x[(1 + o) * labels + l] = q ? q[l]! : MISSING;
    });
    let base = (1 + OFFSETS.length) * labels;
    for (let l = 0; l < labels; l++) {
      let near = MISSING;
      for (let j = Math.max(0, i - WINDOW); j <= Math.min(n - 1, i + WINDOW); j++)
        if (j !== i) near = Math.max(near, probabilities[j]![l]!);
      x[base + l] = near;
      x[base + labels + l] = docMax[l]!;
      x[base + 2 * labels + l] = docMean[l]!;
      x[base + 3 * labels + l] = docMax[l]! > 0 ? p[l]! / docMax[l]! : 0;
    }
    base += 4 * labels;
    x[base] = n > 1 ? i / (n - 1) : 0;
    x[base + 1] = Math.min(i, n - 1 - i);
    x[base + 2] = n;
    x[base + 3] = words[i] ?? 0;
    return x;
  });
}

/** Words in a sentence, as the second stage counts them. */
export function wordCount(text: string): number {
  let count = 0;
  let inWord = false;
  for (let k = 0; k < text.length; k++) {
    const space = text.charCodeAt(k) <= 32;
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}
