import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { normaliseName } from '../functions/domain/names.ts';
import { openDataRow } from '../functions/domain/open-data.ts';
import { typoNamesOf } from '../functions/domain/search/organisation-typos.ts';
import { type Counters, contributionOf } from '../functions/domain/statistics.ts';
import { type CapacityMeter, newCapacityMeter } from '../functions/store/capacity.ts';
import { keys } from '../functions/store/keys.ts';
import { indexItemsFor } from '../functions/store/search/apply-search-index.ts';
import { batchWriteItems, type WriteRequest } from '../functions/store/search/batch-write-items.ts';
import { organisationTypoSeedItems } from '../functions/store/search/organisation-typos.ts';
import type { Store } from '../functions/store/store.ts';
import type { CheckResult } from '../schemas/check-result.ts';
import type { Organisation } from '../schemas/organisation.ts';
import { SECTORS, TURNOVER_BANDS, YEARS_PRODUCING } from '../schemas/registry-options.ts';
import type { Revision } from '../schemas/statement.ts';
import type { CheckSummary, Rating, StatementSummary } from '../schemas/statement-summary.ts';
import type { StoredDocument } from '../schemas/submission.ts';
import { DESCRIPTORS, LEGAL_FORMS, ORGANISATION_WORDS, PLACES, SURNAMES, TRADES } from './words.ts';

/**
 * The benchmark's register: realistic organisations (names from word lists, group statements
 * with named subsidiaries, several reporting years each) and their statements, written straight
 * to the table with parallel BatchWrites — the same items the stream worker would write (header,
 * search entries, open-data row, statistics counters), built by the same functions.
 */

/** Deterministic pseudo-random numbers (mulberry32), so every run seeds the same register. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return { next, int, pick };
}

type Random = ReturnType<typeof random>;

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const ulidChars = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function fakeUlid(rng: Random, prefix: string): string {
  let id = prefix;
  while (id.length < 26) id += ulidChars[rng.int(0, 31)];
  return id;
}

function organisationName(rng: Random): string {
  const roll = rng.next();
  const legal = rng.pick(LEGAL_FORMS);
  if (roll < 0.35) return `${rng.pick(SURNAMES)} ${rng.pick(TRADES)} ${legal}`;
  if (roll < 0.55) return `${rng.pick(PLACES)} ${rng.pick(TRADES)} ${rng.pick(ORGANISATION_WORDS)} ${legal}`;
  if (roll < 0.7) return `${rng.pick(DESCRIPTORS)} ${rng.pick(TRADES)} ${legal}`;
  if (roll < 0.8) return `${rng.pick(SURNAMES)} & ${rng.pick(SURNAMES)} ${legal}`;
  if (roll < 0.9) return `${rng.pick(PLACES)} ${rng.pick(ORGANISATION_WORDS)} ${legal}`;
  return `${rng.pick(SURNAMES)} ${rng.pick(ORGANISATION_WORDS)} ${legal}`;
}

function companyNumber(rng: Random, serial: number): string | null {
  const roll = rng.next();
  if (roll < 0.03) return null;
  if (roll < 0.08) return `${rng.pick(['SC', 'NI', 'OC'])}${pad(serial % 1_000_000, 6)}`;
  return pad((serial * 7919 + 1_000_000) % 100_000_000, 8);
}

const RATINGS: Rating[] = ['strong', 'adequate', 'adequate', 'weak', 'weak', 'non_compliant'];

function checkFor(rng: Random): CheckSummary | null {
  if (rng.next() < 0.15) return null;
  const rating = rng.pick(RATINGS);
  const meets = rating === 'non_compliant' ? false : rng.next() < 0.1 ? null : true;
  const areasCovered = rating === 'strong' ? 6 : rating === 'adequate' ? rng.int(4, 6) : rng.int(0, 3);
  return { rating, meetsLegalMinimum: meets, areasCovered };
}

export interface SeedSample {
  /** Organisation and group member names, as written. */
  names: string[];
  memberNames: string[];
  companyNumbers: string[];
  years: number[];
}

export interface SeedResult {
  statements: number;
  organisations: number;
  items: number;
  seconds: number;
  capacity: CapacityMeter;
  sample: SeedSample;
}

interface Generated {
  organisation: Organisation;
  items: Record<string, unknown>[];
  summaries: StatementSummary[];
}

/** One organisation with its statements for consecutive years, and every item they put in the table. */
function generateOrganisation(rng: Random, serial: number, maxStatements: number): Generated {
  const name = organisationName(rng);
  const number = companyNumber(rng, serial);
  const yearEnd = rng.pick(['03-31', '03-31', '03-31', '12-31', '12-31', '06-30', '09-30', '01-31']);
  const organisation: Organisation = {
    id: fakeUlid(rng, `0B${pad(serial, 8)}`),
    name,
    ...(number ? { companyNumber: number } : {}),
    entityType: name.endsWith('LLP') ? 'llp' : 'company',
    financialYearEnd: yearEnd,
    turnover: rng.pick(TURNOVER_BANDS.slice(1)),
    inScope: true,
    createdAt: '2020-01-01T00:00:00.000Z',
    updatedAt: '2020-01-01T00:00:00.000Z',
  };
  const isGroup = rng.next() < 0.15;
  const core = name.split(' ')[0]!;
  const members = isGroup
    ? Array.from({ length: rng.int(2, 8) }, (_, i) => ({
        name:
          rng.next() < 0.6
            ? `${core} ${rng.pick(TRADES)} ${rng.pick(LEGAL_FORMS)}`
            : `${rng.pick(DESCRIPTORS)} ${rng.pick(TRADES)} ${i + 1} ${rng.pick(LEGAL_FORMS)}`,
        companyNumber: rng.next() < 0.7 ? pad((serial * 104_729 + i * 7 + 3) % 100_000_000, 8) : null,
      }))
    : [];
  const sectorCount = rng.next() < 0.7 ? 1 : rng.int(2, 3);
  const sectors = [...new Set(Array.from({ length: sectorCount }, () => rng.pick(SECTORS.slice(1))))];
  const firstYear = rng.int(2017, 2025);
  const years = Math.min(maxStatements, 2025 - firstYear + 1);

  const items: Record<string, unknown>[] = [
    {
      ...keys.organisation(organisation.id),
      ...keys.organisationListing(organisation.id, normaliseName(name)),
      entity: 'organisation',
      ...organisation,
    },
  ];
  if (number)
    items.push({ ...keys.companyNumber(number), entity: 'companyNumber', organisationId: organisation.id });
  const summaries: StatementSummary[] = [];
  for (let y = 0; y < years; y++) {
    const year = firstYear + y;
    const [mm, dd] = yearEnd.split('-');
    const periodEnd = `${year}-${mm}-${dd}`;
    const start = new Date(`${periodEnd}T00:00:00Z`);
    start.setUTCFullYear(start.getUTCFullYear() - 1);
    start.setUTCDate(start.getUTCDate() + 1);
    const periodStart = start.toISOString().slice(0, 10);
    const submitted = new Date(Date.parse(`${periodEnd}T09:00:00Z`) + rng.int(30, 250) * 86_400_000);
    const submittedAt = new Date(submitted.getTime() + rng.int(0, 86_399) * 1000).toISOString();
    const check = checkFor(rng);
    const id = fakeUlid(rng, `0C${pad(serial, 8)}${pad(y, 2)}`);
    const document: StoredDocument = {
      jurisdiction: 'UK',
      isGroup,
      groupMembers: members,
      statementUrl: `https://www.${core.toLowerCase()}.example/modern-slavery-statement-${year}`,
      contactEmail: null,
      homepageUrl: `https://www.${core.toLowerCase()}.example/`,
      periodStart,
      periodEnd,
      approvedBy: organisation.entityType === 'llp' ? 'members' : 'board',
      approvalDate: submittedAt.slice(0, 10),
      signatory: {
        firstName: rng.pick(['Ann', 'Raj', 'Chloe', 'David', 'Fatima', 'Owen', 'Grace', 'Tom']),
        lastName: rng.pick(SURNAMES),
        jobTitle: rng.pick(['Chief Executive', 'Director', 'Finance Director', 'Managing Director']),
        role: 'director',
      },
      areas: {
        structure: { covered: true },
        policies: { covered: true },
        riskAssessment: { covered: rng.next() < 0.8 },
        dueDiligence: { covered: rng.next() < 0.8 },
        training:
          rng.next() < 0.7
            ? { covered: true }
            : { covered: false, reason: 'Training starts next year, "in phase 2"' },
        kpis: rng.next() < 0.6 ? { covered: true } : { covered: false, reason: 'Not yet measured' },
      },
      sectors,
      turnover: organisation.turnover ?? 'Not provided',
      yearsProducing: rng.pick(YEARS_PRODUCING.slice(1)),
      summary: {
        policies: ['Prohibits child labour', 'Prohibits compulsory overtime'],
        training: ['Procurement staff'],
        progress: 'We trained 120 buyers,\nand audited 40 suppliers.',
      },
    };
    const summary: StatementSummary = {
      id,
      organisationId: organisation.id,
      organisationName: name,
      companyNumber: number,
      isGroup,
      groupMembers: members,
      year,
      periodStart,
      periodEnd,
      sectors,
      turnover: document.turnover,
      status: 'submitted',
      revision: 1,
      submittedAt,
      updatedAt: submittedAt,
      check,
    };
    const revision: Revision = {
      statementId: id,
      organisationId: organisation.id,
      revision: 1,
      status: 'submitted',
      document,
      organisation: { name, entityType: organisation.entityType, companyNumber: number },
      year,
      submittedAt,
      submittedBy: 'bench',
    };
    const checkResult: CheckResult | undefined = check
      ? {
          rulesVersion: '2025.1',
          summary: check,
          findings: [
            {
              rule: 'uk-approval',
              severity: 'legal',
              status: check.meetsLegalMinimum === false ? 'fail' : 'pass',
              message: 'Board approval',
              evidence: [],
            },
          ],
          sentences: [],
        }
      : undefined;
    items.push(
      {
        ...keys.statement(id),
        entity: 'statement',
        ...summary,
        entityType: organisation.entityType,
        etag: '1',
        draftVersion: 0,
        hasDraft: false,
        createdAt: submittedAt,
        createdBy: 'bench',
      },
      { ...keys.statementForYear(organisation.id, year), entity: 'statementForYear', statementId: id },
      ...indexItemsFor(summary, openDataRow(summary, revision, checkResult)),
    );
    summaries.push(summary);
  }
  // Typo entries once per organisation, from the names of all its statements (INDEX_VERSION 5).
  items.push(
    ...organisationTypoSeedItems(
      organisation.id,
      Object.fromEntries(summaries.map((summary) => [summary.id, typoNamesOf(summary)])),
    ),
  );
  return { organisation, items, summaries };
}

const META_KEY = { pk: 'BENCH', sk: 'META' };
/**
 * 4: name entries carry their year partition (gsi3, INDEX_VERSION 3); 5: slim typo entries and
 * name + sector/rating partitions (INDEX_VERSION 4); 6: typo entries once per organisation (5).
 */
const GENERATOR_VERSION = 6;

export interface SeedMeta {
  statements: number;
  organisations: number;
  items: number;
  seconds: number;
  sample: SeedSample;
}

/** The seed already in the table (from an earlier run of the same generator), if any. */
export async function existingSeed(store: Store, statements: number): Promise<SeedMeta | undefined> {
  try {
    const { Item } = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: META_KEY }));
    if (Item && Item.version === GENERATOR_VERSION && Item.statements === statements) {
      return Item as unknown as SeedMeta;
    }
  } catch {
    // No table yet.
  }
  return undefined;
}

/** The register's organisations, in order, until `statements` statements: the same every run for a seed. */
export function* generateRegister(statements: number, seed = 20_251_129): Generator<Generated> {
  const rng = random(seed);
  let written = 0;
  for (let serial = 1; written < statements; serial++) {
    const generated = generateOrganisation(rng, serial, statements - written);
    written += generated.summaries.length;
    yield generated;
  }
}

/** Seeds `statements` statements; answers what was written and how long it took. */
export async function seedRegister(
  store: Store,
  statements: number,
  options: { parallel?: number; seed?: number; onProgress?: (done: number) => void } = {},
): Promise<SeedResult> {
  const started = performance.now();
  const capacity = newCapacityMeter();
  const counters = new Map<number, Counters>();
  const sample: SeedSample = { names: [], memberNames: [], companyNumbers: [], years: [] };
  const sampleRng = random(7);
  const keep = (list: string[], value: string, seen: number) => {
    // Reservoir sampling: 200 values, each seen value equally likely to be kept.
    if (list.length < 200) list.push(value);
    else if (sampleRng.next() < 200 / seen) list[sampleRng.int(0, 199)] = value;
  };

  let written = 0;
  let organisations = 0;
  let items = 0;
  let buffer: WriteRequest[] = [];
  const flush = async () => {
    const requests = buffer;
    buffer = [];
    items += requests.length;
    await batchWriteItems(store, requests, { parallel: options.parallel ?? 12, capacity });
  };

  let seenNames = 0;
  let seenMembers = 0;
  let seenNumbers = 0;
  for (const generated of generateRegister(statements, options.seed)) {
    organisations++;
    for (const summary of generated.summaries) {
      const contribution = contributionOf(summary);
      if (contribution) {
        const year = counters.get(contribution.year) ?? {};
        for (const [name, value] of Object.entries(contribution.counters))
          year[name] = (year[name] ?? 0) + value;
        counters.set(contribution.year, year);
      }
    }
    const first = generated.summaries[0]!;
    keep(sample.names, first.organisationName, ++seenNames);
    for (const member of first.groupMembers) keep(sample.memberNames, member.name, ++seenMembers);
    for (const number of [first.companyNumber, ...first.groupMembers.map((m) => m.companyNumber ?? null)]) {
      if (number) keep(sample.companyNumbers, number, ++seenNumbers);
    }
    written += generated.summaries.length;
    for (const item of generated.items) buffer.push({ PutRequest: { Item: item } });
    if (buffer.length >= 2000) {
      await flush();
      options.onProgress?.(written);
    }
  }
  // Statistics counters: one shard per year holds the whole year's sums.
  for (const [year, values] of counters) {
    buffer.push({
      PutRequest: { Item: { ...keys.statisticsShard(year, 0), entity: 'statistics', year, ...values } },
    });
  }
  await flush();
  sample.years = [...counters.keys()].sort();
  const seconds = (performance.now() - started) / 1000;
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: { ...META_KEY, version: GENERATOR_VERSION, statements, organisations, items, seconds, sample },
    }),
  );
  return { statements, organisations, items, seconds, capacity, sample };
}

/** Partitions the index gained in INDEX_VERSION 2 (generator version 3): word pairs and filter combinations. */
export const isNewInGeneratorVersion3 = (item: Record<string, unknown>) =>
  typeof item.pk === 'string' && (item.pk.startsWith('IX#P#') || item.pk.startsWith('IX#C#'));

/**
 * Brings a register seeded by generator version 2 to version 3 by writing only the items version 3
 * adds — as the daily re-index job does in a deployed register. The generator is deterministic, so
 * the result holds exactly the items a fresh version-3 seed would (the items it adds at 1k and
 * 10k are the difference between fresh seeds: `[...generateRegister(1000)].flatMap((g) =>
 * g.items).filter(isNewInGeneratorVersion3).length`). Answers undefined when the table holds no
 * version-2 seed of that size.
 */
export async function upgradeSeed(
  store: Store,
  statements: number,
  options: { seed?: number; onProgress?: (done: number) => void } = {},
): Promise<(SeedMeta & { added: number }) | undefined> {
  const { Item } = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: META_KEY }));
  if (Item?.version !== 2 || Item.statements !== statements) return undefined;
  const meta = Item as unknown as SeedMeta;
  const started = performance.now();
  let written = 0;
  let added = 0;
  let buffer: WriteRequest[] = [];
  const flush = async () => {
    const requests = buffer;
    buffer = [];
    added += requests.length;
    await batchWriteItems(store, requests, { parallel: 12 });
  };
  for (const generated of generateRegister(statements, options.seed)) {
    written += generated.summaries.length;
    for (const item of generated.items) {
      if (isNewInGeneratorVersion3(item)) buffer.push({ PutRequest: { Item: item } });
    }
    if (buffer.length >= 2000) {
      await flush();
      options.onProgress?.(written);
    }
  }
  await flush();
  const seconds = (performance.now() - started) / 1000;
  const upgraded = {
    ...meta,
    version: GENERATOR_VERSION,
    items: meta.items + added,
    seconds: meta.seconds + seconds,
  };
  await store.doc.send(new PutCommand({ TableName: store.tableName, Item: { ...META_KEY, ...upgraded } }));
  return { ...upgraded, added };
}
