import { describe, expect, it } from 'vitest';
import { WorkerMemo } from '../../functions/worker/worker-memo.ts';
import type { CheckResult } from '../../schemas/check-result.ts';

const summary = { rating: 'adequate', meetsLegalMinimum: true, areasCovered: 5 } as const;

describe('the stream worker memo', () => {
  it('answers a stored check result only while the header shows the summary stored with it', () => {
    const memo = new WorkerMemo();
    const result = { findings: [] } as unknown as CheckResult;
    memo.rememberCheckResult('S1', 2, result, summary);
    expect(memo.checkResult('S1', 2, { ...summary })).toBe(result);
    expect(memo.checkResult('S1', 2, { ...summary, rating: 'weak' })).toBeUndefined();
    expect(memo.checkResult('S1', 2, null)).toBeUndefined();
    expect(memo.checkResult('S1', 1, summary)).toBeUndefined();
  });

  it('keeps a bounded number of entries, the oldest going first', () => {
    const memo = new WorkerMemo();
    for (let n = 0; n <= 500; n++) memo.rememberIndexed(`S${n}`, { n });
    expect(memo.indexedAs('S0', { n: 0 })).toBe(false);
    expect(memo.indexedAs('S1', { n: 1 })).toBe(true);
    expect(memo.indexedAs('S500', { n: 500 })).toBe(true);
    expect(memo.indexedAs('S500', { n: 499 })).toBe(false);
  });
});
