import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type CheckDocument, checkDocumentSchema } from '../../schemas/check-request.ts';
import type { CheckResult } from '../../schemas/check-result.ts';
import { MAX_DOCUMENT_BYTES, sniffKind } from '../checker/extract/document.ts';
import { guardedFetch } from '../checker/fetch/guarded-fetch.ts';
import { type CheckSource, runCheck } from '../checker/run-check.ts';
import { defaultTagger } from '../checker/tagger/model.ts';
import { EXIT, type Io } from './main.ts';

const USAGE = 'Usage: register check <file|-> [--json] [--offline]   (register check --help for more)\n';

/** The statement could not be checked as given: exit 2, with this message. */
class CliError extends Error {}

/** Formats people have but the checker does not read; a clear refusal beats "0 sentences". */
const UNSUPPORTED: Record<string, string> = {
  '.doc': 'Word 97-2003 documents',
  '.odt': 'OpenDocument text',
  '.rtf': 'RTF documents',
  '.pages': 'Pages documents',
};

const EXTENSION_HINTS: Record<string, string> = {
  '': 'text/plain',
  '.txt': 'text/plain',
  '.md': 'text/plain',
  '.text': 'text/plain',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.xhtml': 'text/html',
  '.pdf': 'application/pdf',
};

/**
 * The source for a file's bytes, or a refusal when the checker would not read them. A kind the
 * extraction knows (text, html, pdf, docx) is checked; anything else is refused rather than
 * "checked" as an empty statement.
 */
function documentSource(bytes: Uint8Array, name: string, extension: string): CheckSource {
  const hint = EXTENSION_HINTS[extension] ?? extension.slice(1);
  // A string, so a kind extraction learns to read later passes here too.
  const kind: string = sniffKind(bytes, hint);
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const known = UNSUPPORTED[extension] ?? (isZip ? 'a zip file that is not a Word document' : undefined);
  if (kind === 'unknown' || (known && kind === 'text')) {
    throw new CliError(
      `${name}: ${known ?? 'this file'} cannot be checked; the checker reads PDF, Word (.docx), HTML and plain text (save it as PDF or .docx)`,
    );
  }
  // Extraction reads the hint as main always gave it: text/plain, else the extension.
  return { kind: 'document', bytes, hint: hint === 'text/plain' ? hint : extension.slice(1) || hint };
}

async function readStdin(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.byteLength;
    if (size > MAX_DOCUMENT_BYTES) {
      throw new CliError(
        `standard input is over ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB, the most the checker reads`,
      );
    }
    chunks.push(buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

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

/** A JSON submission on standard input starts with `{` (after any white space). */
const looksLikeJson = (bytes: Uint8Array) => /^\s*\{/.test(new TextDecoder().decode(bytes.subarray(0, 64)));

async function sourceOf(path: string, io: Io): Promise<{ document: CheckDocument; source: CheckSource }> {
  const fromStdin = path === '-';
  const bytes = fromStdin ? await readStdin(io.stdin) : await readBounded(path);
  const extension = fromStdin ? (looksLikeJson(bytes) ? '.json' : '') : extname(path).toLowerCase();
  if (fromStdin) path = 'standard input';
  if (extension === '.json') {
    let raw: unknown;
    try {
      raw = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw new CliError(`${path} is not valid JSON`);
    }
    const parsed = checkDocumentSchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues
        .map(
          (i) => `  ${i.path.map((p) => `/${String(p)}`).join('') || '(the whole document)'}: ${i.message}`,
        )
        .join('\n');
      throw new CliError(`${path} is not a submission document:\n${problems}`);
    }
    const document = parsed.data;
    if (document.statementText) return { document, source: { kind: 'text', text: document.statementText } };
    if (document.statementFile) {
      const beside = resolve(fromStdin ? '.' : dirname(path), document.statementFile);
      const besideExtension = extname(beside).toLowerCase();
      return {
        document,
        source: documentSource(await readBounded(beside), beside, besideExtension),
      };
    }
    if (document.statementUrl) return { document, source: { kind: 'url' } };
    throw new CliError(`${path} has no statementText, statementFile or statementUrl`);
  }
  return { document: {}, source: documentSource(bytes, path, extension) };
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
  let parsed: {
    values: { json?: boolean | undefined; offline?: boolean | undefined };
    positionals: string[];
  };
  try {
    parsed = parseArgs({
      args,
      options: { json: { type: 'boolean' }, offline: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^Unknown option/, 'unknown option') : '';
    io.stderr.write(`register check: ${message}\n${USAGE}`);
    return EXIT.usage;
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) {
    io.stderr.write(file === undefined ? USAGE : `register check: one file at a time\n${USAGE}`);
    return EXIT.usage;
  }
  const { json = false, offline = false } = parsed.values;
  try {
    const { document, source } = await sourceOf(file, io);
    const { result } = await runCheck(document, source, {
      tagger: defaultTagger(),
      now: new Date(),
      fetcher: offline ? undefined : (url) => guardedFetch(url),
    });
    io.stdout.write(
      json ? `${JSON.stringify(result)}\n` : readableReport(result, file === '-' ? 'standard input' : file),
    );
    // "Not determined" (e.g. the organisation's type is not given) is not a "no".
    return result.summary.meetsLegalMinimum === false ? EXIT.no : EXIT.ok;
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`register check: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
