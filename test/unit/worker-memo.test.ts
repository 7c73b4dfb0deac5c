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

  it('keeps a bounded number of results, the oldest going first', () => {
    const memo = new WorkerMemo();
    const result = { findings: [] } as unknown as CheckResult;
    for (let n = 0; n <= 500; n++) memo.rememberCheckResult(`S${n}`, 1, result, summary);
    expect(memo.checkResult('S0', 1, summary)).toBeUndefined();
    expect(memo.checkResult('S1', 1, summary)).toBe(result);
    expect(memo.checkResult('S500', 1, summary)).toBe(result);
  });
});
