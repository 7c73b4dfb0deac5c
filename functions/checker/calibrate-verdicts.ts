/**
 * `npx tsx functions/checker/calibrate-verdicts.ts`: how well the statement-level area verdicts
 * and their confidence hold up across datasets. The tagger is trained on AIMS.au and the verdicts
 * scored on AIMS.ca, then the other way round (the committed model has seen both, so it is not
 * used here). For each area the statement's expert label ("the statement addresses it") is
 * compared with the verdict: pass = addressed; fail = not addressed; unknown (unclear) is left
 * out of the accuracy and counted apart. The confidence is scored with the Brier score and a
 * reliability table (mean confidence against the share right, in bins).
 * AIMS sentences carry no headings (they are merged into the text), so this measures the
 * probability part of the verdict, not the section evidence.
 */
import type { CheckedSentence, SentenceTag } from '../../schemas/check-result.ts';
import { type AreaKey, areaVerdict } from './rules/areas.ts';
import type { RuleContext } from './rules/context.ts';
import { AIMS_LABELS, type AimsLabel } from './tagger/labels.ts';
import { isTrainingSentence, mitigationTags } from './tagger/lexicon.ts';
import { smooth } from './tagger/model.ts';
import { type AimsStatement, loadAims } from './train/data.ts';
import { featurise, predictTagger, trainWithThresholds } from './train/pipeline.ts';

const AREA_LABEL: [AreaKey, AimsLabel][] = [
  ['structure', 'c2_structure'],
  ['policies', 'c4_risk_mitigation'],
  ['dueDiligence', 'c4_risk_mitigation'],
  ['risk', 'c3_risk_description'],
  ['effectiveness', 'c5_effectiveness'],
  ['training', 'c4_risk_mitigation'],
  ['remediation', 'c4_remediation'],
];
const LABEL_TAG: Partial<Record<AimsLabel, SentenceTag>> = {
  approval: 'approval',
  signature: 'signature',
  c2_structure: 'structure',
  c2_operations: 'operations',
  c2_supply_chains: 'supply_chains',
  c3_risk_description: 'risk',
  c4_remediation: 'remediation',
  c5_effectiveness: 'effectiveness',
};

interface Outcome {
  area: AreaKey;
  truth: boolean;
  status: string;
  confidence: number;
  unclear: boolean;
}

function score(train: AimsStatement[], test: AimsStatement[]): Outcome[] {
  const tagger = trainWithThresholds(featurise(train));
  const probabilities = predictTagger(tagger, featurise(test));
  const outcomes: Outcome[] = [];
  test.forEach((statement, d) => {
    const scores = smooth(probabilities[d]!, Array.from(tagger.smoothing));
    const sentences: CheckedSentence[] = statement.sentences.map((s, i) => {
      const tags = new Set<SentenceTag>();
      AIMS_LABELS.forEach((label, l) => {
        if (scores[i]![l]! < tagger.thresholds[l]!) return;
        if (label === 'c4_risk_mitigation') for (const t of mitigationTags(s.text)) tags.add(t);
        else if (LABEL_TAG[label]) tags.add(LABEL_TAG[label]!);
      });
      if (isTrainingSentence(s.text)) tags.add('training');
      return { text: s.text, tags: [...tags] };
    });
    const context = {
      document: {},
      extraction: { kind: 'text', sentences },
      textGiven: true,
      now: new Date(),
      sentences,
      byTag: new Map(),
      scores,
      entityType: undefined,
      wordCount: 1000,
      language: 'en',
      formGiven: false,
    } as RuleContext;
    for (const [area, label] of AREA_LABEL) {
      // The three parts of c4_risk_mitigation are one label in AIMS: only "any of them" is labelled.
      const truth =
        area === 'structure'
          ? Boolean(
              statement.labels.c2_structure ||
                statement.labels.c2_operations ||
                statement.labels.c2_supply_chains,
            )
          : Boolean(statement.labels[label]);
      const f = areaVerdict(context, area);
      outcomes.push({
        area,
        truth,
        status: f.status,
        confidence: f.confidence ?? 0.5,
        unclear: f.certainty === 'unclear',
      });
    }
  });
  return outcomes;
}

function report(name: string, outcomes: Outcome[]): string[] {
  const lines = [`${name}`, '| area | confident accuracy | unclear share | Brier |', '|---|---|---|---|'];
  const areas: AreaKey[] = [...new Set(outcomes.map((o) => o.area))].filter(
    (a) => a !== 'policies' && a !== 'dueDiligence' && a !== 'training',
  );
  const mitigation = outcomes.filter(
    (o) => o.area === 'policies' || o.area === 'dueDiligence' || o.area === 'training',
  );
  const right = (o: Outcome) => (o.status === 'pass' || o.status === 'warn') === o.truth;
  const row = (label: string, os: Outcome[]) => {
    const confident = os.filter((o) => !o.unclear && o.status !== 'unknown');
    const accuracy = confident.filter(right).length / Math.max(1, confident.length);
    const brier =
      os.reduce((n, o) => {
        // The confidence is the probability that the status is right; unknown means "not addressed".
        const saysAddressed = o.status === 'pass' || o.status === 'warn';
        const pAddressed = saysAddressed ? o.confidence : 1 - o.confidence;
        return n + (pAddressed - (o.truth ? 1 : 0)) ** 2;
      }, 0) / os.length;
    lines.push(
      `| ${label} | ${accuracy.toFixed(3)} (${confident.length}) | ${((os.length - confident.length) / os.length).toFixed(2)} | ${brier.toFixed(3)} |`,
    );
  };
  for (const area of areas)
    row(
      area,
      outcomes.filter((o) => o.area === area),
    );
  // Mitigation: the statement addresses c4 when any of policies, due diligence, training is found.
  const byStatement: Outcome[] = [];
  for (let i = 0; i < mitigation.length; i += 3) {
    const group = mitigation.slice(i, i + 3);
    const found = group.filter((o) => o.status === 'pass' || o.status === 'warn');
    const open = group.filter((o) => o.status === 'unknown');
    if (found.length) byStatement.push(found.reduce((a, b) => (a.confidence >= b.confidence ? a : b)));
    else if (open.length) byStatement.push(open[0]!);
    else byStatement.push(group.reduce((a, b) => (a.confidence <= b.confidence ? a : b)));
  }
  row('policies, due diligence or training (c4)', byStatement);
  const all = [...outcomes.filter((o) => areas.includes(o.area)), ...byStatement];
  row('**all**', all);
  lines.push('', 'Reliability (confident and unclear together): confidence bin → share right (n)');
  for (const [lo, hi] of [
    [0, 0.6],
    [0.6, 0.75],
    [0.75, 0.9],
    [0.9, 1.01],
  ] as const) {
    const bin = all.filter((o) => o.confidence >= lo && o.confidence < hi && o.status !== 'unknown');
    const share = bin.filter(right).length / Math.max(1, bin.length);
    lines.push(`- ${lo.toFixed(2)}–${Math.min(hi, 1).toFixed(2)}: ${share.toFixed(3)} (${bin.length})`);
  }
  return lines;
}

const au = loadAims('aims-au');
const ca = loadAims('aims-ca');
const started = Date.now();
const lines = [
  ...report('AU→CA (tagger trained on AIMS.au, verdicts on AIMS.ca)', score(au, ca)),
  '',
  ...report('CA→AU (tagger trained on AIMS.ca, verdicts on AIMS.au)', score(ca, au)),
  '',
  `(${((Date.now() - started) / 1000).toFixed(0)} s)`,
];
console.log(lines.join('\n'));
