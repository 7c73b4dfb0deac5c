/**
 * `npm run eval`: scores the tagger the way criteria.md describes and prints a table beside
 * the published anchors.
 * - 5-fold cross-validation by statement over AIMS.au + AIMS.ca (thresholds and smoothing
 *   chosen by inner cross-validation inside each training fold only);
 * - AU→CA and CA→AU (train on one dataset, score on the other);
 * - statement-level accuracy of the training criterion on wikirate-uk-training.jsonl, with the
 *   committed model and the checker's own sentence splitter.
 * `EVAL_QUICK=1 npm run eval` prints only the sentence-level table (no statement level, no
 * WikiRate, no anchors), for iterating; `EVAL_ONLY=cv` or `EVAL_ONLY=cross` runs one half.
 * Reported figures come from the full run.
 */

import { AIMS_LABELS, type AimsLabel, SHARED_LABELS } from '../tagger/labels.ts';
import { createTagger, loadModel, smooth } from '../tagger/model.ts';
import { sentencesFromText } from '../text/sentences.ts';
import { loadAims, loadWikirate } from './data.ts';
import {
  calibrate,
  calibrationError,
  decide,
  decideStatements,
  type FeaturisedDoc,
  featurise,
  foldsOf,
  type LabelScore,
  predictTagger,
  RECIPE,
  scoreSentences,
  statementAccuracy,
  statementDecisionAccuracy,
  trainWithThresholds,
} from './pipeline.ts';

const QUICK = process.env.EVAL_QUICK === '1';
const ONLY = process.env.EVAL_ONLY;
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const au = featurise(loadAims('aims-au'));
const ca = featurise(loadAims('aims-ca'));
const all = [...au, ...ca];

interface Run {
  name: string;
  scores: LabelScore[];
  /** Statement level, "any sentence tagged". */
  statement: Record<string, number>;
  /** Statement level, the statement-level model (tagger/statement-level.ts). */
  statementModel: Record<string, number>;
  /** Expected calibration error of the calibrated sentence probabilities, per shared label. */
  ece: number[];
}

interface Evaluated {
  predictions: boolean[][][];
  decisions: { probability: number[]; addressed: boolean[] }[];
  calibrated: Float32Array[][];
}

function evaluate(name: string, train: FeaturisedDoc[], test: FeaturisedDoc[]): Evaluated {
  const tagger = trainWithThresholds(train);
  const probabilities = predictTagger(tagger, test);
  const predictions = decide(probabilities, tagger);
  const decisions = decideStatements(probabilities, tagger);
  const calibrated = calibrate(
    probabilities.map((p) => smooth(p, Array.from(tagger.smoothing))),
    tagger.calibration,
  );
  console.error(`  ${name}: trained on ${train.length} statements, scored ${test.length} (${elapsed()})`);
  return { predictions, decisions, calibrated };
}

function run(name: string, e: Evaluated, docs: FeaturisedDoc[]): Run {
  return {
    name,
    scores: scoreSentences(e.predictions, docs, SHARED_LABELS),
    statement: statementAccuracy(e.predictions, docs, SHARED_LABELS),
    statementModel: statementDecisionAccuracy(e.decisions, docs, SHARED_LABELS),
    ece: SHARED_LABELS.map((label) => calibrationError(e.calibrated, docs, AIMS_LABELS.indexOf(label))),
  };
}

console.error('Scoring the tagger (criteria.md)…');
const k = 5;
const fold = foldsOf(all, k, RECIPE.seed + 99);
const cv: Evaluated = { predictions: all.map(() => []), decisions: [], calibrated: all.map(() => []) };
for (let f = 0; f < (ONLY === 'cross' ? 0 : k); f++) {
  const test = all.filter((_, i) => fold[i] === f);
  const e = evaluate(
    `fold ${f + 1}/${k}`,
    all.filter((_, i) => fold[i] !== f),
    test,
  );
  let j = 0;
  all.forEach((_, i) => {
    if (fold[i] !== f) return;
    cv.predictions[i] = e.predictions[j]!;
    cv.decisions[i] = e.decisions[j]!;
    cv.calibrated[i] = e.calibrated[j]!;
    j++;
  });
}
const runs: Run[] = [];
if (ONLY !== 'cross') runs.push(run('5-fold CV (AU+CA)', cv, all));
if (ONLY !== 'cv') {
  runs.push(run('AU→CA', evaluate('AU→CA', au, ca), ca));
  runs.push(run('CA→AU', evaluate('CA→AU', ca, au), au));
}

const mean = (scores: LabelScore[]) => scores.reduce((n, s) => n + s.f1, 0) / scores.length;
const f = (x: number) => (Number.isNaN(x) ? '  –  ' : x.toFixed(3));

const lines: string[] = [];
lines.push('Sentence level, per label: P / R / F1');
lines.push(`| label | ${runs.map((r) => r.name).join(' | ')} |`);
lines.push(`|---|${runs.map(() => '---').join('|')}|`);
for (const label of SHARED_LABELS) {
  const cells = runs.map((r) => {
    const s = r.scores.find((x) => x.label === label)!;
    return `${f(s.precision)} / ${f(s.recall)} / **${f(s.f1)}**`;
  });
  lines.push(`| ${label} | ${cells.join(' | ')} |`);
}
lines.push(`| **mean F1 (nine labels)** | ${runs.map((r) => `**${f(mean(r.scores))}**`).join(' | ')} |`);
lines.push(
  `| calibration error (ECE, mean over the nine) | ${runs.map((r) => f(r.ece.reduce((n, e) => n + e, 0) / r.ece.length)).join(' | ')} |`,
);
if (QUICK) {
  console.log(`${lines.join('\n')}\n(${elapsed()})`);
  process.exit(0);
}
lines.push('');
lines.push(
  'Statement level: accuracy per criterion: the statement-level model (tagger/statement-level.ts) / "any sentence tagged"',
);
lines.push(`| label | ${runs.map((r) => r.name).join(' | ')} |`);
lines.push(`|---|${runs.map(() => '---').join('|')}|`);
for (const label of SHARED_LABELS)
  lines.push(
    `| ${label} | ${runs.map((r) => `**${f(r.statementModel[label as AimsLabel]!)}** / ${f(r.statement[label as AimsLabel]!)}`).join(' | ')} |`,
  );
const statementMean = (accuracy: Record<string, number>) =>
  SHARED_LABELS.reduce((n, l) => n + accuracy[l]!, 0) / SHARED_LABELS.length;
lines.push(
  `| **mean (nine labels)** | ${runs.map((r) => `**${f(statementMean(r.statementModel))}** / ${f(statementMean(r.statement))}`).join(' | ')} |`,
);
if (ONLY) {
  console.log(`${lines.join('\n')}\n(${elapsed()})`);
  process.exit(0);
}

// WikiRate UK: the committed model, the checker's own splitter, the `training` tag.
const tagger = createTagger(loadModel());
const wikirate = loadWikirate();
let correct = 0;
let tp = 0;
let fp = 0;
let fn = 0;
for (const statement of wikirate) {
  const sentences = sentencesFromText(statement.text);
  const predicted = tagger.tag(sentences).some((tags) => tags.includes('training'));
  if (predicted === statement.labels.training) correct++;
  if (predicted && statement.labels.training) tp++;
  else if (predicted) fp++;
  else if (statement.labels.training) fn++;
}
const positives = wikirate.filter((s) => s.labels.training).length;
lines.push('');
lines.push(
  `WikiRate UK (${wikirate.length} statements, ${positives} with training): statement-level accuracy of the training criterion ${f(correct / wikirate.length)} (P ${f(tp / (tp + fp))}, R ${f(tp / (tp + fn))}); majority-class baseline ${f(Math.max(positives, wikirate.length - positives) / wikirate.length)}.`,
);
lines.push('');
lines.push('Published anchors, mean F1 over the same labels, sentence level (criteria.md):');
lines.push('| model | AIMS.au | AIMS.ca | AIMS.uk |');
lines.push('|---|---|---|---|');
for (const [model, a, c, u] of [
  ['Distilled ModernBERT (340M)', 0.731, 0.73, 0.724],
  ['Llama 3.2 3B fine-tuned, 100 words of context', 0.738, 0.719, 0.686],
  ['Llama 3.2 3B fine-tuned, no context', 0.726, 0.716, 0.672],
  ['BERT fine-tuned, 100 words of context', 0.719, 0.7, 0.669],
  ['GPT-4o, chain of thought, few-shot', 0.617, 0.614, 0.573],
  ['GPT-4o, zero-shot', 0.601, 0.582, 0.542],
] as const) {
  lines.push(`| ${model} | ${a.toFixed(3)} | ${c.toFixed(3)} | ${u.toFixed(3)} |`);
}
lines.push(
  `| **this tagger** (CA→AU / AU→CA / —) | ${f(mean(runs[2]!.scores))} | ${f(mean(runs[1]!.scores))} | not measurable here |`,
);
lines.push('');
lines.push(`(${elapsed()} on this machine)`);
console.log(lines.join('\n'));
