import { readFileSync } from 'node:fs';
import path from 'node:path';
import { it } from 'vitest';
import { runCheck } from '../../../functions/checker/run-check.ts';
import { defaultTagger } from '../../../functions/checker/tagger/model.ts';
import { docxFromSource, pdfFromSource } from './documents.ts';
import { CASES } from './expectations.ts';

it('dumps', { timeout: 120000 }, async () => {
  const only = process.env.CASE;
  for (const c of CASES.filter((c) => !only || c.file.includes(only))) {
    const raw = readFileSync(path.join(import.meta.dirname, 'statements', c.file), 'utf8');
    const src = c.format === 'text' ? { kind: 'text' as const, text: raw } : c.format === 'html' ? { kind: 'document' as const, bytes: new TextEncoder().encode(raw), hint: 'html' as const } : c.format === 'pdf' ? { kind: 'document' as const, bytes: await pdfFromSource(raw), hint: 'pdf' as const } : { kind: 'document' as const, bytes: await docxFromSource(raw), hint: 'docx' as const };
    const { result } = await runCheck(c.document ?? {}, src, { tagger: defaultTagger(), now: new Date('2025-12-01') });
    const out: string[] = [`### ${c.file} rating=${result.summary.rating}`];
    result.sentences.forEach((s, i) => out.push(`${i + 1} [${(s.headingPath ?? [s.heading ?? '']).join(' > ')}] ${s.unit ?? ''} {${s.tags.join(',')}} ${s.text.slice(0, 140)}`));
    for (const f of result.findings) if (f.rule.startsWith('uk-') ) out.push(`  ${f.rule} ${f.status} ${f.certainty} ${f.confidence?.toFixed(2)} ev=${(f.evidence ?? []).map((e) => ('sentence' in e ? e.sentence : e.field)).join(',')} :: ${f.message.slice(0, 120)}`);
    require('node:fs').appendFileSync('/tmp/gaps2/dump.txt', `${out.join('\n')}\n`);
  }
});
