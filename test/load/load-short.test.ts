import { describe, expect, it } from 'vitest';
import { runLoad } from '../../bench/load.ts';
import { dynamoEndpoint } from '../support/dynamo.ts';

/**
 * The short form of `npm run load`: a few seconds of mixed public reads while submissions keep
 * arriving (each POST sent twice with one Idempotency-Key). No timing is asserted — only that
 * nothing failed and every accepted submission is stored exactly once and readable.
 */
describe('under load (short form)', () => {
  it('answers every read and keeps every accepted submission exactly once', async () => {
    const report = await runLoad({
      durationSeconds: 3,
      connections: 10,
      seedStatements: 5,
      submitters: 1,
      dynamoEndpoint: dynamoEndpoint(),
    });
    expect(report.totalRequests).toBeGreaterThan(0);
    expect(report.errors).toBe(0);
    expect(report.non2xx).toBe(0);
    expect(report.submissions.accepted).toBeGreaterThan(5);
    expect(report.submissions.missing).toBe(0);
    expect(report.submissions.duplicated).toBe(0);
    expect(report.submissions.failed).toBe(0);
    expect(report.submissions.stored).toBe(report.submissions.accepted);
  }, 180_000);
});
