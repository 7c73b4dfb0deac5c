import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createMemoryArchive } from '../../functions/domain/archive.ts';
import type { OpenDataPublisher } from '../../functions/domain/open-data-publisher.ts';
import type { Store } from '../../functions/store/store.ts';
import { runDailyJobs } from '../../functions/worker/daily-jobs.ts';
import { reindexStatement } from '../../functions/worker/index-statement.ts';
import { complianceWorker, seedOrganisation, seedStatement } from '../officers/support.ts';
import { putOrganisation, putStatement } from '../public/fixtures.ts';
import { useTestTable } from '../support/table.ts';

/**
 * EventBridge Scheduler retries a failed invocation, and an operator may run the daily jobs again
 * by hand (README, Redriving): the whole daily run — sweep, open data re-render, publishing — run
 * twice on the same day leaves the table as one run did (apart from the second run's own record),
 * with the stream worker's reactions to both applied, and publishes the same files.
 */
const now = new Date('2026-11-29T06:15:00.000Z');
const clock = () => now;

/** Every item, as comparable text; a sweep's own run record and its tasks are the run's, not the register's. */
async function snapshot(store: Store): Promise<string[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new ScanCommand({ TableName: store.tableName, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items
    .filter((item) => !/^SWEEP(TASK)?#/.test(String(item.pk)))
    .map((item) => JSON.stringify(item, Object.keys(item).sort()))
    .sort();
}

function memoryPublisher() {
  const published: string[] = [];
  const publisher: OpenDataPublisher = {
    async publish({ name, contentType, body }) {
      const text = await new Response(body).text();
      published.push(`${name} ${contentType} ${text}`);
      return { url: `/assets/open-data/${name}`, bytes: Buffer.byteLength(text) };
    },
  };
  return { published, publisher };
}

describe('the daily jobs, run twice', () => {
  const table = useTestTable();

  it('change nothing the second time: same items (the run record apart), same published files', {
    timeout: 60_000,
  }, async () => {
    const { store } = table;
    const late = await seedOrganisation(store, {
      name: 'Twice Late Ltd',
      financialYearEnd: '03-31',
      createdAt: '2024-01-15T09:00:00Z',
    });
    await seedOrganisation(store, {
      name: 'Twice Missing Ltd',
      financialYearEnd: '12-31',
      createdAt: '2025-06-01T09:00:00Z',
    });
    await seedStatement(store, {
      organisation: late,
      periodStart: '2024-04-01',
      periodEnd: '2025-03-31',
      submittedAt: '2025-11-15T10:00:00Z',
    });
    // A public statement, so the open data jobs have a file to publish.
    const published = await putStatement(store, {
      organisation: await putOrganisation(store, { name: 'Twice Published plc' }),
    });
    await reindexStatement(store, published.header.id, { now: () => '2026-01-01T00:00:00.000Z' });
    const worker = complianceWorker(table, clock);
    await worker.poller.drain();

    const errors: unknown[] = [];
    const run = async () => {
      const { published, publisher } = memoryPublisher();
      const results = await runDailyJobs({
        store,
        clock,
        log: (_message, error) => errors.push(error),
        archive: createMemoryArchive(),
        openDataPublisher: publisher,
      });
      await worker.poller.drain();
      return { results, published, items: await snapshot(store), mailed: worker.mailer.sent.length };
    };

    const first = await run();
    const second = await run();

    const sweep = (results: typeof first.results) =>
      results.find((r) => r.job === 'compliance-sweep')?.detail;
    // The first run did something (so the comparison is not of two empty runs)…
    expect(sweep(first.results)).toMatchObject({ missingRaised: expect.any(Number), lateRaised: 1 });
    expect(Number(sweep(first.results)?.missingRaised)).toBeGreaterThan(0);
    expect(first.published.length).toBeGreaterThan(0);
    // …and the second nothing new.
    expect(sweep(second.results)).toMatchObject({ missingRaised: 0, lateRaised: 0, remindersQueued: 0 });
    expect(second.items).toEqual(first.items);
    expect(second.published.sort()).toEqual(first.published.sort());
    // No notice is sent twice.
    expect(second.mailed).toBe(first.mailed);
    expect(errors).toEqual([]);
    expect(worker.failures).toEqual([]);
  });
});
