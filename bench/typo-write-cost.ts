/**
 * The write cost of typo-tolerant search: index entries of a statement without and with the
 * deletion keys (`npx tsx bench/typo-write-cost.ts`). Since INDEX_VERSION 5 the deletion keys are
 * the organisation's, written with its first statement (and again only when its names change).
 */

import { indexStatement } from '../functions/domain/search/index-entries.ts';
import { organisationTypoEntries, typoNamesOf } from '../functions/domain/search/organisation-typos.ts';
import type { StatementSummary } from '../schemas/statement-summary.ts';

const names = [
  'Harrowgate Provisions Group plc',
  'Kestrel Bakeries Ltd',
  'Harrowgate Textile Mills Ltd',
  'Quernstone Trading 01 Ltd',
  'Acme Retail Logistics Limited',
  'Northwind Foods plc',
  'Tallow Candles Ltd',
  'British Sugar International Holdings plc',
];
let before = 0,
  after = 0;
for (const name of names) {
  const summary = {
    id: 'S',
    organisationId: 'O',
    organisationName: name,
    companyNumber: null,
    isGroup: false,
    year: 2025,
    periodStart: '2024-04-01',
    periodEnd: '2025-03-31',
    sectors: ['Other'],
    turnover: null,
    submittedAt: '2025-06-01T00:00:00Z',
    updatedAt: '2025-06-01T00:00:00Z',
    check: { rating: 'adequate', areasCovered: 4, meetsLegalMinimum: true },
    groupMembers: [],
    status: 'submitted',
  } as unknown as StatementSummary;
  const entries = indexStatement(summary).entries.length;
  const fuzzy = organisationTypoEntries(typoNamesOf(summary)).length;
  before += entries;
  after += entries + fuzzy;
  console.log(`${name}: ${entries} -> ${entries + fuzzy} entries for a first statement (+${fuzzy})`);
}
console.log(`total ${before} -> ${after} (+${Math.round((after / before - 1) * 100)}%)`);
