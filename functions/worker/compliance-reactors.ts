import * as z from 'zod';
import type { Finding } from '../../schemas/check-result.ts';
import { outboxMessageSchema } from '../../schemas/compliance.ts';
import { FLAG_STATUSES, FLAG_TYPES, type FlagFinding } from '../../schemas/flag.ts';
import { outOfScopeStatusSchema } from '../../schemas/out-of-scope.ts';
import {
  type CheckSummary,
  type StatementSummary,
  statementSummarySchema,
} from '../../schemas/statement-summary.ts';
import {
  type Contribution,
  declarationContribution,
  delta,
  flagContribution,
  organisationContribution,
  statementContribution,
} from '../domain/compliance/counters.ts';
import { flagIds } from '../domain/compliance/flag-ids.ts';
import {
  type CheckerFlagType,
  checkerFlag,
  checkerFlagsOf,
  FINDINGS_BEHIND,
  formatDay,
  lateFlag,
} from '../domain/compliance/flags.ts';
import { deadlineFor, isLate } from '../domain/compliance/reporting-years.ts';
import type { Mailer } from '../mail/mailer.ts';
import { applyCounterDeltas } from '../store/compliance/counters.ts';
import { deleteCoverage, putCoverage } from '../store/compliance/coverage.ts';
import { organisationIdByCompanyNumber } from '../store/compliance/organisation-by-company-number.ts';
import { contactsOfOrganisation, settleNotice } from '../store/compliance/outbox.ts';
import { readStatementReceipt } from '../store/compliance/statement-receipt.ts';
import {
  completeSweepTask,
  finishRunIfComplete,
  startSweepRun,
  sweepTaskSchema,
} from '../store/compliance/sweep-runs.ts';
import { getFlag } from '../store/flags/get-flag.ts';
import { listFlags } from '../store/flags/list-flags.ts';
import { raise } from '../store/flags/raise-flag.ts';
import { recordFlagNotice } from '../store/flags/record-notice.ts';
import { closeOutstandingFlag, updateFlag } from '../store/flags/update-flag.ts';
import { keys, ORGANISATION_SHARDS } from '../store/keys.ts';
import { getOrganisation } from '../store/organisations/get-organisation.ts';
import { getCheckResult } from '../store/public/get-check-result.ts';
import type { Store } from '../store/store.ts';
import type { ChangeRecord } from '../store/stream-records.ts';
import { createImportJobReactor } from './import-job.ts';
import type { Reactor } from './process-changes.ts';
import { type SweepDeps, sweepShardPiece } from './sweep.ts';
import type { WorkerMemo } from './worker-memo.ts';

export interface ComplianceWorkerDeps extends SweepDeps {
  mailer?: Mailer | undefined;
}

const isHeader = (change: ChangeRecord) => change.pk.startsWith('STMT#') && change.sk === 'STMT';

function summaryOf(image: Record<string, unknown> | undefined): StatementSummary | undefined {
  if (!image) return undefined;
  const parsed = statementSummarySchema.safeParse(image);
  return parsed.success ? parsed.data : undefined;
}

/** The organisations a statement speaks for: its own, and group members the register knows by company number. */
async function coveredOrganisations(store: Store, statement: StatementSummary) {
  const organisations = [
    {
      id: statement.organisationId,
      name: statement.organisationName,
      viaGroupOf: undefined as string | undefined,
    },
  ];
  if (!statement.isGroup) return organisations;
  for (const member of statement.groupMembers) {
    if (!member.companyNumber || member.companyNumber === statement.companyNumber) continue;
    const id = await organisationIdByCompanyNumber(store, member.companyNumber);
    if (id && id !== statement.organisationId)
      organisations.push({ id, name: member.name, viaGroupOf: statement.organisationId });
  }
  return organisations;
}

/**
 * A statement arrives (its header becomes `submitted`): it covers its organisation's year (and
 * its group members' years), any outstanding `missing` flag for that year is resolved, and, when
 * it came after the deadline the flag was about, a `late` flag is raised. A withdrawn statement
 * stops covering the year, and a `missing` flag it had resolved is reopened.
 */
export function createStatementArrivalReactor(deps: ComplianceWorkerDeps): Reactor {
  return async (change) => {
    if (!isHeader(change)) return;
    const before = summaryOf(change.oldImage);
    const after = summaryOf(change.newImage);
    if (after?.status === 'submitted' && before?.status !== 'submitted') {
      const receipt = after.revision > 1 ? await readStatementReceipt(deps.store, after.id) : undefined;
      const receivedAt = receipt?.receivedAt ?? after.submittedAt ?? deps.clock().toISOString();
      const deadline = deadlineFor(after.periodEnd);
      const at = deps.clock().toISOString();
      for (const organisation of await coveredOrganisations(deps.store, after)) {
        await putCoverage(deps.store, organisation.id, {
          year: after.year,
          statementId: after.id,
          receivedAt,
          deadline,
          viaGroupOf: organisation.viaGroupOf,
          sectors: after.sectors,
        });
        const resolved = await closeOutstandingFlag(
          deps.store,
          { id: flagIds.missing(organisation.id, after.year), type: 'missing' },
          {
            at,
            by: 'system',
            action: 'status',
            to: 'resolved',
            note: organisation.viaGroupOf
              ? `A group statement naming this organisation was submitted on ${formatDay(receivedAt)}.`
              : `A statement for ${after.year} was submitted on ${formatDay(receivedAt)}.`,
          },
        );
        if (resolved && isLate(receivedAt, deadline)) {
          await raise(deps.store, {
            flag: lateFlag(
              { id: organisation.id, name: organisation.name },
              { year: after.year, statementId: after.id, receivedAt, deadline },
              at,
              after.sectors,
            ),
            marks: [{ organisationId: organisation.id, kind: 'late', year: after.year }],
          });
        }
      }
    }
    if (before?.status === 'submitted' && after && after.status === 'withdrawn') {
      const at = deps.clock().toISOString();
      for (const organisation of await coveredOrganisations(deps.store, after)) {
        await deleteCoverage(deps.store, organisation.id, after.year, after.id);
        const missing = await getFlag(deps.store, flagIds.missing(organisation.id, after.year), {
          consistent: true,
        });
        if (missing && missing.status === 'resolved' && missing.history.at(-1)?.by === 'system') {
          await updateFlag(deps.store, missing, missing.version, {
            status: 'open',
            assignee: missing.assignee,
            entry: {
              at,
              by: 'system',
              action: 'status',
              from: 'resolved',
              to: 'open',
              note: `The statement that resolved this flag was withdrawn on ${formatDay(at)}.`,
            },
          });
        }
      }
    }
  };
}

/** A finding as a flag carries it, with the checker's confidence when it gave one. */
const flagFindingOf = (finding: Finding): FlagFinding => ({
  rule: finding.rule,
  status: finding.status,
  message: finding.message,
  ...(finding.confidence === undefined ? {} : { confidence: finding.confidence }),
});

async function failingFindings(
  store: Store,
  statementId: string,
  revision: number,
  type: CheckerFlagType,
  memo: { worker: WorkerMemo; shown: CheckSummary } | undefined,
) {
  try {
    const result =
      memo?.worker.checkResult(statementId, revision, memo.shown) ??
      (await getCheckResult(store, statementId, revision));
    if (!result) return [];
    return result.findings.filter(FINDINGS_BEHIND[type]).map(flagFindingOf);
  } catch {
    // A result in a form this reader does not know: the flag still links to the findings page.
    return [];
  }
}

/**
 * Checker-driven flags: when the header's `check` summary is set for a revision, a failing legal
 * minimum raises `legal_minimum`, a `weak` rating raises `weak`, and a `not_determined` rating
 * (the checker could not read it) raises `not_determined`, never `weak` (one per revision, with
 * the findings behind it; the unclear findings make the last one's confidence low, so
 * `order=uncertain` lists it among the least sure). When a later revision passes, the earlier
 * revision's open flags of that kind are resolved.
 */
export function createCheckerFlagsReactor(deps: ComplianceWorkerDeps, memo?: WorkerMemo): Reactor {
  return async (change) => {
    if (!isHeader(change)) return;
    const before = summaryOf(change.oldImage);
    const after = summaryOf(change.newImage);
    if (!after?.check || after.status !== 'submitted' || after.revision < 1) return;
    if (
      before?.check &&
      before.revision === after.revision &&
      before.status === after.status &&
      JSON.stringify(before.check) === JSON.stringify(after.check)
    ) {
      return;
    }
    const at = deps.clock().toISOString();
    const statement = {
      id: after.id,
      organisationId: after.organisationId,
      organisationName: after.organisationName,
      year: after.year,
      revision: after.revision,
      sectors: after.sectors,
    };
    const { raised, cleared } = checkerFlagsOf(after.check);
    for (const type of raised) {
      const findings = await failingFindings(
        deps.store,
        after.id,
        after.revision,
        type,
        memo ? { worker: memo, shown: after.check } : undefined,
      );
      await raise(deps.store, { flag: checkerFlag(type, statement, findings, at) });
    }
    if (cleared.length === 0) return;
    let cursor: string | undefined;
    do {
      const page = await listFlags(
        deps.store,
        { organisationId: after.organisationId, statuses: ['open', 'contacted'], types: cleared },
        { order: 'oldest', limit: 100, cursor },
      );
      for (const flag of page.items) {
        if (flag.statementId !== after.id || (flag.revision ?? 0) >= after.revision) continue;
        await closeOutstandingFlag(deps.store, flag, {
          at,
          by: 'system',
          action: 'status',
          to: 'resolved',
          note:
            flag.type === 'legal_minimum'
              ? `Revision ${after.revision} meets the legal minimum.`
              : `Revision ${after.revision} is rated ${after.check.rating.replace('_', ' ')}.`,
        });
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  };
}

const organisationImage = z.object({
  inScope: z.boolean().optional(),
  createdAt: z.string(),
  financialYearEnd: z.string(),
});
const flagImage = z.object({
  type: z.enum(FLAG_TYPES),
  status: z.enum(FLAG_STATUSES),
  year: z.number().int().nullable(),
  createdAt: z.string(),
});
const declarationImage = z.object({ year: z.number().int(), status: outOfScopeStatusSchema });

function contributionOf(change: ChangeRecord, image: Record<string, unknown> | undefined): Contribution {
  if (!image) return {};
  if (change.pk.startsWith('ORG#') && change.sk === 'ORG') {
    const parsed = organisationImage.safeParse(image);
    return parsed.success ? organisationContribution(parsed.data) : {};
  }
  if (isHeader(change)) return statementContribution(summaryOf(image));
  if (change.pk.startsWith('FLAG#') && change.sk === 'FLAG') {
    const parsed = flagImage.safeParse(image);
    return parsed.success ? flagContribution(parsed.data) : {};
  }
  if (change.pk.startsWith('ORG#') && change.sk.startsWith('OUTOFSCOPE#')) {
    const parsed = declarationImage.safeParse(image);
    return parsed.success ? declarationContribution(parsed.data) : {};
  }
  return {};
}

/**
 * The dashboard's counters, kept change by change from old and new images (organisations,
 * statement headers, flags, out-of-scope declarations): each change adds new − old, once.
 */
export function createComplianceCountersReactor(deps: ComplianceWorkerDeps): Reactor {
  return async (change) => {
    if (
      !(change.pk.startsWith('ORG#') && (change.sk === 'ORG' || change.sk.startsWith('OUTOFSCOPE#'))) &&
      !isHeader(change) &&
      !(change.pk.startsWith('FLAG#') && change.sk === 'FLAG')
    ) {
      return;
    }
    const changes = delta(contributionOf(change, change.oldImage), contributionOf(change, change.newImage));
    await applyCounterDeltas(deps.store, change, changes, deps.clock());
  };
}

/**
 * Sends each new outbox notice, once, to the organisation's enrolled people and its contact email
 * (from the officers' import). An overdue notice is recorded on its missing-statement flag.
 */
export function createNoticesReactor(deps: ComplianceWorkerDeps): Reactor {
  return async (change) => {
    if (change.eventName !== 'INSERT' || !change.pk.startsWith('OUTBOX#') || change.sk !== 'OUTBOX') return;
    const parsed = outboxMessageSchema.safeParse(change.newImage);
    if (!parsed.success || parsed.data.status !== 'pending' || !deps.mailer) return;
    const message = parsed.data;
    const [members, organisation] = await Promise.all([
      contactsOfOrganisation(deps.store, message.organisationId),
      getOrganisation(deps.store, message.organisationId),
    ]);
    const recipients = [
      ...new Set([...members, ...(organisation?.contactEmail ? [organisation.contactEmail] : [])]),
    ];
    if (recipients.length === 0) {
      await settleNotice(deps.store, message.id, { status: 'no_recipient', recipients, sentAt: null });
      return;
    }
    await deps.mailer.send({
      to: recipients,
      subject: message.subject,
      text: message.body,
      noticeId: message.id,
    });
    const sentAt = deps.clock().toISOString();
    const settled = await settleNotice(deps.store, message.id, { status: 'sent', recipients, sentAt });
    if (settled && message.kind === 'overdue') {
      await recordFlagNotice(deps.store, flagIds.missing(message.organisationId, message.year), {
        at: sentAt,
        by: 'system',
        channel: 'email',
        to: recipients.join(', '),
        about: message.subject,
      });
    }
  };
}

/** A piece of a sweep: at most this many organisations, or this long, per stream record. */
export const SWEEP_PIECE = { maxOrganisations: 2000, maxMillis: 20_000 };

/**
 * POST /api/v1/sweeps queues one task per listing shard; each task sweeps a bounded piece of its
 * shard and queues the next piece until the shard is done, so the sweep fans out over many short
 * invocations of the stream worker. When every shard is done the run is closed with its figures.
 */
export function createSweepTaskReactor(deps: ComplianceWorkerDeps): Reactor {
  return async (change) => {
    if (change.eventName !== 'INSERT' || !change.pk.startsWith(keys.sweepTaskPrefix)) return;
    const parsed = sweepTaskSchema.safeParse(change.newImage);
    if (!parsed.success || parsed.data.status !== 'pending') return;
    const task = parsed.data;
    const now = deps.clock();
    if (task.part === 0)
      await startSweepRun(deps.store, task.runId, now.toISOString(), now.toISOString().slice(0, 10));
    const piece = await sweepShardPiece(deps, task.shard, task.cursor ?? undefined, SWEEP_PIECE);
    await completeSweepTask(deps.store, task, piece.stats, piece.next, deps.clock());
    if (!piece.next)
      await finishRunIfComplete(deps.store, task.runId, ORGANISATION_SHARDS, deps.clock().toISOString());
  };
}

export function createComplianceReactors(deps: ComplianceWorkerDeps, memo?: WorkerMemo): Reactor[] {
  return [
    createStatementArrivalReactor(deps),
    createCheckerFlagsReactor(deps, memo),
    createComplianceCountersReactor(deps),
    createNoticesReactor(deps),
    createSweepTaskReactor(deps),
    createImportJobReactor(deps),
  ];
}
