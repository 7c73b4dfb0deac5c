import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CheckSource, runCheck } from '../../../functions/checker/run-check.ts';
import { defaultTagger } from '../../../functions/checker/tagger/model.ts';
import { type CheckResult, checkResultSchema, type Finding } from '../../../schemas/check-result.ts';
import { docxFromSource, pdfFromSource } from './documents.ts';
import {
  AREA_RULE,
  type AreaKey,
  CASES,
  type Expected,
  type RealisticCase,
  type Verdict,
} from './expectations.ts';
import { KNOWN_GAPS } from './known-gaps.ts';

/*
 * The realistic set: statements written as UK compliance writers (careful and weak) write them,
 * with verdicts expected from the law, checked with the committed tagger, offline, as /check does.
 * Agreement: `npx vitest run test/checker/realistic` prints it.
 */
const dir = path.join(import.meta.dirname, 'statements');

async function source(c: RealisticCase): Promise<CheckSource> {
  const raw = readFileSync(path.join(dir, c.file), 'utf8');
  if (c.format === 'text') return { kind: 'text', text: raw };
  if (c.format === 'html') return { kind: 'document', bytes: new TextEncoder().encode(raw), hint: 'html' };
  if (c.format === 'pdf') return { kind: 'document', bytes: await pdfFromSource(raw), hint: 'pdf' };
  return { kind: 'document', bytes: await docxFromSource(raw), hint: 'docx' };
}

function verdictMatches(f: Finding | undefined, v: Verdict): boolean {
  if (!f) return false;
  if (v === 'absent') return f.status === 'fail' || (f.status === 'unknown' && f.certainty === 'unclear');
  if (v === 'unread') return f.status === 'unknown';
  return f.status === v;
}
const matches = (f: Finding | undefined, e: Expected) =>
  (Array.isArray(e) ? e : [e]).some((v) => verdictMatches(f, v));

const describeFinding = (f: Finding | undefined) =>
  f ? `${f.status}${f.certainty === 'unclear' ? ' (unclear)' : ''}: ${f.message}` : 'no finding';

interface Outcome {
  c: RealisticCase;
  result: CheckResult;
  checks: { rule: string; expected: Expected; right: boolean; got: string }[];
}

async function evaluate(c: RealisticCase): Promise<Outcome> {
  const { result: raw } = await runCheck(c.document ?? {}, await source(c), {
    tagger: defaultTagger(),
    now: new Date('2025-12-01'),
  });
  const result = checkResultSchema.parse(raw);
  const find = (rule: string) => result.findings.find((f) => f.rule === rule);
  const checks = [
    ...(Object.keys(c.areas) as AreaKey[]).map((k) => [AREA_RULE[k], c.areas[k]] as const),
    ...Object.entries(c.rules).map(([rule, e]) => [rule, e as Expected] as const),
  ].map(([rule, expected]) => ({
    rule,
    expected,
    right: matches(find(rule), expected),
    got: describeFinding(find(rule)),
  }));
  checks.push({
    rule: 'rating',
    expected: c.rating as Verdict,
    right: result.summary.rating === c.rating,
    got: `${result.summary.rating} (legal minimum ${result.summary.meetsLegalMinimum})`,
  });
  return { c, result, checks };
}

const outcomes = new Map<string, Outcome>();

describe('the realistic statement set', { timeout: 60_000 }, () => {
  it.each(CASES.map((c) => [c.file, c.form, c] as const))('%s (%s)', async (_file, _form, c) => {
    const outcome = await evaluate(c);
    outcomes.set(c.file, outcome);
    const wrong = outcome.checks.filter((k) => !k.right);
    const gaps = KNOWN_GAPS.filter((g) => g.file === c.file);
    // Exactly the known gaps are wrong: when the checker gets one right, its entry must go.
    expect(
      wrong.map((k) => `${k.rule}: expected ${k.expected}, got ${k.got}`),
      gaps.map((g) => `${g.rule}: ${g.reason}`).join('\n') || 'no known gap',
    ).toEqual(gaps.map((g) => expect.stringMatching(new RegExp(`^${g.rule}: `))));
  });

  it('reports its agreement with the expectations', () => {
    const line = (label: string, right: number, total: number) =>
      `${label}: ${right}/${total} (${((100 * right) / total).toFixed(0)}%)`;
    const report = (title: string, all: Outcome[]) => {
      const verdicts = all.flatMap((o) => o.checks);
      const areaChecks = verdicts.filter((k) => k.rule.startsWith('uk-area-'));
      return [
        title,
        line('cases wholly right', all.filter((o) => o.checks.every((k) => k.right)).length, all.length),
        line('area verdicts right', areaChecks.filter((k) => k.right).length, areaChecks.length),
        line(
          'all verdicts right (areas, listed rules, rating)',
          verdicts.filter((k) => k.right).length,
          verdicts.length,
        ),
      ].join('\n');
    };
    const all = [...outcomes.values()];
    console.log(
      [
        report('all statements', all),
        report(
          'fixed-for set (the checker was fixed until these agreed)',
          all.filter((o) => !o.c.blind),
        ),
        report(
          'blind set 1 (session 8; written without reading the checker)',
          all.filter((o) => o.c.blind && !o.c.set),
        ),
        report(
          'blind set 2 (session 9; written without reading the checker, never used to fix it)',
          all.filter((o) => o.c.set === 'blind-2'),
        ),
        report(
          'blind set 3 (session 10; written without reading the checker while sets 1 and 2 were fixed for)',
          all.filter((o) => o.c.set === 'blind-3'),
        ),
        report(
          'blind set 4 (session 11; written without reading the checker after sets 1 to 3 were fixed for)',
          all.filter((o) => o.c.set === 'blind-4'),
        ),
      ].join('\n\n'),
    );
    expect(all).toHaveLength(CASES.length);
  });
});
