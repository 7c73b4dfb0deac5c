import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { stringify } from 'csv-stringify/sync';
import { GOV_COLUMNS, readGovCsv } from '../functions/domain/gov-import/gov-csv.ts';
import { readGovStatements } from '../functions/domain/gov-import/gov-statement.ts';
import { importGovStatements } from '../functions/domain/gov-import/import-gov.ts';
import { startDynamoDbLocal } from '../functions/local/dynamodb-local.ts';
import { ensureTable } from '../functions/store/ensure-table.ts';
import { createStore, type Store } from '../functions/store/store.ts';
import { SECTORS, TURNOVER_BANDS, YEARS_PRODUCING } from '../schemas/registry-options.ts';

/**
 * `register import-gov`'s speed (called by bench/run.ts): a file in the government registry's
 * format of BENCH_GOV_STATEMENTS statements (default 5,000; one in ten a group statement with
 * three member rows), imported into an empty in-memory DynamoDB Local, then imported again (which
 * must write nothing: the item count is compared).
 */

const WORDS = ['Acme', 'Northwind', 'Harbour', 'Crown', 'Granite', 'Willow', 'Summit', 'Beacon', 'Oak'];
const KINDS = ['Retail', 'Logistics', 'Foods', 'Textiles', 'Engineering', 'Holdings', 'Services'];
const NL = '\r\n';

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Rows of the registry's CSV, every column, with the awkward parts real files have (line breaks, commas). */
export function govCsv(statements: number): { csv: string; rows: number } {
  const next = random(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  const records: string[][] = [];
  for (let i = 0; i < statements; i++) {
    const year = 2021 + (i % 4);
    const name = `${pick(WORDS)} ${pick(KINDS)} ${i} Ltd`;
    const group = i % 10 === 0;
    const base: Record<string, string> = {
      StatementYear: String(year),
      StatementId: String(900_000 + i),
      OrganisationName: name,
      Address: `${i} High Street${NL}Leeds${NL}LS1 1AA`,
      SectorType: 'Company',
      CompanyNumber: String(20_000_000 + Math.floor(i / 2)).padStart(8, '0'),
      LastUpdated: `15/07/${year} 10:31:02`,
      GroupSubmission: group ? 'True' : 'False',
      ParentName: group ? name : '',
      StatementURL: `https://org${i}.example/modern-slavery-statement`,
      StatementStartDate: `01/04/${year - 1 - (i % 2) * 0}`,
      StatementEndDate: `31/03/${year}`,
      ApprovingPerson: 'Ann Smith (Director)',
      DateApproved: `10/07/${year}`,
      StatementIncludesOrgStructure: 'True',
      StatementIncludesPolicies: 'True',
      StatementIncludesRisksAssessment: next() < 0.8 ? 'True' : 'False',
      StatementIncludesDueDiligence: 'True',
      StatementIncludesTraining: next() < 0.7 ? 'True' : 'False',
      NoTrainingReason: 'Starts next year, with the new supplier code',
      StatementIncludesGoals: 'True',
      OrganisationSectors: [pick(SECTORS), pick(SECTORS)].join(NL),
      Turnover: pick(TURNOVER_BANDS),
      YearsProducingStatements: pick(YEARS_PRODUCING),
      Policies: `Freedom of movement${NL}Prohibits child labour`,
      Training: 'Procurement staff',
      OtherMonitoring: 'Site visits, twice a year',
      Risk1: 'Agency workers, who may be charged fees',
      Risk1Area: 'Within your supply chains',
      Risk1Location: `Spain${NL}Morocco`,
      Risk1Mitigation: `Audits of agencies.${NL}Fees repaid.`,
      DemonstrateProgress: 'Audits of 40 suppliers, up from 12',
    };
    const members = group ? [0, 1, 2].map((m) => `${name.replace(' Ltd', '')} Member ${m} Ltd`) : [];
    for (const member of [name, ...members]) {
      const values: Record<string, string> = { ...base, OrganisationName: member };
      records.push(GOV_COLUMNS.map((column) => values[column] ?? ''));
    }
  }
  return {
    csv: stringify([[...GOV_COLUMNS], ...records], { record_delimiter: 'windows' }),
    rows: records.length,
  };
}

async function countItems(store: Store): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await store.doc.send(
      new ScanCommand({ TableName: store.tableName, Select: 'COUNT', ExclusiveStartKey: start }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

export async function benchImportGov(): Promise<string> {
  const statements = Number(process.env.BENCH_GOV_STATEMENTS ?? 5000);
  const folder = mkdtempSync(path.join(tmpdir(), 'bench-gov-'));
  const file = path.join(folder, 'StatementSummaries.csv');
  const { csv, rows } = govCsv(statements);
  writeFileSync(file, csv);
  const dynamo = await startDynamoDbLocal();
  const store = createStore({ tableName: 'bench-gov', region: 'eu-west-2', endpoint: dynamo.endpoint });
  try {
    await ensureTable(store.client, 'bench-gov');
    const once = async () => {
      const started = performance.now();
      const reading = await readGovStatements(readGovCsv(createReadStream(file), 'StatementSummaries.csv'));
      const read = performance.now();
      const result = await importGovStatements(store, reading.statements, () => new Date());
      const done = performance.now();
      return { reading, result, readS: (read - started) / 1000, writeS: (done - read) / 1000 };
    };
    const first = await once();
    const itemsAfterFirst = await countItems(store);
    const second = await once();
    const itemsAfterSecond = await countItems(store);
    const total = (run: typeof first) => run.readS + run.writeS;
    return [
      `${rows.toLocaleString('en-GB')} rows (${statements.toLocaleString('en-GB')} statements, ${first.result.organisationsCreated.toLocaleString('en-GB')} organisations) in the registry's format, in-memory DynamoDB Local, 16 requests in flight (claims a hundred to a transaction, the rest in batches):`,
      '',
      '| run | new | revised | unchanged | read s | write s | rows/s (all) | statements/s | items in the table |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...[
        ['first', first, itemsAfterFirst],
        ['second (same file)', second, itemsAfterSecond],
      ].map(([label, run, items]) => {
        const r = run as typeof first;
        return `| ${label} | ${r.result.created} | ${r.result.revised} | ${r.result.unchanged} | ${r.readS.toFixed(1)} | ${r.writeS.toFixed(1)} | ${(rows / total(r)).toFixed(0)} | ${(statements / total(r)).toFixed(0)} | ${(items as number).toLocaleString('en-GB')} |`;
      }),
      '',
      `Idempotent: ${itemsAfterFirst === itemsAfterSecond && second.result.created + second.result.revised === 0 ? 'yes' : 'NO'} (the second run wrote nothing; the stream worker's index and checks are not included).`,
    ].join('\n');
  } finally {
    store.client.destroy();
    await dynamo.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}
