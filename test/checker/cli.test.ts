import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkResultSchema } from '../../schemas/check-result.ts';
import { textPdf } from './fixtures.ts';
import { docxFromSource } from './realistic/documents.ts';
import { GOOD_DOCUMENT, GOOD_TEXT } from './support.ts';

const BIN = join(import.meta.dirname, '../../bin/register.mjs');

/** Runs `register …` as a user would: a separate node process. */
function register(
  args: string[],
  stdin = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const dir = mkdtempSync(join(tmpdir(), 'register-cli-'));
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('register help and version', () => {
  it.each([
    [['--help'], /^Usage: register <command>/],
    [['-h'], /^Usage: register <command>/],
    [['help'], /^Usage: register <command>/],
    [['check', '--help'], /^Usage: register check <file\|->/],
    [['help', 'check'], /^Usage: register check <file\|->/],
    [['classify', '-h'], /^Usage: register classify/],
    [['--version'], /^register \d+\.\d+\.\d+\n$/],
  ])('register %j prints to standard output and exits 0', async (args, output) => {
    const { code, stdout, stderr } = await register(args);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(output);
  });

  it('runs compiled JavaScript, compiling it again when a source is newer than the build', async () => {
    const inputsFile = join(import.meta.dirname, '../../dist/cli/inputs.json');
    await register(['--version']);
    const built = JSON.parse(readFileSync(inputsFile, 'utf8')) as { builtAt: number; inputs: string[] };
    expect(built.inputs).toContain('functions/cli/main.ts');
    writeFileSync(inputsFile, JSON.stringify({ ...built, builtAt: 0 }));
    const { code, stdout } = await register(['--version']);
    expect({ code, stdout }).toEqual({ code: 0, stdout: expect.stringMatching(/^register /) });
    expect((JSON.parse(readFileSync(inputsFile, 'utf8')) as { builtAt: number }).builtAt).toBeGreaterThan(0);
  });

  it('documents the exit codes in --help', async () => {
    const { stdout } = await register(['check', '--help']);
    expect(stdout).toMatch(
      /0 {2}the statement meets the legal minimum, or whether it does could not be determined/,
    );
    expect(stdout).toMatch(/1 {2}it does not meet the legal minimum/);
    expect(stdout).toMatch(/2 {2}usage error/);
  });
});

// Each test spawns its own process on its own files, so they run side by side: the processes'
// start-up and model loading overlap instead of queueing. (The help describe above stays in order:
// one of its tests makes the next spawn rebuild dist/cli.)
describe.concurrent('register classify', () => {
  it('answers one line per input line, in order, with the tags of each sentence', async () => {
    const input = [
      {
        id: 'a',
        sentences: [
          'This statement was approved by the Board of Directors on 1 July 2025.',
          'The weather was fine.',
        ],
      },
      { id: 'b', sentences: [] },
      {
        id: 'c',
        sentences: [
          'Due diligence',
          'All new suppliers complete a modern slavery questionnaire before we approve them.',
          'Where an audit finds a problem we agree a corrective action plan with the supplier.',
        ],
      },
    ];
    const { code, stdout } = await register(['classify'], input.map((l) => JSON.stringify(l)).join('\n'));
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', 'b', 'c']);
    expect(lines[0].labels).toHaveLength(2);
    expect(lines[0].labels[0]).toContain('approval');
    expect(lines[1].labels).toEqual([]);
    expect(lines[2].labels).toHaveLength(3);
    expect(lines[2].labels[1]).toContain('due_diligence');
  });

  it('answers an error line for a bad input line, keeping the output aligned', async () => {
    const { code, stdout } = await register(
      ['classify'],
      '{"id":"x","sentences":["Hello."]}\nnot json\n{"id":"y"}\n',
    );
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatchObject({ id: null, error: expect.any(String) });
    expect(lines[2]).toMatchObject({ id: 'y', error: expect.any(String) });
    expect(code).toBe(1);
  });
});

describe.concurrent('register check', () => {
  it('prints the check result as JSON with --json, the same shape the API answers', async () => {
    const { code, stdout } = await register([
      'check',
      file('statement.txt', GOOD_TEXT),
      '--json',
      '--offline',
    ]);
    expect(code).toBe(0);
    const result = checkResultSchema.parse(JSON.parse(stdout));
    expect(result.findings.find((f) => f.rule === 'uk-approval')?.status).toBe('pass');
    expect(result.findings.find((f) => f.rule === 'uk-homepage-link')?.status).toBe('unknown');
  });

  it('prints a readable report by default', async () => {
    const { code, stdout } = await register(['check', file('statement2.txt', GOOD_TEXT), '--offline']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Legal minimum: /);
    expect(stdout).toMatch(/PASS uk-approval: /);
  });

  it('checks a submission document with its fields and a statementFile beside it', async () => {
    const pdf = await textPdf([GOOD_TEXT.split('\n\n')]);
    file('statement.pdf', pdf);
    const { statementUrl: _url, ...fields } = GOOD_DOCUMENT;
    const path = file('submission.json', JSON.stringify({ ...fields, statementFile: 'statement.pdf' }));
    const { code, stdout, stderr } = await register(['check', path, '--json', '--offline']);
    expect(stderr).toBe('');
    const result = checkResultSchema.parse(JSON.parse(stdout));
    expect(code).toBe(result.summary.meetsLegalMinimum === false ? 1 : 0);
    expect(result.sentences.some((s) => s.page === 1)).toBe(true);
    expect(result.findings.find((f) => f.rule === 'uk-machine-readable')?.status).toBe('pass');
  });

  it.each([
    [['check'], 2, /Usage/],
    [['check', join(dir, 'missing.txt')], 2, /no such file/],
    [['check', 'x.txt', '--colour'], 2, /unknown option '--colour'/],
    [['check', 'a.txt', 'b.txt'], 2, /one file at a time/],
    [['nonsense'], 2, /unknown command/],
    [[], 2, /Usage: register <command>/],
  ])('register %j exits %i with a clear message', async (args, code, message) => {
    const run = await register(args);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
  });

  it('reads the statement from standard input for "-"', async () => {
    const { code, stdout } = await register(['check', '-', '--json', '--offline'], GOOD_TEXT);
    expect(code).toBe(0);
    const result = checkResultSchema.parse(JSON.parse(stdout));
    expect(result.findings.find((f) => f.rule === 'uk-approval')?.status).toBe('pass');
    const { statementUrl: _url, ...fields } = GOOD_DOCUMENT;
    const submission = await register(
      ['check', '-', '--offline'],
      JSON.stringify({ ...fields, statementText: GOOD_TEXT }),
    );
    expect(submission.code).toBe(0);
    expect(submission.stdout).toMatch(/Statement check: standard input/);
  });

  it('checks a Word .docx, as the pages and the API accept one, reading its text', async () => {
    const docx = await docxFromSource(GOOD_TEXT);
    const { code, stdout } = await register(['check', file('word.docx', docx), '--json', '--offline']);
    expect(code).toBe(0);
    const result = checkResultSchema.parse(JSON.parse(stdout));
    expect(result.sentences.length).toBeGreaterThan(3);
    expect(result.findings.find((f) => f.rule === 'uk-approval')?.status).toBe('pass');
  });

  it('exits 1 when the statement does not meet the legal minimum', async () => {
    const weak = 'We are a shoe shop in Leeds. We care about our suppliers.';
    const { code, stdout } = await register(['check', file('weak.txt', weak), '--offline']);
    expect(stdout).toMatch(/Legal minimum: NOT met/);
    expect(code).toBe(1);
  });

  it.each([
    // Named .docx but a zip without word/document.xml: not a Word document.
    ['statement.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0, 0x08, 0, 0, 0, 0x21, 0])],
    ['picture.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])],
  ])('refuses %s, a format it does not read, with exit 2', async (name, bytes) => {
    const { code, stdout, stderr } = await register(['check', file(name, bytes), '--offline']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/cannot be checked; the checker reads PDF, Word \(\.docx\), HTML and plain text/);
  });

  it('reports an invalid submission document with the path of each bad field, exiting 2', async () => {
    const path = file('bad.json', JSON.stringify({ statementText: 'x', periodEnd: '2025-13-45' }));
    const { code, stderr } = await register(['check', path]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/\/periodEnd/);
  });

  it('answers a finding, not a crash, for binary garbage', async () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 31) % 256);
    const { code, stdout } = await register(['check', file('garbage.pdf', garbage), '--json', '--offline']);
    const result = checkResultSchema.parse(JSON.parse(stdout));
    // Nothing could be read, so whether it meets the legal minimum is not determined: not a "no".
    expect(result.summary.meetsLegalMinimum).toBeNull();
    expect(code).toBe(0);
    expect(result.findings.find((f) => f.rule === 'uk-machine-readable')?.status).toBe('fail');
  });
});
