import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS, importResultSchema } from '../../schemas/organisation-import.ts';
import { problemSchema } from '../../schemas/problem.ts';
import { authFor, testApp } from '../support/app.ts';
import { officer } from '../support/submissions.ts';
import { useTestTable } from '../support/table.ts';

/**
 * POST /api/v1/organisations/import as an officer, fed generated CSV files — well-formed, broken
 * and hostile: never a 5xx; a 200 answers the import result with an error per bad line (line
 * numbers inside the file); any other answer is problem+json.
 */
const hostileCell = fc.constantFrom(
  '<script>alert(1)</script>',
  '=HYPERLINK("http://evil.example","x")',
  '+cmd|" /C calc"!A0',
  '"',
  '""',
  '"unterminated',
  'a"b',
  '\u0000\u0001',
  '\uFEFF',
  '\r',
  '\n',
  '\r\n',
  ',,,,',
  ';',
  '\t',
  '../../etc/passwd',
  "'; DROP TABLE organisations; --",
  '𝕬'.repeat(120),
  'x'.repeat(400),
  '00000000',
  'SC123456',
  '12345678901234567890',
  '02-30',
  '13-01',
  '-1',
  '1e309',
  'NaN',
  '{"$ne":null}',
);

const validCell = {
  name: fc.oneof(fc.constantFrom('Acme Ltd', 'Fuzz Foods plc', 'Ωmega LLP'), fc.string({ maxLength: 40 })),
  companyNumber: fc.oneof(
    fc.constant(''),
    fc.integer({ min: 0, max: 99_999_999 }).map((n) => String(n).padStart(8, '0')),
    fc.constantFrom('SC123456', 'NI000001', 'OC301234'),
  ),
  entityType: fc.constantFrom('company', 'llp', 'partnership', 'charity', 'other', 'Company', ''),
  financialYearEnd: fc.constantFrom('03-31', '12-31', '02-29', '06-30', '3-31', '31-03', ''),
  turnover: fc.constantFrom('', '£36 million to £60 million', 'Under £36 million', 'lots'),
};

const cell = (column: keyof typeof validCell) =>
  fc.oneof({ weight: 3, arbitrary: validCell[column] }, { weight: 1, arbitrary: hostileCell }, fc.string());

/** Quote a cell as a CSV writer would — or, sometimes, not at all. */
const written = (value: string, quote: boolean) => (quote ? `"${value.replaceAll('"', '""')}"` : value);

const header = fc.oneof(
  { weight: 4, arbitrary: fc.constant([...IMPORT_COLUMNS]) },
  { weight: 1, arbitrary: fc.shuffledSubarray([...IMPORT_COLUMNS, 'extra', 'name']) },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.string(), hostileCell), { maxLength: 6 }) },
);

const row = fc.tuple(
  fc.tuple(...IMPORT_COLUMNS.map((c) => cell(c))),
  fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
  fc.integer({ min: -2, max: 2 }),
);

const csvFile = fc
  .record({
    header,
    rows: fc.array(row, { maxLength: 6 }),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    bom: fc.boolean(),
    trailing: fc.constantFrom('', '\n', '\n\n', ',', '"'),
  })
  .map(({ header: names, rows, eol, bom, trailing }) => {
    const lines = [
      names.join(','),
      ...rows.map(([cells, quotes, drift]) => {
        const values = cells.map((value, i) => written(value, quotes[i] ?? false));
        // Too few or too many columns, now and then.
        const shaped =
          drift < 0 ? values.slice(0, values.length + drift) : [...values, ...Array(drift).fill('x')];
        return shaped.join(',');
      }),
    ];
    return `${bom ? '\uFEFF' : ''}${lines.join(eol)}${trailing}`;
  });

const anyBody = fc.oneof(
  { weight: 8, arbitrary: csvFile },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constantFrom('', '\uFEFF', '\u0000'.repeat(50), '"'.repeat(99), 'name\n"') },
);

describe('fuzzing the organisations CSV import', () => {
  const table = useTestTable();

  it('never answers 5xx: a result with per-line errors, or problem+json', async () => {
    const { app, errors } = testApp(table.store);
    const auth = await authFor(officer);
    let results = 0;
    let lineErrors = 0;
    await fc.assert(
      fc.asyncProperty(
        anyBody,
        fc.constantFrom('text/csv', 'text/csv; charset=utf-8', 'text/plain', 'application/json'),
        async (body, contentType) => {
          const response = await app.request('/api/v1/organisations/import', {
            method: 'POST',
            headers: { 'content-type': contentType, ...auth },
            body,
          });
          const text = await response.text();
          expect(response.status, `${response.status} ${text}`).toBeLessThan(500);
          if (response.status === 200) {
            const result = importResultSchema.parse(JSON.parse(text));
            // csv-parse may count CR and LF apart in a file of mixed line ends: the most it can say.
            const lines = (body.match(/[\r\n]/g) ?? []).length + 1;
            for (const error of result.errors) {
              expect(error.line).toBeGreaterThanOrEqual(1);
              expect(error.line).toBeLessThanOrEqual(lines + 1);
            }
            results++;
            lineErrors += result.errors.length;
          } else {
            expect(response.headers.get('content-type')).toContain('application/problem+json');
            const problem = problemSchema.parse(JSON.parse(text));
            expect(problem.status).toBe(response.status);
            expect(text).not.toMatch(/at .+\.(ts|js):\d+/);
          }
        },
      ),
      { numRuns: 300, seed: 20261129 },
    );
    // The generator reaches both the importer and its line errors, not only the media-type guard.
    expect(results).toBeGreaterThan(20);
    expect(lineErrors).toBeGreaterThan(10);
    expect(errors).toEqual([]);
  });
});
