import { ulid } from 'ulid';
import type { SweepRun, SweepStats } from '../../schemas/compliance.ts';
import { lateFlag, missingFlag, notice } from '../domain/compliance/flags.ts';
import { dayOf, deadlineFor } from '../domain/compliance/reporting-years.ts';
import {
  type Coverage,
  decideSweep,
  emptySweepStats,
  expectedYears,
  firstCoverage,
  knownSectors,
  type SweptOrganisation,
} from '../domain/compliance/sweep-decisions.ts';
import { type CapacityMeter, newCapacityMeter } from '../store/capacity.ts';
import { putCoverage } from '../store/compliance/coverage.ts';
import { organisationsOfShard, organisationsPage } from '../store/compliance/organisation-shard.ts';
import { readOrganisationState } from '../store/compliance/organisation-state.ts';
import { readStatementReceipt } from '../store/compliance/statement-receipt.ts';
import { finishSweepRun, putSweepRun } from '../store/compliance/sweep-runs.ts';
import { type Raising, raise, raiseAll } from '../store/flags/raise-flag.ts';
import { ORGANISATION_SHARDS } from '../store/keys.ts';
import type { Store } from '../store/store.ts';

export interface SweepDeps {
  store: Store;
  clock: () => Date;
  log: (message: string, detail?: unknown) => void;
  /** Links in notices start with this (the public site's address); relative when absent. */
  publicBaseUrl?: string | undefined;
}

export interface SweepOptions {
  /** Organisations swept at once within each shard (all 16 shards run in parallel). */
  concurrencyPerShard?: number;
  meter?: CapacityMeter;
  /** Sweep only these listing shards (default: all). */
  shards?: readonly number[];
}

async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(workers);
}

export const emptyStats = emptySweepStats;

interface SweepContext {
  deps: SweepDeps;
  today: string;
  at: string;
  meter: CapacityMeter;
  stats: SweepStats;
}

/** One organisation: one Query of its partition, a header read only for an unrecorded claim, one transaction if anything is new. */
async function sweepOrganisation(context: SweepContext, organisation: SweptOrganisation): Promise<void> {
  const { deps, today, at, meter, stats } = context;
  stats.organisations += 1;
  if (!organisation.inScope) return;
  const state = await readOrganisationState(deps.store, organisation.id, meter);
  const coverage: Coverage[] = [...state.coverage];
  // A claimed year with no coverage yet (the statement reactor has not run, or it is a draft):
  // read the statement once, and record its coverage so later sweeps need not.
  for (const entry of expectedYears({ organisation, outOfScope: state.outOfScope }, today)) {
    const statementId = state.claims.get(entry.year);
    if (!statementId || firstCoverage(coverage, entry.year)) continue;
    const receipt = await readStatementReceipt(deps.store, statementId, meter);
    if (receipt?.status !== 'submitted' || !receipt.receivedAt) continue;
    const covered: Coverage = {
      year: entry.year,
      statementId,
      receivedAt: receipt.receivedAt,
      deadline: deadlineFor(receipt.periodEnd),
      sectors: receipt.sectors,
    };
    await putCoverage(deps.store, organisation.id, covered, meter);
    coverage.push(covered);
  }
  const decision = decideSweep({ ...state, organisation, coverage }, today);
  const sectors = knownSectors(coverage);
  stats.yearsChecked += decision.yearsChecked;
  const raisings: { raising: Raising; counts: 'missingRaised' | 'lateRaised' | 'remindersQueued' }[] = [
    ...decision.missing.map((entry) => ({
      counts: 'missingRaised' as const,
      raising: {
        flag: missingFlag(organisation, entry, at, sectors),
        marks: [{ organisationId: organisation.id, kind: 'missing', year: entry.year }],
        notices: [notice('overdue', organisation, entry, at, deps.publicBaseUrl)],
      },
    })),
    ...decision.late.map((late) => ({
      counts: 'lateRaised' as const,
      raising: {
        flag: lateFlag(organisation, late, at, [
          ...(coverage.find((entry) => entry.statementId === late.statementId)?.sectors ?? sectors),
        ]),
        marks: [{ organisationId: organisation.id, kind: 'late', year: late.year }],
      },
    })),
    ...decision.reminders.map((entry) => ({
      counts: 'remindersQueued' as const,
      raising: {
        notices: [notice('reminder', organisation, entry, at, deps.publicBaseUrl)],
        marks: [{ organisationId: organisation.id, kind: 'reminder', year: entry.year }],
      },
    })),
  ];
  if (raisings.length === 0) return;
  // Usually all new: one transaction for the organisation. If any already exists (a concurrent
  // run, or marks lost), each is raised on its own and only the new ones count.
  if (
    await raiseAll(
      deps.store,
      raisings.map((r) => r.raising),
      meter,
    )
  ) {
    for (const r of raisings) stats[r.counts] += 1;
    return;
  }
  for (const r of raisings) {
    if (await raise(deps.store, r.raising, meter)) stats[r.counts] += 1;
  }
}

function contextFor(deps: SweepDeps, meter: CapacityMeter): SweepContext {
  const now = deps.clock();
  return { deps, today: dayOf(now), at: now.toISOString(), meter, stats: emptyStats() };
}

/**
 * The missing/late sweep (README "Compliance officers"): every in-scope organisation, every year
 * whose deadline has passed. Organisations are listed from the 16 listing shards in parallel; each
 * costs one Query of its own partition (statements claimed for each year, coverage, earlier sweep
 * marks, declarations), plus a read of a statement header only when a claimed year has no
 * coverage recorded yet. Raising is idempotent (deterministic ids, conditional writes), so
 * running it twice, or two runs at once, raise each flag once.
 */
export async function runSweep(deps: SweepDeps, options: SweepOptions = {}): Promise<SweepStats> {
  const meter = options.meter ?? newCapacityMeter();
  const startRead = meter.readUnits;
  const startWrite = meter.writeUnits;
  const context = contextFor(deps, meter);
  const shards = options.shards ?? Array.from({ length: ORGANISATION_SHARDS }, (_, shard) => shard);
  const concurrency = options.concurrencyPerShard ?? 4;
  await Promise.all(
    shards.map(async (shard) => {
      for await (const page of organisationsOfShard(deps.store, shard, meter)) {
        await eachLimited(page, concurrency, (organisation) => sweepOrganisation(context, organisation));
      }
    }),
  );
  context.stats.readUnits = meter.readUnits - startRead;
  context.stats.writeUnits = meter.writeUnits - startWrite;
  return context.stats;
}

/**
 * A bounded piece of one shard, for the stream worker (whose invocations are short): sweeps from
 * `cursor` until `maxOrganisations` are done or `maxMillis` have passed, and answers where to go
 * on from (undefined when the shard is finished).
 */
export async function sweepShardPiece(
  deps: SweepDeps,
  shard: number,
  cursor: Record<string, unknown> | undefined,
  limits: { maxOrganisations: number; maxMillis: number; concurrency?: number },
): Promise<{ stats: SweepStats; next: Record<string, unknown> | undefined }> {
  const meter = newCapacityMeter();
  const context = contextFor(deps, meter);
  const started = Date.now();
  let next = cursor;
  do {
    const page = await organisationsPage(
      deps.store,
      shard,
      next,
      Math.min(100, limits.maxOrganisations),
      meter,
    );
    await eachLimited(page.organisations, limits.concurrency ?? 4, (organisation) =>
      sweepOrganisation(context, organisation),
    );
    next = page.lastKey;
  } while (
    next &&
    context.stats.organisations < limits.maxOrganisations &&
    Date.now() - started < limits.maxMillis
  );
  context.stats.readUnits = meter.readUnits;
  context.stats.writeUnits = meter.writeUnits;
  return { stats: context.stats, next };
}

/**
 * The daily run: sweeps and records the run (shown on the dashboard). The record is written as
 * `running` at once, so the sweep-request reactor (which starts only `requested` runs) leaves it.
 */
export async function runRecordedSweep(deps: SweepDeps): Promise<SweepRun> {
  const started = deps.clock().toISOString();
  const run: SweepRun = {
    id: ulid(),
    status: 'running',
    trigger: 'schedule',
    requestedBy: 'schedule',
    requestedAt: started,
    startedAt: started,
    finishedAt: null,
    asOf: started.slice(0, 10),
    stats: null,
    error: null,
  };
  await putSweepRun(deps.store, run);
  try {
    const stats = await runSweep(deps);
    const finishedAt = deps.clock().toISOString();
    await finishSweepRun(deps.store, run.id, { finishedAt, stats, error: null });
    return { ...run, status: 'done', finishedAt, stats };
  } catch (error) {
    const finishedAt = deps.clock().toISOString();
    const message = error instanceof Error ? error.message : 'The sweep failed.';
    await finishSweepRun(deps.store, run.id, { finishedAt, stats: null, error: message });
    throw error;
  }
}
