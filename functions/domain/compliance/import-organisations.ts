import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '../../../schemas/audit.ts';
import type { Organisation } from '../../../schemas/organisation.ts';
import type { ImportedCode, ImportLineError, ImportRow } from '../../../schemas/organisation-import.ts';
import type { User } from '../../../schemas/user.ts';
import { isTransient } from '../../store/claim-unique.ts';
import {
  companyNumberClaims,
  organisationIdByCompanyNumber,
  organisationsByIds,
} from '../../store/compliance/organisation-by-company-number.ts';
import {
  type ImportedOrganisationWrite,
  putImportedOrganisations,
} from '../../store/compliance/put-imported-organisations.ts';
import {
  importedOrganisationUpdateItems,
  OrganisationChangedError,
  updateImportedOrganisation,
} from '../../store/compliance/update-imported-organisation.ts';
import { getOrganisation } from '../../store/organisations/get-organisation.ts';
import type { Store } from '../../store/store.ts';
import {
  ConditionsFailedError,
  type TransactItem,
  TransactionConflictError,
  transactWrite,
} from '../../store/transact.ts';
import { enrolmentCodeExpiry, generateEnrolmentCode, hashEnrolmentCode } from '../enrolment-codes.ts';
import { DomainError } from '../errors.ts';
import { newId } from '../ids.ts';
import { addOrganisation } from '../submissions/organisations.ts';
import { contactOfRow, hasContactOfRow, letterDetailsOfRow } from './organisation-contact.ts';

export interface ImportDeps {
  store: Store;
  clock: () => Date;
}

export interface ImportTally {
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportLineError[];
  enrolmentCodes: ImportedCode[];
}

export const emptyTally = (): ImportTally => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  errors: [],
  enrolmentCodes: [],
});

type RowOutcome =
  | { kind: 'created'; code: ImportedCode }
  | { kind: 'updated' | 'unchanged' }
  | { kind: 'error'; error: ImportLineError };

/** The organisation as a row of the file says it is now; updatedAt always moves forward. */
function updatedFromRow(existing: Organisation, row: ImportRow, now: Date): Organisation {
  const at = now.toISOString();
  return {
    ...existing,
    name: row.name,
    entityType: row.entityType,
    financialYearEnd: row.financialYearEnd,
    ...(row.turnover ? { turnover: row.turnover } : {}),
    ...contactOfRow(row),
    inScope: true,
    updatedAt: at === existing.updatedAt ? new Date(now.getTime() + 1).toISOString() : at,
  };
}

function sameAnswers(organisation: Organisation, row: ImportRow): boolean {
  return (
    organisation.name === row.name &&
    organisation.entityType === row.entityType &&
    organisation.financialYearEnd === row.financialYearEnd &&
    (row.turnover === undefined || organisation.turnover === row.turnover) &&
    hasContactOfRow(organisation, row) &&
    organisation.inScope
  );
}

async function updateExisting(
  deps: ImportDeps,
  officer: User,
  id: string,
  row: ImportRow,
): Promise<RowOutcome | undefined> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await getOrganisation(deps.store, id);
    if (!existing) return undefined;
    if (sameAnswers(existing, row)) return { kind: 'unchanged' };
    const now = deps.clock();
    const at = now.toISOString();
    const after = updatedFromRow(existing, row, now);
    try {
      await updateImportedOrganisation(deps.store, existing, after, {
        id: newId(now),
        entity: `organisation/${id}`,
        action: 'organisation.updated',
        at,
        actor: { id: officer.id, email: officer.email },
        detail: { source: 'import', name: row.name, financialYearEnd: row.financialYearEnd },
      });
      return { kind: 'updated' };
    } catch (error) {
      if (!(error instanceof OrganisationChangedError)) throw error;
    }
  }
  throw new Error(`Organisation ${id} kept changing while it was imported.`);
}

/**
 * One CSV row: idempotent on company number. A known company number updates that organisation
 * (or leaves it as it is when nothing changed); otherwise the organisation is added with the
 * submission side's own logic (addOrganisation: same enrolment-code hashing, audit events), and
 * its code is answered for the letter-merge file. Rows without a company number are always added.
 */
export async function importRow(
  deps: ImportDeps,
  officer: User,
  line: number,
  row: ImportRow,
): Promise<RowOutcome> {
  try {
    if (row.companyNumber) {
      const id = await organisationIdByCompanyNumber(deps.store, row.companyNumber);
      if (id) {
        const outcome = await updateExisting(deps, officer, id, row);
        if (outcome) return outcome;
      }
    }
    try {
      const created = await addOrganisation(deps, officer, { ...row, inScope: true });
      return {
        kind: 'created',
        code: {
          line,
          organisationId: created.id,
          name: row.name,
          companyNumber: row.companyNumber ?? null,
          enrolmentCode: created.enrolmentCode,
          ...letterDetailsOfRow(row),
        },
      };
    } catch (error) {
      // Another import (or officer) added the same company number a moment ago: update it instead.
      if (error instanceof DomainError && error.kind === 'conflict' && row.companyNumber) {
        const id = await organisationIdByCompanyNumber(deps.store, row.companyNumber);
        const outcome = id ? await updateExisting(deps, officer, id, row) : undefined;
        if (outcome) return outcome;
      }
      throw error;
    }
  } catch (error) {
    if (error instanceof DomainError) return { kind: 'error', error: { line, message: error.message } };
    throw error;
  }
}

/** Rows looked up together (BatchGet takes 100 keys). */
const GROUP_ROWS = 100;
/** A transaction holds at most 100 items. */
const TRANSACTION_ITEMS = 100;
/** Times one transaction is sent (with the same token) when the store fails without an answer. */
const PACK_ATTEMPTS = 6;

/** Runs at most `size` tasks at once; the others wait their turn, first come first served. */
export type Limit = <T>(task: () => Promise<T>) => Promise<T>;

export function limiter(size: number): Limit {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active < size) active += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      // The slot goes straight to the next task waiting, if any.
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}

export { isTransient };

/**
 * One transaction, at most `limit` at once across the import. After a transient failure it is
 * sent again with the same ClientRequestToken, so a transaction that did go in is not written
 * twice (DynamoDB answers the retry as a success); refusals (conditions, conflicts) are thrown.
 */
async function sendPack(store: Store, items: TransactItem[], limit: Limit): Promise<void> {
  const token = randomUUID();
  for (let attempt = 1; ; attempt++) {
    try {
      await limit(() => transactWrite(store, items, { token }));
      return;
    } catch (error) {
      if (!isTransient(error) || attempt >= PACK_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}

interface Planned<T> {
  line: number;
  row: ImportRow;
  items: TransactItem[];
  result: T;
}

interface PlannedCreate {
  line: number;
  row: ImportRow;
  write: ImportedOrganisationWrite;
  result: ImportedCode;
}

/**
 * How long a company number claimed by an import whose organisation is not there yet counts as
 * being written by that import (it claims, then writes in batches, within seconds); after this,
 * the import is taken to have been interrupted, and a re-run finishes it under the claimed id.
 */
export const IMPORT_CLAIM_LEASE_MS = 15 * 60_000;
/** Pauses before the second and third rounds for rows another import is writing at this moment. */
const WAIT_MS = [0, 200, 1000];

function audit(
  now: Date,
  officer: User,
  organisationId: string,
  action: AuditEvent['action'],
  detail: Record<string, unknown>,
): AuditEvent {
  return {
    id: newId(now),
    entity: `organisation/${organisationId}`,
    action,
    at: now.toISOString(),
    actor: { id: officer.id, email: officer.email },
    detail,
  };
}

/**
 * The same new organisation addOrganisation makes (enrolment code hashed the same way); its one
 * audit event `organisation.created` also records the code's expiry (addOrganisation writes a
 * separate `enrolment_code.issued`). `id` is given when an interrupted import claimed the
 * company number for it and never wrote it.
 */
function planCreate(
  deps: ImportDeps,
  officer: User,
  line: number,
  row: ImportRow,
  id?: string,
): PlannedCreate {
  const now = deps.clock();
  const at = now.toISOString();
  const organisationId = id ?? newId(now);
  const organisation: Organisation = {
    ...row,
    inScope: true,
    id: organisationId,
    createdAt: at,
    updatedAt: at,
  };
  const code = generateEnrolmentCode();
  const expiresAt = enrolmentCodeExpiry(now);
  return {
    line,
    row,
    write: {
      organisation,
      enrolment: {
        codeHash: hashEnrolmentCode(code),
        record: { organisationId, codeExpiresAt: expiresAt, createdAt: at, createdBy: officer.id },
      },
      // One audit event per imported organisation (its creation and its first code's expiry).
      audit: audit(now, officer, organisationId, 'organisation.created', {
        name: organisation.name,
        companyNumber: organisation.companyNumber ?? null,
        source: 'import',
        enrolmentCodeExpiresAt: expiresAt,
      }),
    },
    result: {
      line,
      organisationId,
      name: row.name,
      companyNumber: row.companyNumber ?? null,
      enrolmentCode: code,
      ...letterDetailsOfRow(row),
    },
  };
}

function planUpdate(
  deps: ImportDeps,
  officer: User,
  line: number,
  row: ImportRow,
  existing: Organisation,
): Planned<null> {
  const now = deps.clock();
  const after = updatedFromRow(existing, row, now);
  return {
    line,
    row,
    items: importedOrganisationUpdateItems(
      deps.store,
      existing,
      after,
      audit(now, officer, existing.id, 'organisation.updated', {
        source: 'import',
        name: row.name,
        financialYearEnd: row.financialYearEnd,
      }),
    ),
    result: null,
  };
}

/** The planned rows holding these positions of a pack's transaction. */
function rowsAt<T>(pack: readonly Planned<T>[], positions: readonly number[]): Planned<T>[] {
  const rows = new Set<Planned<T>>();
  let start = 0;
  for (const plan of pack) {
    const end = start + plan.items.length;
    if (positions.some((position) => position >= start && position < end)) rows.add(plan);
    start = end;
  }
  return [...rows];
}

/**
 * Writes planned rows packed into as few transactions as fit (each row's items stay together, so
 * a row is written whole or not at all). When a transaction is refused, the rows whose conditions
 * failed are set aside and the rest written again (a conflict without named rows halves the pack),
 * so one bad row never holds the others back; answers the rows set aside.
 */
async function writePacked<T>(store: Store, plans: Planned<T>[], limit: Limit): Promise<Planned<T>[]> {
  const packs: Planned<T>[][] = [];
  let current: Planned<T>[] = [];
  let size = 0;
  for (const plan of plans) {
    if (size + plan.items.length > TRANSACTION_ITEMS && current.length > 0) {
      packs.push(current);
      current = [];
      size = 0;
    }
    current.push(plan);
    size += plan.items.length;
  }
  if (current.length > 0) packs.push(current);
  // The packs hold different rows (a company number is on one line of a file), so they go at once.
  const failed = await Promise.all(
    packs.map(async (pack): Promise<Planned<T>[]> => {
      try {
        await sendPack(
          store,
          pack.flatMap((plan) => plan.items),
          limit,
        );
        return [];
      } catch (error) {
        if (!(error instanceof ConditionsFailedError) && !(error instanceof TransactionConflictError))
          throw error;
        if (pack.length === 1) return pack;
        if (error instanceof ConditionsFailedError && error.failed.length > 0) {
          // The rows whose conditions failed are set aside; the others are written again at once.
          const refused = rowsAt(pack, error.failed);
          return [
            ...refused,
            ...(await writePacked(
              store,
              pack.filter((plan) => !refused.includes(plan)),
              limit,
            )),
          ];
        }
        const half = Math.ceil(pack.length / 2);
        return [
          ...(await writePacked(store, pack.slice(0, half), limit)),
          ...(await writePacked(store, pack.slice(half), limit)),
        ];
      }
    }),
  );
  return failed.flat();
}

interface Pacing {
  /** Transactions in flight across the import (claims and updates). */
  transactions: Limit;
  /** BatchWrites in flight across the import. */
  writes: Limit;
}

/**
 * One group of rows: company-number claims and organisations read in batches; new organisations
 * written by putImportedOrganisations (claims in transactions of a hundred, then BatchWrites),
 * changed ones in packed transactions (each conditional on the organisation being unchanged).
 */
async function importGroup(
  deps: ImportDeps,
  officer: User,
  group: readonly { line: number; row: ImportRow }[],
  tally: ImportTally,
  pacing: Pacing,
  round = 1,
): Promise<void> {
  const numbers = group.flatMap((entry) => (entry.row.companyNumber ? [entry.row.companyNumber] : []));
  const claims = numbers.length > 0 ? await companyNumberClaims(deps.store, numbers, round > 1) : new Map();
  const existing =
    claims.size > 0
      ? await organisationsByIds(
          deps.store,
          [...claims.values()].map((claim) => claim.organisationId),
          round > 1,
        )
      : new Map<string, Organisation>();
  const now = deps.clock();
  const creates: PlannedCreate[] = [];
  const updates: Planned<null>[] = [];
  const writing: { line: number; row: ImportRow }[] = [];
  for (const { line, row } of group) {
    const claim = row.companyNumber ? claims.get(row.companyNumber) : undefined;
    const organisation = claim ? existing.get(claim.organisationId) : undefined;
    if (organisation && sameAnswers(organisation, row)) tally.unchanged += 1;
    else if (organisation) updates.push(planUpdate(deps, officer, line, row, organisation));
    else if (claim?.importedAt === undefined) creates.push(planCreate(deps, officer, line, row));
    else if (now.getTime() - Date.parse(claim.importedAt) >= IMPORT_CLAIM_LEASE_MS)
      creates.push(planCreate(deps, officer, line, row, claim.organisationId));
    else writing.push({ line, row });
  }
  const [lost, failedUpdates] = await Promise.all([
    creates.length > 0
      ? putImportedOrganisations(
          deps.store,
          creates.map((plan) => plan.write),
          {
            parallel: 4,
            claimSlot: pacing.transactions,
            writeSlot: pacing.writes,
            claimedAt: now.toISOString(),
          },
        ).then((answer) => answer.lost)
      : new Set<ImportedOrganisationWrite>(),
    writePacked(deps.store, updates, pacing.transactions),
  ]);
  const failedCreates = creates.filter((plan) => lost.has(plan.write));
  const retried = new Set([...failedCreates, ...failedUpdates].map((plan) => plan.line));
  for (const plan of creates) {
    if (retried.has(plan.line)) continue;
    tally.created += 1;
    tally.enrolmentCodes.push(plan.result);
  }
  tally.updated += updates.filter((plan) => !retried.has(plan.line)).length;
  // What could not be done (a company number claimed meanwhile, an organisation changed
  // meanwhile, one another import is writing now) is read again and decided again: batched for
  // two more rounds, then row by row.
  const again = [...failedCreates, ...failedUpdates, ...writing]
    .map((plan) => ({ line: plan.line, row: plan.row }))
    .sort((a, b) => a.line - b.line);
  if (again.length > 0 && round < 3) {
    if (writing.length > 0) await new Promise((resolve) => setTimeout(resolve, WAIT_MS[round]));
    return importGroup(deps, officer, again, tally, pacing, round + 1);
  }
  const stillWriting = new Set(writing.map((entry) => entry.line));
  for (const plan of again) {
    if (stillWriting.has(plan.line)) {
      tally.errors.push({
        line: plan.line,
        message: `Another import is adding company number ${plan.row.companyNumber} at this moment: import this line again in a few minutes.`,
      });
      continue;
    }
    const outcome = await importRow(deps, officer, plan.line, plan.row);
    if (outcome.kind === 'created') {
      tally.created += 1;
      tally.enrolmentCodes.push(outcome.code);
    } else if (outcome.kind === 'error') tally.errors.push(outcome.error);
    else tally[outcome.kind] += 1;
  }
}

/**
 * Imports rows a group at a time (several groups at once: `concurrency`, default 16), calling
 * `onProgress` with the count done as it goes. Each group costs two batched reads, one claim
 * transaction and a dozen BatchWrites for its new organisations, and packed transactions for the
 * changed ones; at most `transactions` transactions (default 8) and `writes` BatchWrites
 * (default 16) are in flight across the groups, so the reads of the next groups overlap the
 * writes without crowding the store (on DynamoDB Local here, more in flight was slower).
 */
export async function importRows(
  deps: ImportDeps,
  officer: User,
  rows: readonly { line: number; row: ImportRow }[],
  options: {
    concurrency?: number;
    transactions?: number;
    writes?: number;
    onProgress?: (done: number) => void;
  } = {},
): Promise<ImportTally> {
  const tally = emptyTally();
  const pacing: Pacing = {
    transactions: limiter(options.transactions ?? 8),
    writes: limiter(options.writes ?? 16),
  };
  const groups: { line: number; row: ImportRow }[][] = [];
  for (let i = 0; i < rows.length; i += GROUP_ROWS) groups.push(rows.slice(i, i + GROUP_ROWS));
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < groups.length) {
      const group = groups[next++];
      if (!group) break;
      await importGroup(deps, officer, group, tally, pacing);
      done += group.length;
      options.onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 16, groups.length) }, worker));
  tally.errors.sort((a, b) => a.line - b.line);
  tally.enrolmentCodes.sort((a, b) => a.line - b.line);
  return tally;
}
