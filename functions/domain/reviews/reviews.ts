import type { AuditEvent } from '../../../schemas/audit.ts';
import type { CheckResult, Finding, RuleId } from '../../../schemas/check-result.ts';
import type { Flag } from '../../../schemas/flag.ts';
import type { FindingReviewInput, ReviewRequestInput } from '../../../schemas/review.ts';
import type { StatementHeader } from '../../../schemas/statement.ts';
import type { CheckSummary } from '../../../schemas/statement-summary.ts';
import type { User } from '../../../schemas/user.ts';
import { getFlag } from '../../store/flags/get-flag.ts';
import { getMembership } from '../../store/memberships/get-membership.ts';
import { getCheckResult } from '../../store/public/get-check-result.ts';
import { listReviews } from '../../store/reviews/list-reviews.ts';
import { putReview, putReviewedSummary } from '../../store/reviews/put-review.ts';
import {
  alreadyRequested,
  raiseReviewRequest,
  reviewRequestFlagId,
} from '../../store/reviews/review-requests.ts';
import { getStatement } from '../../store/statements/get-statement.ts';
import type { Store } from '../../store/store.ts';
import type { TransactItem } from '../../store/transact.ts';
import { flagIds } from '../compliance/flag-ids.ts';
import { isOutstanding } from '../compliance/flag-workflow.ts';
import { checkerFlagId, checkerFlagsOf, flagLinks } from '../compliance/flags.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { applyReviews } from './apply-reviews.ts';
import { expectedReviewVersion, findingEtag } from './finding-etag.ts';
import { planReview } from './plan-review.ts';

export interface ReviewDeps {
  store: Store;
  clock: () => Date;
}

/** A revision's check result as the public sees it: the automated result with the reviews applied. */
export async function reviewedCheckResult(
  store: Store,
  statementId: string,
  revision: number,
): Promise<CheckResult | undefined> {
  const [result, reviews] = await Promise.all([
    getCheckResult(store, statementId, revision),
    listReviews(store, statementId, revision),
  ]);
  return result ? applyReviews(result, reviews) : undefined;
}

/** The statement's latest submitted revision and its automated check, or 404 / 409. */
async function latestChecked(store: Store, statementId: string, rule: RuleId) {
  const header = await getStatement(store, statementId, { consistent: true });
  if (!header || header.status === 'draft' || header.revision < 1) throw notFound('The statement');
  const automated = await getCheckResult(store, statementId, header.revision);
  if (!automated)
    throw conflict('The statement’s latest revision has not been checked yet; try again shortly.');
  const finding = automated.findings.find((f) => f.rule === rule);
  if (!finding) throw notFound(`The finding ${rule} of this statement’s check`);
  return { header, automated, finding };
}

/**
 * The checker's outstanding flags on this revision that the reviewed summary no longer supports:
 * `weak` once it is not rated weak, `not_determined` once it is rated, `legal_minimum` once it
 * meets the legal minimum.
 */
async function clearedCheckerFlags(
  store: Store,
  statementId: string,
  revision: number,
  summary: CheckSummary,
): Promise<Flag[]> {
  const ids = checkerFlagsOf(summary).cleared.map((type) => checkerFlagId(type, statementId, revision));
  const flags = await Promise.all(ids.map((id) => getFlag(store, id, { consistent: true })));
  return flags.filter((flag): flag is Flag => flag !== undefined && isOutstanding(flag.status));
}

/** The review request still open for a finding, if any. */
async function openRequestFor(store: Store, statementId: string, revision: number, rule: string) {
  const flagId = await reviewRequestFlagId(store, statementId, revision, rule);
  const flag = flagId ? await getFlag(store, flagId, { consistent: true }) : undefined;
  return { flagId, open: flag && isOutstanding(flag.status) ? flag : undefined };
}

const auditFinding = (finding: Finding) => ({
  status: finding.status,
  message: finding.message,
  ...(finding.confidence === undefined ? {} : { confidence: finding.confidence }),
  ...(finding.certainty === undefined ? {} : { certainty: finding.certainty }),
});

/** How a change to a finding is made: the version read (If-Match) and the Idempotency-Key's record. */
export interface FindingChangeOptions {
  ifMatch: string;
  idempotency?: ((status: number, body: unknown) => TransactItem) | undefined;
}

/** One finding of a statement's latest check as the public sees it, and its version (etag). */
export async function currentFinding(
  store: Store,
  statementId: string,
  rule: RuleId,
): Promise<{ finding: Finding; etag: string; revision: number; rulesVersion: string }> {
  const { header, automated } = await latestChecked(store, statementId, rule);
  const reviews = await listReviews(store, statementId, header.revision, { consistent: true });
  const finding = applyReviews(automated, reviews).findings.find((f) => f.rule === rule)!;
  const review = reviews.find((r) => r.rule === rule);
  return {
    finding,
    etag: findingEtag(header.revision, review?.version, automated.rulesVersion),
    revision: header.revision,
    rulesVersion: automated.rulesVersion,
  };
}

export interface ReviewOutcome {
  finding: Finding;
  summary: CheckSummary;
  /** The finding's new version, for the next If-Match. */
  etag: string;
}

/**
 * An officer confirms or overturns one finding of a statement's latest check. The automated
 * result stays as the checker wrote it; the review is stored beside it, the header's summary
 * becomes the one recomputed from the reviewed findings, and the audit trail keeps both findings.
 */
export async function reviewFinding(
  deps: ReviewDeps,
  officer: User,
  statementId: string,
  rule: RuleId,
  body: FindingReviewInput,
  options: FindingChangeOptions,
): Promise<ReviewOutcome> {
  const { header, automated } = await latestChecked(deps.store, statementId, rule);
  const now = deps.clock();
  const at = now.toISOString();
  const others = await listReviews(deps.store, statementId, header.revision, { consistent: true });
  const expectedVersion = expectedReviewVersion(options.ifMatch, {
    revision: header.revision,
    reviewVersion: others.find((r) => r.rule === rule)?.version,
    rulesVersion: automated.rulesVersion,
  });
  const plan = planReview(
    {
      statementId,
      revision: header.revision,
      rule,
      automatedResult: automated,
      otherReviews: others,
      version: expectedVersion + 1,
    },
    body,
    officer,
    at,
  );
  const request = await openRequestFor(deps.store, statementId, header.revision, rule);
  const audit: AuditEvent = {
    id: newId(now),
    entity: `statement/${statementId}`,
    action: 'statement.finding_reviewed',
    at,
    actor: { id: officer.id, email: officer.email },
    detail: {
      rule,
      revision: header.revision,
      rulesVersion: automated.rulesVersion,
      decision: body.decision,
      reason: body.reason,
      automated: auditFinding(plan.automated),
      reviewed: auditFinding(plan.reviewed),
      summaryBefore: header.check,
      summaryAfter: plan.result.summary,
    },
  };
  const decided = body.decision === 'confirm' ? 'Confirmed' : `Overturned to ${plan.review.status}`;
  const entry = (from: Flag['status'], note: string) =>
    ({ at, by: officer.email, action: 'status', from, to: 'resolved', note }) as const;
  const settled = await clearedCheckerFlags(deps.store, statementId, header.revision, plan.result.summary);
  // A recheck that disagreed with an earlier review queued this finding; this review answers it.
  const disagreement = await getFlag(
    deps.store,
    flagIds.reviewDisagreement(statementId, header.revision, rule, automated.rulesVersion),
    { consistent: true },
  );
  const openDisagreement = disagreement && isOutstanding(disagreement.status) ? disagreement : undefined;
  const etag = findingEtag(header.revision, plan.review.version, automated.rulesVersion);
  const answer = (summary: CheckSummary): ReviewOutcome => ({ finding: plan.reviewed, summary, etag });
  await putReview(deps.store, {
    review: plan.review,
    expectedVersion,
    extra: options.idempotency?.(201, answer(plan.result.summary)),
    summary: plan.result.summary,
    audit,
    closeFlags: [
      ...(request.open
        ? [{ flag: request.open, entry: entry(request.open.status, `${decided}: ${body.reason}`) }]
        : []),
      ...(openDisagreement
        ? [
            {
              flag: openDisagreement,
              entry: entry(
                openDisagreement.status,
                `Reviewed again under rules ${automated.rulesVersion}: ${decided}: ${body.reason}`,
              ),
            },
          ]
        : []),
      ...settled.map((flag) => ({
        flag,
        entry: entry(
          flag.status,
          `Reviewed by the register (${rule}: ${decided.toLowerCase()}); the revision is now rated ${plan.result.summary.rating.replace('_', ' ')}.`,
        ),
      })),
    ],
  });
  // Another officer may have reviewed another finding meanwhile: recompute from every review.
  const all = await listReviews(deps.store, statementId, header.revision, { consistent: true });
  const summary = applyReviews(automated, all).summary;
  if (JSON.stringify(summary) !== JSON.stringify(plan.result.summary)) {
    await putReviewedSummary(deps.store, statementId, header.revision, summary);
  }
  return answer(summary);
}

/** The review_request flag for one finding. */
export function reviewRequestFlag(
  id: string,
  header: Pick<
    StatementHeader,
    'id' | 'organisationId' | 'organisationName' | 'year' | 'revision' | 'sectors'
  >,
  finding: Finding,
  reason: string,
  by: string,
  at: string,
): Flag {
  return {
    id,
    type: 'review_request',
    status: 'open',
    organisationId: header.organisationId,
    organisationName: header.organisationName,
    year: header.year,
    statementId: header.id,
    revision: header.revision,
    rule: finding.rule,
    sectors: header.sectors,
    findings: [
      {
        rule: finding.rule,
        status: finding.status,
        message: finding.message,
        ...(finding.confidence === undefined ? {} : { confidence: finding.confidence }),
      },
    ],
    confidence: finding.confidence ?? 1,
    details: reason,
    links: {
      ...flagLinks(header.organisationId, header.id),
      findings: `/officers/statements/${header.id}/findings#finding-${finding.rule}`,
    },
    assignee: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
    history: [{ at, by, action: 'raised', note: `Review of ${finding.rule} asked for: ${reason}` }],
  };
}

/**
 * Someone enrolled for the statement's organisation asks the register to review one finding of
 * its latest check: a `review_request` flag in the officers' queue. One open request per finding.
 */
export async function requestReview(
  deps: ReviewDeps,
  user: User,
  statementId: string,
  rule: RuleId,
  body: ReviewRequestInput,
  options: FindingChangeOptions,
): Promise<Flag> {
  const header = await getStatement(deps.store, statementId, { consistent: true });
  if (!header || header.status === 'draft' || header.revision < 1) throw notFound('The statement');
  if (!(await getMembership(deps.store, user.id, header.organisationId))) {
    throw forbidden('Only people enrolled for this organisation can ask for a review of its statement.');
  }
  const current = await currentFinding(deps.store, statementId, rule);
  const reviewVersion = expectedReviewVersion(options.ifMatch, {
    revision: current.revision,
    reviewVersion: current.finding.review?.version,
    rulesVersion: current.rulesVersion,
  });
  // The flag shows the finding as the business saw it (reviewed or not).
  const finding = current.finding;
  const request = await openRequestFor(deps.store, statementId, current.revision, rule);
  if (request.open) throw alreadyRequested();
  const now = deps.clock();
  const at = now.toISOString();
  const flag = reviewRequestFlag(newId(now), header, finding, body.reason, user.email, at);
  await raiseReviewRequest(deps.store, {
    flag,
    rule,
    revision: header.revision,
    previousFlagId: request.flagId,
    reviewVersion,
    extra: options.idempotency?.(201, flag),
    audit: {
      id: newId(now),
      entity: `statement/${statementId}`,
      action: 'statement.review_requested',
      at,
      actor: { id: user.id, email: user.email },
      detail: {
        rule,
        revision: header.revision,
        flagId: flag.id,
        reason: body.reason,
        automated: auditFinding(finding),
      },
    },
  });
  return flag;
}
