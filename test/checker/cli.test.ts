import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkResultSchema } from '../../schemas/check-result.ts';
import { textPdf } from './fixtures.ts';
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

describe('register classify', () => {
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

describe('register check', () => {
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
    expect(code).toBe(0);
    const result = checkResultSchema.parse(JSON.parse(stdout));
    expect(result.sentences.some((s) => s.page === 1)).toBe(true);
    expect(result.findings.find((f) => f.rule === 'uk-machine-readable')?.status).toBe('pass');
  });

  it.each([
    [['check'], 2, /Usage/],
    [['check', join(dir, 'missing.txt')], 1, /no such file/],
    [['check', 'x.txt', '--colour'], 2, /unknown option/],
    [['nonsense'], 2, /unknown command/],
  ])('register %j exits %i with a clear message', async (args, code, message) => {
    const run = await register(args);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
  });

  it('reports an invalid submission document with the path of each bad field', async () => {
    const path = file('bad.json', JSON.stringify({ statementText: 'x', periodEnd: '2025-13-45' }));
    const { code, stderr } = await register(['check', path]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/\/periodEnd/);
  });

  it('answers a finding, not a crash, for binary garbage', async () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 31) % 256);
    const { code, stdout } = await register(['check', file('garbage.pdf', garbage), '--json', '--offline']);
    expect(code).toBe(0);
    const result = checkResultSchema.parse(JSON.parse(stdout));
    expect(result.findings.find((f) => f.rule === 'uk-machine-readable')?.status).toBe('fail');
  });
});
