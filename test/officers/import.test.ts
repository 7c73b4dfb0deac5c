import { describe, expect, it } from 'vitest';
import { importRows } from '../../functions/domain/compliance/import-organisations.ts';
import { newCodesKeyPair, openCodes, sealCodes } from '../../functions/domain/compliance/sealed-codes.ts';
import { listAuditEvents } from '../../functions/store/audit/list-audit-events.ts';
import { organisationIdsByCompanyNumbers } from '../../functions/store/compliance/organisation-by-company-number.ts';
import type { ImportRow } from '../../schemas/organisation-import.ts';
import { fixedNow } from '../support/app.ts';
import { useTestTable } from '../support/table.ts';

const officer = { id: 'officer-1', email: 'olive@officers.example', isOfficer: true };

function rows(count: number, prefix: string, withNumbers = true): { line: number; row: ImportRow }[] {
  return Array.from({ length: count }, (_, i) => ({
    line: i + 2,
    row: {
      name: `${prefix} ${i} Ltd`,
      ...(withNumbers
        ? { companyNumber: `${prefix.slice(0, 2).toUpperCase()}${String(i).padStart(6, '0')}` }
        : {}),
      entityType: 'company',
      financialYearEnd: i % 2 === 0 ? '03-31' : '12-31',
    },
  }));
}

describe('importing organisations in batches', () => {
  const table = useTestTable();
  const deps = () => ({ store: table.store, clock: () => fixedNow });

  it('records each new organisation with one audit event that also gives its code’s expiry', async () => {
    const tally = await importRows(deps(), officer, rows(3, 'Audit'));
    expect(tally.created).toBe(3);
    for (const code of tally.enrolmentCodes) {
      const { items } = await listAuditEvents(table.store, {
        entity: `organisation/${code.organisationId}`,
        limit: 10,
      });
      expect(items.map((event) => event.action)).toEqual(['organisation.created']);
      expect(items[0]?.detail).toMatchObject({
        source: 'import',
        companyNumber: code.companyNumber,
        enrolmentCodeExpiresAt: '2027-02-27T12:00:00.000Z',
      });
    }
  });

  it('creates each company number once when two imports of the same rows run at once', async () => {
    const file = rows(80, 'Twin');
    const [a, b] = await Promise.all([
      importRows(deps(), officer, file, { concurrency: 4 }),
      importRows(deps(), officer, file, { concurrency: 4 }),
    ]);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    expect(a.created + b.created).toBe(80);
    expect(a.created + a.updated + a.unchanged).toBe(80);
    expect(b.created + b.updated + b.unchanged).toBe(80);
    const codes = [...a.enrolmentCodes, ...b.enrolmentCodes];
    expect(new Set(codes.map((code) => code.companyNumber)).size).toBe(80);
    const claims = await organisationIdsByCompanyNumbers(
      table.store,
      file.map((entry) => entry.row.companyNumber ?? ''),
    );
    expect(new Set(codes.map((code) => code.organisationId))).toEqual(new Set(claims.values()));
  });

  it('adds rows without a company number every time, and counts a known unchanged number as unchanged', async () => {
    const nameless = rows(30, 'Loose', false);
    const first = await importRows(deps(), officer, nameless);
    const second = await importRows(deps(), officer, nameless);
    expect([first.created, second.created]).toEqual([30, 30]);
    const known = rows(5, 'Known');
    await importRows(deps(), officer, known);
    expect(await importRows(deps(), officer, known)).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
  });
});

describe('sealing an import’s enrolment codes for the uploading officer', () => {
  const codes = [
    {
      line: 2,
      organisationId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      name: 'Bolt Ltd',
      companyNumber: '01234567',
      enrolmentCode: 'ABCD-EFGH-JKMN-PQRS-TVWX',
    },
  ];

  it('opens only with the private key of the job it was sealed for, and shows no code in the sealed form', () => {
    const job = newCodesKeyPair();
    const sealed = sealCodes(job.publicKey, codes);
    expect(JSON.stringify(sealed)).not.toContain('ABCD');
    expect(openCodes(job.privateKey, sealed)).toEqual(codes);
    expect(openCodes(newCodesKeyPair().privateKey, sealed)).toBeUndefined();
    expect(openCodes('not-a-key', sealed)).toBeUndefined();
    const flipped = `${sealed.data.slice(0, -2)}${sealed.data.endsWith('AA') ? 'AB' : 'AA'}`;
    expect(openCodes(job.privateKey, { ...sealed, data: flipped })).toBeUndefined();
  });
});
