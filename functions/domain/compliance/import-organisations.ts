import type { Organisation } from '../../../schemas/organisation.ts';
import type { ImportedCode, ImportLineError, ImportRow } from '../../../schemas/organisation-import.ts';
import type { User } from '../../../schemas/user.ts';
import { organisationIdByCompanyNumber } from '../../store/compliance/organisation-by-company-number.ts';
import {
  OrganisationChangedError,
  updateImportedOrganisation,
} from '../../store/compliance/update-imported-organisation.ts';
import { getOrganisation } from '../../store/organisations/get-organisation.ts';
import type { Store } from '../../store/store.ts';
import { DomainError } from '../errors.ts';
import { newId } from '../ids.ts';
import { addOrganisation } from '../submissions/organisations.ts';

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

function sameAnswers(organisation: Organisation, row: ImportRow): boolean {
  return (
    organisation.name === row.name &&
    organisation.entityType === row.entityType &&
    organisation.financialYearEnd === row.financialYearEnd &&
    (row.turnover === undefined || organisation.turnover === row.turnover) &&
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
    const after: Organisation = {
      ...existing,
      name: row.name,
      entityType: row.entityType,
      financialYearEnd: row.financialYearEnd,
      ...(row.turnover ? { turnover: row.turnover } : {}),
      inScope: true,
      updatedAt: at === existing.updatedAt ? new Date(now.getTime() + 1).toISOString() : at,
    };
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

/** Imports rows with bounded concurrency, calling `onProgress` with the count done as it goes. */
export async function importRows(
  deps: ImportDeps,
  officer: User,
  rows: readonly { line: number; row: ImportRow }[],
  options: { concurrency?: number; onProgress?: (done: number) => void } = {},
): Promise<ImportTally> {
  const tally = emptyTally();
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < rows.length) {
      const entry = rows[next++];
      if (!entry) break;
      const outcome = await importRow(deps, officer, entry.line, entry.row);
      if (outcome.kind === 'created') {
        tally.created += 1;
        tally.enrolmentCodes.push(outcome.code);
      } else if (outcome.kind === 'error') tally.errors.push(outcome.error);
      else tally[outcome.kind] += 1;
      done += 1;
      options.onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 16, rows.length) }, worker));
  tally.errors.sort((a, b) => a.line - b.line);
  tally.enrolmentCodes.sort((a, b) => a.line - b.line);
  return tally;
}
