import { describe, expect, it } from 'vitest';
import { flagIds } from '../../functions/domain/compliance/flag-ids.ts';
import { knownSectors } from '../../functions/domain/compliance/sweep-decisions.ts';
import { getFlag } from '../../functions/store/flags/get-flag.ts';
import { runSweep } from '../../functions/worker/sweep.ts';
import { flagPageSchema } from '../../schemas/flag.ts';
import { authFor, fixedNow, testApp } from '../support/app.ts';
import { useTestTable } from '../support/table.ts';
import { seedOrganisation, seedStatement } from './support.ts';

const officer = { email: 'olive@officers.example', officer: true };

describe('sectors on missing flags', () => {
  const table = useTestTable();

  it('takes the sectors of the latest statement that named any, its own before a group’s', () => {
    const at = (year: number, sectors: string[], viaGroupOf?: string) => ({
      year,
      statementId: `S${year}${viaGroupOf ?? ''}`,
      receivedAt: `${year}-06-01T00:00:00.000Z`,
      deadline: `${year}-09-30`,
      sectors,
      ...(viaGroupOf ? { viaGroupOf } : {}),
    });
    expect(knownSectors([])).toEqual([]);
    expect(knownSectors([at(2023, ['Textiles']), at(2024, ['Agriculture']), at(2025, [])])).toEqual([
      'Agriculture',
    ]);
    expect(knownSectors([at(2023, ['Textiles']), at(2025, ['Finance'], 'GROUP')])).toEqual(['Textiles']);
    expect(knownSectors([at(2025, ['Finance'], 'GROUP')])).toEqual(['Finance']);
  });

  it('raises missing flags with the organisation’s sectors when a statement named them, so the sector filter finds them', async () => {
    const known = await seedOrganisation(table.store, {
      name: 'Known Sector Ltd',
      financialYearEnd: '03-31',
      createdAt: '2024-02-01T09:00:00.000Z',
    });
    const unknown = await seedOrganisation(table.store, {
      name: 'Unknown Sector Ltd',
      financialYearEnd: '03-31',
      createdAt: '2024-02-01T09:00:00.000Z',
    });
    await seedStatement(table.store, {
      organisation: known,
      periodStart: '2024-04-01',
      periodEnd: '2025-03-31',
      submittedAt: '2025-08-01T09:00:00.000Z',
      sectors: ['Cosmetics and toiletries'],
    });
    await runSweep({ store: table.store, clock: () => fixedNow, log: () => {} });

    for (const year of [2024, 2026]) {
      expect((await getFlag(table.store, flagIds.missing(known.id, year)))?.sectors).toEqual([
        'Cosmetics and toiletries',
      ]);
      expect((await getFlag(table.store, flagIds.missing(unknown.id, year)))?.sectors).toEqual([]);
    }
    const { app } = testApp(table.store);
    const filtered = flagPageSchema.parse(
      await (
        await app.request(
          `/api/v1/flags?type=missing&sector=${encodeURIComponent('Cosmetics and toiletries')}`,
          {
            headers: await authFor(officer),
          },
        )
      ).json(),
    );
    expect(filtered.items.map((flag) => [flag.organisationId, flag.year]).sort()).toEqual([
      [known.id, 2024],
      [known.id, 2026],
    ]);
  });
});
