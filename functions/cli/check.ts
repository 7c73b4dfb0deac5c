import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import * as z from 'zod';
import { type CheckDocument, checkDocumentSchema } from '../../schemas/check-request.ts';
import type { CheckResult } from '../../schemas/check-result.ts';
import { MAX_DOCUMENT_BYTES } from '../checker/extract/document.ts';
import { guardedFetch } from '../checker/fetch/guarded-fetch.ts';
import { type CheckSource, runCheck } from '../checker/run-check.ts';
import { defaultTagger } from '../checker/tagger/model.ts';
import type { Io } from './main.ts';

const USAGE = 'Usage: register check <file> [--json] [--offline]\n';

class CliError extends Error {}

async function readBounded(path: string): Promise<Uint8Array> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    throw new CliError(`cannot read ${path}: no such file`);
  }
  if (!info.isFile()) throw new CliError(`${path} is not a file`);
  if (info.size > MAX_DOCUMENT_BYTES) {
    throw new CliError(
      `${path} is ${(info.size / 1024 / 1024).toFixed(0)} MB; the checker reads documents up to ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`,
    );
  }
  return new Uint8Array(await readFile(path));
}

async function sourceOf(path: string): Promise<{ document: CheckDocument; source: CheckSource }> {
  const extension = extname(path).toLowerCase();
  const bytes = await readBounded(path);
  if (extension === '.json') {
    let raw: unknown;
    try {
      raw = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw new CliError(`${path} is not valid JSON`);
    }
    const parsed = checkDocumentSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `  /${i.path.join('/')}: ${i.message}`).join('\n');
      throw new CliError(`${path} is not a submission document:\n${problems}`);
    }
    const document = parsed.data;
    if (document.statementText) return { document, source: { kind: 'text', text: document.statementText } };
    if (document.statementFile) {
      const beside = resolve(dirname(path), document.statementFile);
      return {
        document,
        source: { kind: 'document', bytes: await readBounded(beside), hint: extname(beside) },
      };
    }
    if (document.statementUrl) return { document, source: { kind: 'url' } };
    throw new CliError(`${path} has no statementText, statementFile or statementUrl`);
  }
  if (extension === '.txt' || extension === '.md' || extension === '') {
    return { document: {}, source: { kind: 'document', bytes, hint: 'text/plain' } };
  }
  return { document: {}, source: { kind: 'document', bytes, hint: extension.slice(1) } };
}

const STATUS_MARK: Record<string, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  warn: 'WARN',
  not_applicable: 'N/A ',
  unknown: '?   ',
};

export function readableReport(result: CheckResult, file: string): string {
  const { summary } = result;
  const out: string[] = [];
  out.push(`Statement check: ${file}`);
  out.push(
    `Legal minimum: ${summary.meetsLegalMinimum === null ? 'not determined' : summary.meetsLegalMinimum ? 'met' : 'NOT met'} · areas covered: ${summary.areasCovered} of 6 · rating: ${summary.rating} · rules ${result.rulesVersion}`,
  );
  out.push(`${result.sentences.length} sentences read.`);
  for (const severity of ['legal', 'guidance', 'best_practice'] as const) {
    out.push(
      '',
      severity === 'best_practice'
        ? 'Best practice'
        : severity === 'legal'
          ? 'Legal requirements'
          : 'Statutory guidance',
    );
    for (const f of result.findings.filter((x) => x.severity === severity)) {
      const unclear =
        f.certainty === 'unclear' ? ` (unclear: confidence ${f.confidence?.toFixed(2) ?? '?'})` : '';
      out.push(`  ${STATUS_MARK[f.status]} ${f.rule}${unclear}: ${f.message}`);
      for (const e of f.evidence.slice(0, 2)) {
        if (e.sentence !== undefined) out.push(`         [${e.sentence}] “${e.text}”`);
        else if (e.field || e.url)
          out.push(`         ${[e.field, e.text, e.url].filter(Boolean).join(': ')}`);
      }
    }
  }
  return `${out.join('\n')}\n`;
}

export async function checkCommand(args: string[], io: Io): Promise<number> {
  const options = z
    .object({ json: z.boolean(), offline: z.boolean(), files: z.array(z.string()).length(1) })
    .safeParse({
      json: args.includes('--json'),
      offline: args.includes('--offline'),
      files: args.filter((a) => !a.startsWith('--')),
    });
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--json' && a !== '--offline');
  if (!options.success || unknown.length) {
    io.stderr.write(unknown.length ? `register check: unknown option ${unknown.join(' ')}\n${USAGE}` : USAGE);
    return 2;
  }
  const file = options.data.files[0]!;
  try {
    const { document, source } = await sourceOf(file);
    const { result } = await runCheck(document, source, {
      tagger: defaultTagger(),
      now: new Date(),
      fetcher: options.data.offline ? undefined : (url) => guardedFetch(url),
    });
    io.stdout.write(options.data.json ? `${JSON.stringify(result)}\n` : readableReport(result, file));
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`register check: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
