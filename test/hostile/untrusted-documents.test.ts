import { describe, expect, it } from 'vitest';
import { EXTRACT_LIMITS } from '../../functions/checker/extract/limits.ts';
import { ExtractPool } from '../../functions/checker/extract/pool.ts';
import { type CheckResult, checkResultSchema } from '../../schemas/check-result.ts';
import { pdfBomb, textPdf } from '../checker/fixtures.ts';
import { GOOD_TEXT } from '../checker/support.ts';
import { testApp } from '../support/app.ts';
import { useTestTable } from '../support/table.ts';
import { manyParagraphs, nestedDivs, zeroBombPdf } from './support/hostile-documents.ts';

/**
 * Issue 13, findings 1 and 2: anonymous uploads that froze the server (deep or huge HTML parsed
 * on the request's thread) and a PDF bomb whose timeout was answered to every document queued
 * behind it. Each document is read in a worker of a bounded pool, under limits.
 */
describe('untrusted documents sent to POST /api/v1/check', () => {
  const table = useTestTable();

  /** Asks /health every 50 ms and keeps the worst delay past when the answer was due. */
  function watchHealth(app: ReturnType<typeof testApp>['app']) {
    let worst = 0;
    let stopped = false;
    const loop = async () => {
      while (!stopped) {
        const due = performance.now() + 50;
        await new Promise((resolve) => setTimeout(resolve, 50));
        const response = await app.request('/health');
        await response.arrayBuffer();
        worst = Math.max(worst, performance.now() - due);
      }
    };
    const running = loop();
    return async () => {
      stopped = true;
      await running;
      return worst;
    };
  }

  const machineReadable = (result: CheckResult) =>
    result.findings.find((f) => f.rule === 'uk-machine-readable');

  it('keeps /health answering within 1 s while hostile HTML and a PDF bomb are checked, and gives an innocent PDF checked beside them its real result', {
    timeout: 20_000,
  }, async () => {
    const { app } = testApp(table.store);
    const bomb = await zeroBombPdf();
    expect(bomb.byteLength).toBeLessThan(1.5 * 1024 * 1024);
    const innocent = await textPdf([GOOD_TEXT.split('\n\n')]);
    const check = async (body: Uint8Array | string, type: string) => {
      const response = await app.request('/api/v1/check?offline=true', {
        method: 'POST',
        body: body as BodyInit,
        headers: { 'content-type': type },
      });
      expect(response.status).toBe(200);
      return checkResultSchema.parse(await response.json());
    };
    // The first check loads the tagger model (once per process, as a cold start does): not the attack.
    await check(JSON.stringify({ statementText: GOOD_TEXT }), 'application/json');
    const stop = watchHealth(app);
    const [deep, many, bombed, real] = await Promise.all([
      check(nestedDivs(2_000), 'text/html'),
      check(manyParagraphs(240_000), 'text/html'),
      check(bomb, 'application/pdf'),
      check(innocent, 'application/pdf'),
    ]);
    expect(await stop()).toBeLessThan(1_000);

    expect(machineReadable(deep)).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/256 levels deep/),
    });
    expect(machineReadable(many)).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/60,000 elements/),
    });
    expect(machineReadable(bombed)).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/decompress/),
    });
    expect(machineReadable(real)?.status).toBe('pass');
    expect(real.sentences.map((s) => s.text)).toEqual(
      expect.arrayContaining([expect.stringMatching(/We buy from 350 suppliers/)]),
    );
  });
});

describe('the reader pool', () => {
  it('answers a document queued behind one that times out with its own result, read on a fresh worker', {
    timeout: 30_000,
  }, async () => {
    const pool = new ExtractPool(1);
    try {
      // The decompression check is lifted so that the bomb reaches the PDF reader and runs out of time.
      const slow = { ...EXTRACT_LIMITS, timeoutMs: 1_500, maxInflatedMb: 100_000 };
      const [bombed, real] = await Promise.all([
        pool.run('pdf', await pdfBomb(300), slow),
        pool.run('pdf', await textPdf([GOOD_TEXT.split('\n\n')]), EXTRACT_LIMITS),
      ]);
      expect(bombed).toMatchObject({ ok: false, reason: 'timeout' });
      expect(real).toMatchObject({ ok: true, answer: { ok: true, totalPages: 1 } });
    } finally {
      await pool.close();
    }
  });

  it('answers a document over its worker heap with a problem naming the limit, and reads the next one on a fresh worker', {
    timeout: 20_000,
  }, async () => {
    const pool = new ExtractPool(1);
    try {
      const page = `<html><body>${'<p class="a" id="b">We audited our suppliers in every tier.</p>'.repeat(50_000)}</body></html>`;
      const small = { ...EXTRACT_LIMITS, maxHeapMb: 16 };
      const [heavy, next] = await Promise.all([
        pool.run('html', new TextEncoder().encode(page), small),
        pool.run('html', new TextEncoder().encode('<p>We trained 40 buyers.</p>'), small),
      ]);
      expect(heavy).toMatchObject({ ok: false, reason: 'memory', message: expect.stringMatching(/16 MB/) });
      expect(next).toMatchObject({
        ok: true,
        answer: { blocks: [{ kind: 'paragraph', text: 'We trained 40 buyers.' }] },
      });
    } finally {
      await pool.close();
    }
  });
});
