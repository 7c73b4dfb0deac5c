import { describe, expect, test } from 'vitest';
import { applyPlatt, fitPlatt } from '../../functions/checker/tagger/calibration.ts';
import { createFeatureBuilder, withMergedHeadings } from '../../functions/checker/tagger/features.ts';
import { AIMS_LABELS } from '../../functions/checker/tagger/labels.ts';
import { createTagger, loadModel, MODEL_DIR } from '../../functions/checker/tagger/model.ts';
import {
  fitStatementLabel,
  statementFeatures,
  statementScoresWith,
} from '../../functions/checker/tagger/statement-level.ts';
import { embed, loadVectors, parseVectors, vectorWords } from '../../functions/checker/tagger/vectors.ts';

const model = loadModel();
const tagger = createTagger(model);

function cosine(a: Float32Array, b: Float32Array) {
  let dot = 0;
  for (let d = 0; d < a.length; d++) dot += a[d]! * b[d]!;
  return dot;
}

describe('word vectors', () => {
  test('parses an int8 table: each word its row, values as int8 / 127', () => {
    const vectors = parseVectors('audit 120\nsupplier 300\n', Int8Array.from([127, 0, -127, 64]) as never, 2);
    expect(vectors.rows.get('supplier')).toBe(1);
    for (const [i, x] of [1, 0, -1, 64 / 127].entries()) expect(vectors.values[i]!).toBeCloseTo(x, 6);
    expect(vectors.weights[1]!).toBeGreaterThan(vectors.weights[0]!);
  });

  test('rejects a table whose values do not match its words', () => {
    expect(() => parseVectors('audit 1\n', new Uint8Array(3), 2)).toThrow(/does not match/);
  });

  test('the committed table gives related words closer vectors than unrelated ones', () => {
    const vectors = loadVectors(MODEL_DIR, 100)!;
    expect(vectors.rows.size).toBeGreaterThan(10_000);
    const v = (text: string) => embed(vectors, vectorWords(text));
    const suppliers = v('our suppliers and vendors');
    expect(cosine(suppliers, suppliers)).toBeCloseTo(1, 3);
    expect(cosine(suppliers, v('procurement from contractors'))).toBeGreaterThan(
      cosine(suppliers, v('football season goals')),
    );
  });

  test('a text with no known word embeds as zeros, not NaN', () => {
    const vectors = loadVectors(MODEL_DIR, 100)!;
    expect(Array.from(embed(vectors, vectorWords('zzqxv theact homeland'))).every((x) => x === 0)).toBe(true);
  });
});

describe('features', () => {
  const shared = (wordCharWeight: number) => {
    const builder = createFeatureBuilder({ bits: 18, wordCharWeight });
    const a = new Set(builder.build([{ text: 'Suppliers were audited.' }], 0).indices);
    const b = builder.build([{ text: 'Auditing a supplier.' }], 0).indices;
    return b.filter((i) => a.has(i)).length;
  };

  test('in-word character 3- to 5-grams give inflections of a word shared features', () => {
    // "audited" / "auditing" and "suppliers" / "supplier" share <au, aud, audi, audit, upp, …
    expect(shared(0.35)).toBeGreaterThanOrEqual(shared(0) + 10);
  });
});

describe('calibration', () => {
  test('Platt scaling fit on scores is monotone and stays in [0, 1]', () => {
    const scores = Array.from({ length: 200 }, (_, i) => i / 200);
    const targets = scores.map((s, i) => (s > 0.6 || i % 17 === 0 ? 1 : 0));
    const platt = fitPlatt(scores, targets);
    expect(platt.a).toBeGreaterThan(0);
    let previous = -1;
    for (let s = 0; s <= 1.75; s += 0.05) {
      const p = applyPlatt(platt, s);
      expect(p).toBeGreaterThanOrEqual(previous);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
      previous = p;
    }
    expect(applyPlatt(platt, 0.05)).toBeLessThan(0.2);
    expect(applyPlatt(platt, 0.95)).toBeGreaterThan(0.8);
  });

  test('a label with no positives gets a flat, small probability', () => {
    const platt = fitPlatt([0.1, 0.2, 0.3], [0, 0, 0]);
    expect(applyPlatt(platt, 0.9)).toBeLessThan(0.5);
  });

  test('the committed model answers calibrated probabilities in [0, 1]', () => {
    const scores = tagger.scores([{ text: 'This statement was approved by the board of directors.' }]);
    for (const p of scores[0]!) expect(p >= 0 && p <= 1).toBe(true);
    expect(model.meta.calibration?.a.every((a) => a >= 0)).toBe(true);
  });
});

describe('statement level', () => {
  const approval = AIMS_LABELS.indexOf('approval');
  const meta = {
    labels: [...AIMS_LABELS],
    calibratedThresholds: AIMS_LABELS.map(() => 0.5),
    statement: { coefficients: AIMS_LABELS.map((): [number, number, number] => [0, 2, 0]) },
  };
  const doc = (top: number) =>
    [0.1, top, 0.05].map((p) => Float32Array.from(AIMS_LABELS, (_, l) => (l === approval ? p : 0.01)));

  test.each([
    { top: 0.9, addressed: true },
    { top: 0.2, addressed: false },
  ])('a statement whose strongest approval sentence is $top: addressed $addressed', ({ top, addressed }) => {
    const result = statementScoresWith(meta, doc(top));
    expect(result.approval.addressed).toBe(addressed);
    expect(result.approval.probability).toBeGreaterThanOrEqual(0);
    expect(result.approval.probability).toBeLessThanOrEqual(1);
    expect(result.c5_effectiveness.addressed).toBe(false);
  });

  test('a fit on one-sided statements keeps the prior rule rather than running away', () => {
    const z = [statementFeatures(doc(0.9), approval, 0.5), statementFeatures(doc(0.8), approval, 0.5)];
    const [bias, w1] = fitStatementLabel(z, [true, true]);
    expect(Math.abs(bias)).toBeLessThan(3);
    expect(w1).toBeGreaterThan(0);
  });

  test('the committed model has statement coefficients for every label', () => {
    expect(model.meta.statement?.coefficients).toHaveLength(AIMS_LABELS.length);
  });
});

describe('the committed tagger', () => {
  test('tags the classic approval and signature lines', () => {
    const sentences = [
      { text: 'We are a retailer of clothing with stores across the country.' },
      { text: 'This statement was approved by the board of directors on 12 March 2024.' },
      { text: 'Signed: Jane Smith, Chief Executive Officer, on behalf of the board.' },
    ];
    const tags = tagger.tag(sentences);
    expect(tags[1]).toContain('approval');
    expect(tags[2]).toContain('signature');
  });

  test('analyse() answers in one pass the same tags and calibrated scores as tag() and scores()', () => {
    const sentences = [
      { text: 'Our supply chains', heading: 'Our supply chains' },
      { text: 'We buy cotton from suppliers in Bangladesh and India.', heading: 'Our supply chains' },
      { text: 'Our grievance mechanism lets workers raise concerns anonymously.' },
      { text: 'This statement was approved by the board of directors on 12 March 2024.' },
    ];
    const both = tagger.analyse!(sentences);
    expect(both.tags).toEqual(tagger.tag(sentences));
    expect(both.scores.map((p) => Array.from(p))).toEqual(tagger.scores(sentences).map((p) => Array.from(p)));
  });

  test('reads the first sentence under a heading with its heading, as AIMS sentences were written', () => {
    const merged = withMergedHeadings([
      { text: 'We buy cotton.', heading: 'Supply chains' },
      { text: 'We buy tea.', heading: 'Supply chains' },
      { text: 'We audit.', headingPath: ['Our actions', 'Due diligence'] },
    ]);
    expect(merged.map((s) => s.text)).toEqual([
      'Supply chains We buy cotton.',
      'We buy tea.',
      'Due diligence We audit.',
    ]);
  });
});
