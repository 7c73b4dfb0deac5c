/**
 * `npm run train`: trains the sentence tagger on AIMS.au + AIMS.ca (../shared/data), chooses
 * per-label thresholds and neighbour smoothing by inner cross-validation, and writes the model
 * to functions/checker/model/ (tagger.json + tagger.bin). Deterministic: the same data gives
 * the same files.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AIMS_LABELS } from '../tagger/labels.ts';
import { MODEL_DIR, type ModelMeta, quantise } from '../tagger/model.ts';
import { loadAims, loadWikirate } from './data.ts';
import { featurise, RECIPE, trainWithThresholds } from './pipeline.ts';
import { buildVectors, VECTOR_DIMS, VECTORS_PACKAGE, VECTORS_VERSION } from './vectors.ts';

const started = Date.now();
const statements = [...loadAims('aims-au'), ...loadAims('aims-ca')];
if (RECIPE.vectors) {
  // The vocabulary: the AIMS sentences and the unlabelled WikiRate UK texts (their labels are not read).
  const texts = [
    ...statements.flatMap((s) => s.sentences.map((x) => x.text)),
    ...loadWikirate().map((w) => w.text),
  ];
  const built = buildVectors(texts, MODEL_DIR);
  console.log(`Word vectors: ${built.words} words, ${(built.bytes / 1024 / 1024).toFixed(2)} MB (int8).`);
}
const docs = featurise(statements);
const sentences = docs.reduce((n, d) => n + d.x.length, 0);
console.log(`Training on ${statements.length} statements, ${sentences} sentences…`);
const tagger = trainWithThresholds(docs);
const L = AIMS_LABELS.length;
const sparseLength = (1 << RECIPE.bits) * L;
const { weights, scales } = quantise(tagger.model.weights.subarray(0, sparseLength), L);
const denseWeights = tagger.model.weights.subarray(sparseLength);
const round = (x: number) => Math.round(x * 1e6) / 1e6;
const idfMax = tagger.idf ? tagger.idf.reduce((m, v) => Math.max(m, v), 0) : undefined;
const idfScale = idfMax !== undefined ? Number((idfMax / 255).toPrecision(8)) : undefined;
const meta: ModelMeta = {
  format: 'register-tagger/1',
  bits: RECIPE.bits,
  labels: [...AIMS_LABELS],
  thresholds: Array.from(tagger.thresholds, round),
  smoothing: Array.from(tagger.smoothing, round),
  biases: Array.from(tagger.model.biases, round),
  scales: scales.map((s) => Number(s.toPrecision(8))),
  ...(idfScale !== undefined ? { idfScale } : {}),
  calibration: {
    a: tagger.calibration.map((c) => round(c.a)),
    b: tagger.calibration.map((c) => round(c.b)),
  },
  calibratedThresholds: Array.from(tagger.calibratedThresholds, round),
  ...(denseWeights.length
    ? {
        dense: {
          vectorDims: VECTOR_DIMS,
          ownWeight: RECIPE.denseWeights[0],
          contextWeight: RECIPE.denseWeights[1],
          ...(RECIPE.wideWeight > 0 ? { wideWeight: RECIPE.wideWeight } : {}),
          weights: Array.from(denseWeights, round),
        },
      }
    : {}),
  ...(RECIPE.sectionWeight > 0 ? { sectionWeight: RECIPE.sectionWeight } : {}),
  ...(RECIPE.wordCharWeight > 0
    ? { wordCharWeight: RECIPE.wordCharWeight, wordCharRange: [...RECIPE.wordCharRange] as [number, number] }
    : {}),
  charWeight: RECIPE.charWeight,
  statement: { coefficients: tagger.statement.map((c) => c.map(round) as [number, number, number]) },
  ...(tagger.stage2 ? { stage2: tagger.stage2 } : {}),
  trainedOn: [
    'AIMS.au gold test set (CC-BY-4.0)',
    'AIMS.ca (CC-BY-4.0)',
    ...(denseWeights.length
      ? [`${VECTORS_PACKAGE}@${VECTORS_VERSION} word vectors (MIT; from GloVe, PDDL)`]
      : []),
  ],
  trainedSentences: sentences,
  recipe: { ...RECIPE },
};
mkdirSync(MODEL_DIR, { recursive: true });
const bin = Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength);
writeFileSync(join(MODEL_DIR, 'tagger.bin'), bin);
if (tagger.idf && idfScale !== undefined) {
  writeFileSync(
    join(MODEL_DIR, 'tagger-idf.bin'),
    Uint8Array.from(tagger.idf, (v) => Math.round(v / idfScale)),
  );
}
writeFileSync(join(MODEL_DIR, 'tagger.json'), `${JSON.stringify(meta, null, 2)}\n`);
console.log(
  `Wrote ${MODEL_DIR}/tagger.json and tagger.bin (${(bin.length / 1024 / 1024).toFixed(2)} MB, sha256 ${createHash('sha256').update(bin).digest('hex').slice(0, 16)}) in ${((Date.now() - started) / 1000).toFixed(0)} s.`,
);
console.log(
  'Thresholds:',
  meta.labels.map((l, i) => `${l}=${meta.thresholds[i]!.toFixed(3)}/s${meta.smoothing[i]}`).join(' '),
);
