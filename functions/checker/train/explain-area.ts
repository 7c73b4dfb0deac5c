/**
 * Why an area verdict is what it is, for one statement and one or more models: per sentence the
 * calibrated probabilities of the area's labels (against the model's calibrated thresholds), its
 * tags, and the evidence the area rule reads from it (support needs ≥ 0.5).
 *
 *   npx tsx functions/checker/train/explain-area.ts FILE [MODEL_DIR …]   (AREA=structure by default)
 *
 * FILE is a .txt, .html, .pdf or .docx, or a realistic-set source (.pdf.md / .docx.md, built into
 * the document the test reads). Run offline, as /check does; the area rule itself is not changed.
 */
import { readFileSync } from 'node:fs';
import { type AreaKey, areaEvidence, specOf } from '../rules/areas.ts';
import { hasFormFields, type RuleContext, wordCountOf } from '../rules/context.ts';
import { type CheckSource, runCheck } from '../run-check.ts';
import { AIMS_LABELS } from '../tagger/labels.ts';
import { createTagger, loadMeta, loadModel, MODEL_DIR, type Tagger } from '../tagger/model.ts';
import { detectLanguage } from '../text/language.ts';

const [file, ...dirs] = process.argv.slice(2);
if (!file) throw new Error('usage: explain-area.ts FILE [MODEL_DIR …]');
const spec = specOf((process.env.AREA ?? 'structure') as AreaKey);

async function sourceOf(path: string): Promise<CheckSource> {
  if (path.endsWith('.docx.md') || path.endsWith('.pdf.md')) {
    const { docxFromSource, pdfFromSource } = await import('../../../test/checker/realistic/documents.ts');
    const raw = readFileSync(path, 'utf8');
    return path.endsWith('.docx.md')
      ? { kind: 'document', bytes: await docxFromSource(raw), hint: 'docx' }
      : { kind: 'document', bytes: await pdfFromSource(raw), hint: 'pdf' };
  }
  if (/\.(html|pdf|docx)$/.test(path))
    return { kind: 'document', bytes: readFileSync(path), hint: path.split('.').pop()! };
  return { kind: 'text', text: readFileSync(path, 'utf8') };
}

const source = await sourceOf(file);
for (const dir of dirs.length ? dirs : [MODEL_DIR]) {
  const meta = loadMeta(dir);
  const model = createTagger(loadModel(dir));
  let scores: Float32Array[] = [];
  const tagger: Tagger = {
    ...model,
    analyse(sentences) {
      const out = model.analyse!(sentences);
      scores = out.scores;
      return out;
    },
  };
  const now = new Date();
  const { result, extraction } = await runCheck({}, source, { tagger, now });
  const context: RuleContext = {
    document: {},
    extraction,
    textGiven: source.kind === 'text',
    now,
    sentences: result.sentences,
    byTag: new Map(),
    scores,
    entityType: undefined,
    wordCount: wordCountOf(extraction.sentences),
    language: detectLanguage(extraction.sentences.map((s) => s.text).join(' ')).language,
    formGiven: hasFormFields({}),
  };
  const evidence = areaEvidence(context, spec);
  const labels = spec.labels.map((l) => AIMS_LABELS.indexOf(l));
  const found = result.findings.find((f) => f.rule === spec.rule);
  console.log(`\n${file} with ${dir}: ${found?.status} — ${found?.message.split(' Looked for')[0]}`);
  console.log(
    `calibrated thresholds: ${labels.map((l) => `${AIMS_LABELS[l]} ${meta.calibratedThresholds?.[l]?.toFixed(3)}`).join(', ')}`,
  );
  result.sentences.forEach((s, i) => {
    const p = labels.map((l) => scores[i]![l]!.toFixed(3)).join(' ');
    console.log(
      `${String(i + 1).padStart(3)}  evidence ${evidence.perSentence[i]!.toFixed(2)}  p [${p}]  ${s.tags.join(',') || '-'}  | ${s.text.slice(0, 80)}`,
    );
  });
  console.log(
    `support (1-based): ${evidence.support.map((i) => i + 1).join(', ') || 'none'}; area probability ${evidence.probability.toFixed(3)}`,
  );
}
