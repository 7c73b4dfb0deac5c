import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../functions/domain/csv.ts';

describe('the register’s CSV writer', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tleading tab', "'\tleading tab"],
    ['\rleading return', "'\rleading return"],
    ['Acme Retail Ltd', 'Acme Retail Ltd'],
    ['Smith-Jones & Co', 'Smith-Jones & Co'],
    ['', ''],
  ])('writes %j as %j', (cell, shown) => {
    const [row] = parse(toCsv([[cell, 'next']]), { relax_quotes: true }) as string[][];
    expect(row).toEqual([shown, 'next']);
  });

  it('leaves numbers and booleans alone', () => {
    expect(toCsv([[-5, true]])).toBe('-5,1\n');
  });
});
