import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { parseImportCsv } from '../functions/domain/compliance/import-csv.ts';
import { importRows } from '../functions/domain/compliance/import-organisations.ts';
import { deadlineFor, dueYears } from '../functions/domain/compliance/reporting-years.ts';
import { startDynamoDbLocal } from '../functions/local/dynamodb-local.ts';
import { ensureTable } from '../functions/store/ensure-table.ts';
import { keys } from '../functions/store/keys.ts';
import { createStore, type Store } from '../functions/store/store.ts';
import { runSweep } from '../functions/worker/sweep.ts';
import type { SweepStats } from '../schemas/compliance.ts';
import type { ImportRow } from '../schemas/organisation-import.ts';

/**
 * Compliance officers' benchmark (called by bench/run.ts): import a large organisations CSV and
 * sweep every organisation for missing and late statements, on DynamoDB Local.
 *
 * BENCH_OFFICERS_ORGS sets the size (default 50,000). The import runs in two stages (a fifth,
 * then the rest) and the sweep after each, so the read units per organisation can be compared at
 * two sizes (the sweep should cost the same per organisation whatever the register's size).
 * About 70% of organisations get statements for every due year (5% of those late); the rest
 * get none. Capacity is what DynamoDB Local reports (ReturnConsumedCapacity: TOTAL).
 */

const IMPORTED_AT = new Date('2024-02-01T09:00:00.000Z');
const SWEPT_AT = new Date('2026-11-29T12:00:00.000Z');
const YEAR_ENDS = ['03-31', '12-31', '06-30', '09-30', '01-31'];
const ENTITY_TYPES = ['company', 'company', 'company', 'llp', 'charity', 'limited_partnership'];
const TURNOVERS = ['', 'Over £500 million', '£36 million to £60 million', '£100 million to £500 million'];
const WORDS = [
  'Acme',
  'Northwind',
  'Harbour',
  'Crown',
  'Granite',
  'Willow',
  'Summit',
  'Beacon',
  'Meridian',
  'Oak',
];
const KINDS = ['Retail', 'Logistics', 'Foods', 'Textiles', 'Engineering', 'Holdings', 'Services', 'Pharma'];

const log = (message: string) => process.stderr.write(`${message}\n`);
const fmt = (n: number, digits = 1) => n.toFixed(digits);
const thousands = (n: number) => n.toLocaleString('en-GB');

/** A small deterministic generator, so every run imports the same file. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function organisationsCsv(count: number): string {
  const next = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  const lines = ['name,companyNumber,entityType,financialYearEnd,turnover'];
  for (let i = 0; i < count; i++) {
    const name = `${pick(WORDS)} ${pick(KINDS)} ${i} Ltd`;
    const companyNumber = next() < 0.9 ? String(10_000_000 + i).padStart(8, '0') : '';
    lines.push(`${name},${companyNumber},${pick(ENTITY_TYPES)},${pick(YEAR_ENDS)},${pick(TURNOVERS)}`);
  }
  return `${lines.join('\n')}\n`;
}

interface Meter {
  itemsRead: number;
  itemsWritten: number;
  /** Of itemsWritten, those written in transactions (2 units each; the others 1). */
  transactional: number;
  requests: number;
}

/**
 * Counts the items each data call reads or writes (DynamoDB Local does not report capacity for
 * every kind of call, so the import's units are worked out from these: a transactional write of
 * an item under 1 KB costs 2 write units, a batched one 1, an eventually consistent read of one under 4 KB 0.5).
 */
function meterStore(store: Store): Meter {
  const meter: Meter = { itemsRead: 0, itemsWritten: 0, transactional: 0, requests: 0 };
  store.client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      const result = await next(args);
      const output = (result.output ?? {}) as unknown as Record<string, unknown>;
      meter.requests += 1;
      switch (context.commandName) {
        case 'TransactWriteItemsCommand': {
          const count = (input.TransactItems as unknown[] | undefined)?.length ?? 0;
          meter.itemsWritten += count;
          meter.transactional += count;
          break;
        }
        case 'BatchWriteItemCommand':
          for (const list of Object.values((input.RequestItems ?? {}) as Record<string, unknown[]>)) {
            meter.itemsWritten += list.length;
          }
          break;
        case 'PutItemCommand':
        case 'UpdateItemCommand':
        case 'DeleteItemCommand':
          meter.itemsWritten += 1;
          break;
        case 'BatchGetItemCommand':
          meter.itemsRead += Object.values((output.Responses ?? {}) as Record<string, unknown[]>).reduce(
            (sum, list) => sum + list.length,
            0,
          );
          break;
        case 'GetItemCommand':
          meter.itemsRead += 1;
          break;
        case 'QueryCommand':
          meter.itemsRead += typeof output.Count === 'number' ? output.Count : 0;
          break;
      }
      return result;
    },
    { step: 'initialize', name: 'benchItemMeter' },
  );
  return meter;
}

async function batchWrite(store: Store, items: Record<string, unknown>[], concurrency = 4): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batches.length) {
        let pending: Record<string, unknown>[] | undefined = (batches[next++] ?? []).map((Item) => ({
          PutRequest: { Item },
        }));
        for (let attempt = 0; pending && pending.length > 0; attempt++) {
          const result = await store.doc.send(
            new BatchWriteCommand({ RequestItems: { [store.tableName]: pending as never } }),
          );
          pending = result.UnprocessedItems?.[store.tableName] as Record<string, unknown>[] | undefined;
          if (pending?.length) await new Promise((r) => setTimeout(r, 20 * 2 ** Math.min(attempt, 6)));
        }
      }
    }),
  );
}

/** Items a second DynamoDB Local takes in plain BatchWrites (2,000 small items, 4 requests at once). */
async function plainWriteSpeed(store: Store, tag: string): Promise<number> {
  const started = performance.now();
  await batchWrite(
    store,
    Array.from({ length: 2000 }, (_, i) => ({ pk: `CALIBRATE#${tag}#${i}`, sk: 'X', entity: 'calibration' })),
  );
  return 2000 / ((performance.now() - started) / 1000);
}

/** Statements for about 70% of the organisations, for every year due by the sweep (5% of them late). */
function statementItems(organisations: { id: string; row: ImportRow }[]): Record<string, unknown>[] {
  const next = random(7);
  const items: Record<string, unknown>[] = [];
  let n = 0;
  for (const { id, row } of organisations) {
    if (next() >= 0.7) continue;
    for (const entry of dueYears(
      { financialYearEnd: row.financialYearEnd, createdAt: IMPORTED_AT.toISOString() },
      '2026-11-29',
    )) {
      n += 1;
      const statementId = `BENCHSTATEMENT${String(n).padStart(12, '0')}`;
      const late = next() < 0.05;
      const receivedAt = `${late ? entry.deadline.replace(/^(\d{4})/, (y) => String(Number(y) + 1)) : entry.periodEnd}T12:00:00.000Z`;
      items.push({
        ...keys.statementForYear(id, entry.year),
        entity: 'statementYear',
        organisationId: id,
        year: entry.year,
        statementId,
      });
      items.push({
        ...keys.coverage(id, entry.year, statementId),
        entity: 'coverage',
        organisationId: id,
        year: entry.year,
        statementId,
        receivedAt,
        deadline: deadlineFor(entry.periodEnd),
      });
    }
  }
  return items;
}

/**
 * CPU seconds DynamoDB Local's Java process has used so far (Linux /proc; undefined elsewhere or
 * when the endpoint is not a local process we can find): per row, a measure of the work the store
 * does that the machine's load does not change much, unlike rows a second.
 */
function storeCpuMeter(port: number | undefined): () => number | undefined {
  if (port === undefined) return () => undefined;
  let pid: string | undefined;
  try {
    pid = execFileSync('pgrep', ['-P', String(process.pid), '-f', `DynamoDBLocal.jar -port ${port} `])
      .toString()
      .trim()
      .split('\n')[0];
  } catch {
    return () => undefined;
  }
  const ticks = 100; // USER_HZ on Linux
  return () => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      return undefined;
    }
  };
}

interface ImportFigures {
  rows: number;
  seconds: number;
  /** CPU seconds of DynamoDB Local and of this process during the import. */
  storeCpu: number | undefined;
  clientCpu: number;
  created: number;
  errors: number;
  itemsRead: number;
  itemsWritten: number;
  transactional: number;
  requests: number;
}

async function timedImport(
  store: Store,
  meter: Meter,
  storeCpu: () => number | undefined,
  rows: { line: number; row: ImportRow }[],
) {
  const before = { ...meter };
  const storeCpuBefore = storeCpu();
  const clientCpuBefore = process.cpuUsage();
  const started = performance.now();
  const tally = await importRows(
    { store, clock: () => IMPORTED_AT },
    { id: 'bench-officer', email: 'bench@officers.example', isOfficer: true },
    rows,
    {
      // BENCH_OFFICERS_CONCURRENCY, _TRANSACTIONS, _WRITES: groups of rows imported at once,
      // transactions and BatchWrites in flight (default importRows's own: 16, 8, 16).
      ...(process.env.BENCH_OFFICERS_CONCURRENCY
        ? { concurrency: Number(process.env.BENCH_OFFICERS_CONCURRENCY) }
        : {}),
      ...(process.env.BENCH_OFFICERS_TRANSACTIONS
        ? { transactions: Number(process.env.BENCH_OFFICERS_TRANSACTIONS) }
        : {}),
      ...(process.env.BENCH_OFFICERS_WRITES ? { writes: Number(process.env.BENCH_OFFICERS_WRITES) } : {}),
      onProgress: (done) => {
        if (done % 5000 < 100) log(`  imported ${done} / ${rows.length}`);
      },
    },
  );
  const figures: ImportFigures = {
    rows: rows.length,
    seconds: (performance.now() - started) / 1000,
    storeCpu: storeCpuBefore === undefined ? undefined : (storeCpu() ?? Number.NaN) - storeCpuBefore,
    clientCpu: (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(clientCpuBefore)),
    created: tally.created,
    errors: tally.errors.length,
    itemsRead: meter.itemsRead - before.itemsRead,
    itemsWritten: meter.itemsWritten - before.itemsWritten,
    transactional: meter.transactional - before.transactional,
    requests: meter.requests - before.requests,
  };
  const byLine = new Map(rows.map((entry) => [entry.line, entry.row]));
  const organisations = tally.enrolmentCodes.map((code) => ({
    id: code.organisationId,
    row: byLine.get(code.line) as ImportRow,
  }));
  return { figures, organisations };
}

/** The import's figures as markdown table lines (each stage, then all). */
function importTable(imports: ImportFigures[]): string[] {
  const importedRows = imports.reduce((sum, f) => sum + f.rows, 0);
  const importSeconds = imports.reduce((sum, f) => sum + f.seconds, 0);
  const written = imports.reduce((sum, f) => sum + f.itemsWritten, 0);
  return [
    '| import | rows | seconds | rows/s | items read / row | items written / row | requests / row | read units / row | write units / row | store CPU ms / row | client CPU ms / row |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...imports.map(
      (f, i) =>
        `| ${i === 0 ? 'first' : 'rest'} | ${thousands(f.rows)} | ${fmt(f.seconds)} | ${fmt(f.rows / f.seconds, 0)} | ${fmt(f.itemsRead / f.rows, 2)} | ${fmt(f.itemsWritten / f.rows, 2)} | ${fmt(f.requests / f.rows, 3)} | ${fmt((0.5 * f.itemsRead) / f.rows, 2)} | ${fmt((f.itemsWritten + f.transactional) / f.rows, 2)} | ${f.storeCpu === undefined ? '–' : fmt((1000 * f.storeCpu) / f.rows, 2)} | ${fmt((1000 * f.clientCpu) / f.rows, 2)} |`,
    ),
    `| all | ${thousands(importedRows)} | ${fmt(importSeconds)} | ${fmt(importedRows / importSeconds, 0)} | | ${fmt(written / importedRows, 2)} | | | | | |`,
    '',
    `- Import: ${fmt(importedRows / importSeconds, 0)} rows/s (target ≥ 500 here); ${fmt(written / importSeconds, 0)} items written a second.`,
  ];
}

async function timedSweep(store: Store) {
  const started = performance.now();
  const stats = await runSweep({ store, clock: () => SWEPT_AT, log: () => {} }, { concurrencyPerShard: 2 });
  return { stats, seconds: (performance.now() - started) / 1000 };
}

export async function benchOfficers(): Promise<string> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const total = Number(process.env.BENCH_OFFICERS_ORGS ?? 50_000);
  // BENCH_OFFICERS_IMPORT_ONLY=1: the two imports only (no statements, no sweeps).
  const importOnly = process.env.BENCH_OFFICERS_IMPORT_ONLY === '1';
  const firstStage = Math.min(total, Math.max(100, Math.round(total / 5)));
  const running = process.env.BENCH_DYNAMO_ENDPOINT;
  const dynamo = running
    ? { endpoint: running, port: undefined, stop: async () => {} }
    : await startDynamoDbLocal();
  const storeCpu = storeCpuMeter(dynamo.port);
  const tableName = `bench-officers-${Date.now()}`;
  const store = createStore({ tableName, region: 'eu-west-2', endpoint: dynamo.endpoint });
  const lines: string[] = [];
  try {
    await ensureTable(store.client, tableName);
    const meter = meterStore(store);

    // How fast this DynamoDB Local writes right now (other work on the machine changes it a lot).
    const calibration = await plainWriteSpeed(store, 'START');

    const csv = organisationsCsv(total);
    const parseStart = performance.now();
    const parsed = parseImportCsv(csv);
    const parseSeconds = (performance.now() - parseStart) / 1000;
    if (parsed.errors.length > 0)
      throw new Error(`The generated CSV has errors: ${JSON.stringify(parsed.errors[0])}`);

    log(`officers: importing ${firstStage} organisations…`);
    const one = await timedImport(store, meter, storeCpu, parsed.rows.slice(0, firstStage));
    if (importOnly) {
      log(`officers: importing ${total - firstStage} more…`);
      const two = await timedImport(store, meter, storeCpu, parsed.rows.slice(firstStage));
      const after = await plainWriteSpeed(store, 'END');
      lines.push(
        `### Compliance officers: import only (DynamoDB Local, ${thousands(total)} organisations)`,
        '',
        `DynamoDB Local wrote ${fmt(calibration, 0)} items/s in plain BatchWrites at the start of this run (Java still cold) and ${fmt(after, 0)} items/s after the import (a measure of the machine's load).`,
        '',
        ...importTable([one.figures, two.figures]),
      );
      return lines.join('\n');
    }
    await batchWrite(store, statementItems(one.organisations));
    log('officers: sweeping…');
    const sweepOne = await timedSweep(store);

    log(`officers: importing ${total - firstStage} more…`);
    const two = await timedImport(store, meter, storeCpu, parsed.rows.slice(firstStage));
    await batchWrite(store, statementItems(two.organisations));
    log('officers: sweeping all…');
    const sweepTwo = await timedSweep(store);
    log('officers: sweeping again…');
    const sweepThree = await timedSweep(store);

    lines.push(
      `### Compliance officers (DynamoDB Local, ${thousands(total)} organisations)`,
      '',
      `DynamoDB Local wrote ${fmt(calibration, 0)} items/s in plain BatchWrites during this run (a measure of the machine's load). Parsing the ${fmt(csv.length / 1e6, 1)} MB CSV took ${fmt(parseSeconds, 2)} s.`,
      '',
      ...importTable([one.figures, two.figures]),
      '',
      'Import units are worked out from the items (items under 1 KB: 2 units each in a transaction, the company-number claims; 1 in a BatchWrite, the organisation, code and audit items; eventually consistent reads: 0.5). Sweep units are as DynamoDB Local reported them.',
      '',
      '| sweep | organisations | seconds | organisations/s | read units / organisation | write units | missing raised | late raised | reminders |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...[
        ['after the first import', sweepOne],
        ['after the rest', sweepTwo],
        ['again (nothing new)', sweepThree],
      ].map(([name, run]) => {
        const { stats, seconds } = run as { stats: SweepStats; seconds: number };
        return `| ${name} | ${thousands(stats.organisations)} | ${fmt(seconds)} | ${fmt(stats.organisations / seconds, 0)} | ${fmt(stats.readUnits / stats.organisations, 3)} | ${fmt(stats.writeUnits, 0)} | ${thousands(stats.missingRaised)} | ${thousands(stats.lateRaised)} | ${thousands(stats.remindersQueued)} |`;
      }),
      '',
      `- Sweep read units per organisation: ${fmt(sweepOne.stats.readUnits / sweepOne.stats.organisations, 3)} at ${thousands(sweepOne.stats.organisations)}, ${fmt(sweepThree.stats.readUnits / sweepThree.stats.organisations, 3)} at ${thousands(sweepThree.stats.organisations)} (target: flat, under 5).`,
      `- A full sweep of ${thousands(sweepThree.stats.organisations)} organisations with nothing new took ${fmt(sweepThree.seconds)} s here (Lambda's limit: 900 s).`,
    );
  } finally {
    store.client.destroy();
    await dynamo.stop();
  }
  return lines.join('\n');
}
