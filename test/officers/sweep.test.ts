import { describe, expect, it } from 'vitest';
import { listFlags } from '../../functions/store/flags/list-flags.ts';
import { runSweep } from '../../functions/worker/sweep.ts';
import { FLAG_STATUSES, FLAG_TYPES } from '../../schemas/flag.ts';
import { useTestTable } from '../support/table.ts';
import { complianceWorker, seedOrganisation, seedStatement } from './support.ts';

const now = new Date('2026-11-29T12:00:00.000Z');
const clock = () => now;

describe('the missing/late sweep', () => {
  const table = useTestTable();

  async function allFlags() {
    const page = await listFlags(
      table.store,
      { statuses: FLAG_STATUSES, types: FLAG_TYPES },
      { order: 'oldest', limit: 100 },
    );
    return page.items
      .map((flag) => `${flag.type} ${flag.organisationName} ${flag.year} ${flag.status}`)
      .sort();
  }

  it('flags missing and late years exactly once, even when run twice, and a later statement resolves its flag', {
    timeout: 60_000,
  }, async () => {
    const { store } = table;
    const acme = await seedOrganisation(store, {
      name: 'Acme',
      financialYearEnd: '03-31',
      createdAt: '2024-01-15T09:00:00Z',
    });
    const bolt = await seedOrganisation(store, {
      name: 'Bolt',
      financialYearEnd: '12-31',
      createdAt: '2025-06-01T09:00:00Z',
    });
    await seedOrganisation(store, {
      name: 'Cord',
      financialYearEnd: '05-31',
      createdAt: '2026-02-01T09:00:00Z',
    });
    await seedOrganisation(store, {
      name: 'Dune',
      financialYearEnd: '03-31',
      createdAt: '2020-01-01T09:00:00Z',
      inScope: false,
    });
    const echo = await seedOrganisation(store, {
      name: 'Echo',
      financialYearEnd: '03-31',
      createdAt: '2025-01-01T09:00:00Z',
    });

    await seedStatement(store, {
      organisation: acme,
      periodStart: '2023-04-01',
      periodEnd: '2024-03-31',
      submittedAt: '2024-07-01T10:00:00Z',
    });
    await seedStatement(store, {
      organisation: acme,
      periodStart: '2024-04-01',
      periodEnd: '2025-03-31',
      submittedAt: '2025-11-15T10:00:00Z',
    });
    await seedStatement(store, {
      organisation: echo,
      periodStart: '2025-04-01',
      periodEnd: '2026-03-31',
      submittedAt: null,
      status: 'draft',
    });
    await seedStatement(store, {
      organisation: echo,
      periodStart: '2024-04-01',
      periodEnd: '2025-03-31',
      submittedAt: '2025-09-30T23:00:00Z',
    });

    const first = await runSweep({ store, clock, log: () => {} });
    const second = await runSweep({ store, clock, log: () => {} });

    const expected = [
      'late Acme 2025 open',
      'missing Acme 2026 open',
      'missing Bolt 2025 open',
      'missing Echo 2026 open',
    ];
    expect(await allFlags()).toEqual(expected);
    expect(first).toMatchObject({ organisations: 5, missingRaised: 3, lateRaised: 1, remindersQueued: 1 });
    expect(second).toMatchObject({ organisations: 5, missingRaised: 0, lateRaised: 0, remindersQueued: 0 });

    const worker = complianceWorker(table, clock);
    await worker.poller.drain();
    await seedStatement(store, {
      organisation: bolt,
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      submittedAt: now.toISOString(),
    });
    await worker.poller.drain();
    expect(worker.failures).toEqual([]);
    expect(await allFlags()).toEqual([
      'late Acme 2025 open',
      'late Bolt 2025 open',
      'missing Acme 2026 open',
      'missing Bolt 2025 resolved',
      'missing Echo 2026 open',
    ]);
    const third = await runSweep({ store, clock, log: () => {} });
    expect(third).toMatchObject({ missingRaised: 0, lateRaised: 0 });
  });
});
