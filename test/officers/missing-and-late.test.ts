import { describe, expect, it } from 'vitest';
import { listFlags } from '../../functions/store/flags/list-flags.ts';
import { runSweep } from '../../functions/worker/sweep.ts';
import { FLAG_STATUSES, FLAG_TYPES } from '../../schemas/flag.ts';
import { importResultSchema } from '../../schemas/organisation-import.ts';
import { authFor, testApp } from '../support/app.ts';
import { json, officer, validDocument } from '../support/submissions.ts';
import { useTestTable } from '../support/table.ts';
import { complianceWorker } from './support.ts';

const at = (iso: string) => () => new Date(iso);

describe('missing and late statements, end to end through the API', () => {
  const table = useTestTable();

  it('imports organisations with different year ends, finds exactly the missing and late years twice over, and a later statement resolves its flag', {
    timeout: 60_000,
  }, async () => {
    // Early 2024: the officer imports the organisations in scope.
    const imported = importResultSchema.parse(
      await (
        await testApp(table.store, at('2024-02-01T09:00:00Z')).app.request('/api/v1/organisations/import', {
          method: 'POST',
          headers: { ...(await authFor(officer)), 'content-type': 'text/csv' },
          body: [
            'name,companyNumber,entityType,financialYearEnd,turnover',
            'Alpha Ltd,11111111,company,03-31,£100 million to £500 million',
            'Beta LLP,OC222222,llp,12-31,',
            'Gamma plc,33333333,company,06-30,Over £500 million',
            'Delta Ltd,44444444,company,09-30,',
          ].join('\n'),
        })
      ).json(),
    );
    expect(imported).toMatchObject({ created: 4, errors: [] });
    const ids = Object.fromEntries(imported.enrolmentCodes.map((code) => [code.name.split(' ')[0], code]));

    const member = { email: 'filer@example.com' };
    for (const code of imported.enrolmentCodes) {
      const { app } = testApp(table.store, at('2024-02-02T09:00:00Z'));
      const enrolled = await json(
        app,
        'POST',
        '/api/v1/enrolments',
        { code: code.enrolmentCode },
        await authFor(member),
      );
      expect(enrolled.status).toBe(201);
    }
    const worker = complianceWorker(table, at('2026-11-29T12:00:00Z'));

    async function submit(organisation: string, when: string, periodStart: string, periodEnd: string) {
      const { app } = testApp(table.store, at(when));
      const approvalDate = when.slice(0, 10);
      const response = await json(
        app,
        'POST',
        `/api/v1/organisations/${ids[organisation]?.organisationId}/statements`,
        { ...validDocument({ periodStart, periodEnd, approvalDate }), submit: true },
        await authFor(member),
      );
      expect(response.status, await response.clone().text()).toBe(201);
      await worker.poller.drain();
    }

    await submit('Alpha', '2024-08-01T10:00:00Z', '2023-04-01', '2024-03-31');
    await submit('Alpha', '2025-09-01T10:00:00Z', '2024-04-01', '2025-03-31');
    await submit('Alpha', '2026-10-15T10:00:00Z', '2025-04-01', '2026-03-31'); // after its 30 September deadline
    await submit('Beta', '2025-05-01T10:00:00Z', '2024-01-01', '2024-12-31');
    await submit('Delta', '2025-02-01T10:00:00Z', '2023-10-01', '2024-09-30');

    const sweepDeps = { store: table.store, clock: at('2026-11-29T12:00:00Z'), log: () => {} };
    const first = await runSweep(sweepDeps);
    await worker.poller.drain();
    const second = await runSweep(sweepDeps);
    expect(first).toMatchObject({ organisations: 4, missingRaised: 4, lateRaised: 1 });
    expect(second).toMatchObject({ organisations: 4, missingRaised: 0, lateRaised: 0 });

    async function flags() {
      const page = await listFlags(
        table.store,
        { statuses: FLAG_STATUSES, types: FLAG_TYPES },
        { order: 'oldest', limit: 100 },
      );
      return page.items
        .map((flag) => `${flag.type} ${flag.organisationName} ${flag.year} ${flag.status}`)
        .sort();
    }
    expect(await flags()).toEqual([
      'late Alpha Ltd 2026 open',
      'missing Beta LLP 2025 open',
      'missing Delta Ltd 2025 open',
      'missing Gamma plc 2024 open',
      'missing Gamma plc 2025 open',
    ]);

    await submit('Gamma', '2026-11-29T10:00:00Z', '2024-07-01', '2025-06-30');
    expect(worker.failures).toEqual([]);
    expect(await flags()).toEqual([
      'late Alpha Ltd 2026 open',
      'late Gamma plc 2025 open',
      'missing Beta LLP 2025 open',
      'missing Delta Ltd 2025 open',
      'missing Gamma plc 2024 open',
      'missing Gamma plc 2025 resolved',
    ]);
    expect(await runSweep(sweepDeps)).toMatchObject({ missingRaised: 0, lateRaised: 0 });

    // The dashboard's counters followed every change.
    const { app } = testApp(table.store, at('2026-11-29T12:00:00Z'));
    const summary = await (
      await app.request('/api/v1/compliance/summary?year=2025', { headers: await authFor(officer) })
    ).json();
    expect(summary).toMatchObject({
      year: 2025,
      organisationsInScope: 4,
      statementsReceived: 2,
      flags: { missing: { raised: 3, outstanding: 2 }, late: { raised: 1, outstanding: 1 } },
    });
  });
});
