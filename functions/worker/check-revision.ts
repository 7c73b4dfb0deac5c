import { createHash } from 'node:crypto';
import * as z from 'zod';
import {
  type CheckDocument,
  checkDocumentSchema,
  type EarlierStatement,
} from '../../schemas/check-request.ts';
import type { CheckResult } from '../../schemas/check-result.ts';
import type { DocumentFetch } from '../../schemas/gov-import.ts';
import { checkStatement, RULES_VERSION } from '../checker/check.ts';
import { DocumentTooLargeError, type Extraction } from '../checker/extract/document.ts';
import { type FetchOutcome, guardedFetch } from '../checker/fetch/guarded-fetch.ts';
import { type CheckSource, runCheck } from '../checker/run-check.ts';
import { bandKeys, encodeSignature } from '../checker/similarity.ts';
import { defaultTagger, type Tagger } from '../checker/tagger/model.ts';
import type { Fetcher } from '../checker/website.ts';
import { archiveKeyFor } from '../domain/archive.ts';
import { applyReviews, reviewDisagreements } from '../domain/reviews/apply-reviews.ts';
import { reviewDisagreementFlag } from '../domain/reviews/disagreement-flag.ts';
import { findSimilarStatements } from '../store/checks/find-similar-statements.ts';
import { getRevisionItem } from '../store/checks/get-revision-item.ts';
import { putCheckResult } from '../store/checks/put-check-result.ts';
import { raise } from '../store/flags/raise-flag.ts';
import { claimFetch } from '../store/gov-import/claim-fetch.ts';
import { markDocumentNotFetched } from '../store/gov-import/mark-document-not-fetched.ts';
import { keys } from '../store/keys.ts';
import { checkResultFromItem, getCheckResult } from '../store/public/get-check-result.ts';
import { listReviews } from '../store/reviews/list-reviews.ts';
import { getRevision } from '../store/statements/get-revision.ts';
import { listStatementsOfOrganisation } from '../store/statements/list-statements-of-organisation.ts';
import type { WorkerDeps } from './deps.ts';
import type { Reactor } from './process-changes.ts';
import type { WorkerMemo } from './worker-memo.ts';

/** What the reactor reads of a revision item: lenient, so a new submission field never stops the stream. */
const revisionItemSchema = z.looseObject({
  statementId: z.string(),
  organisationId: z.string(),
  revision: z.number().int().min(1),
  status: z.literal('submitted'),
  document: z.looseObject({
    statementUrl: z.string().nullish(),
    archivedFile: z.looseObject({ key: z.string(), contentType: z.string() }).optional(),
  }),
  organisation: z
    .looseObject({
      name: z.string().nullish(),
      entityType: z.string().nullish(),
      companyNumber: z.string().nullish(),
    })
    .nullish(),
  submittedAt: z.string().optional(),
  year: z.number().int().optional(),
});
type RevisionItem = z.infer<typeof revisionItemSchema>;

export interface CheckRevisionOptions {
  tagger?: Tagger;
  /** Fetches statement and homepage addresses; the guarded fetcher unless a test passes its own. */
  fetcher?: Fetcher | undefined;
  /** No website checks at all (their findings are `unknown`). */
  offline?: boolean;
  /**
   * Waits before each new attempt at fetching the statement from its URL after a timeout or a
   * network failure (transient): by default 2 s, then 5 s — three attempts in all.
   */
  fetchRetryDelaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}

const FETCH_RETRY_DELAYS_MS = [2_000, 5_000];
const TRANSIENT_FETCH_FAILURES = new Set(['timeout', 'network']);

/**
 * The fetcher, with bounded retries for the address the statement's text comes from: a timeout
 * or a network failure there is usually passing, and without the document there is nothing to
 * check. Other addresses (homepage, earlier statements, the statement's address when its text was
 * given) get one attempt; an unreachable one only makes its finding `unknown`. A fetcher that
 * throws counts as a network failure.
 */
export function retryingStatementFetcher(
  fetcher: Fetcher,
  statementUrl: string | undefined,
  delaysMs: readonly number[] = FETCH_RETRY_DELAYS_MS,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Fetcher {
  const once = async (url: string): Promise<FetchOutcome> => {
    try {
      return await fetcher(url);
    } catch (error) {
      const message = `The address could not be fetched (${error instanceof Error ? error.name : 'error'}).`;
      return { ok: false, reason: 'network', message, url, redirects: [] };
    }
  };
  return async (url) => {
    if (url !== statementUrl) return once(url);
    for (let attempt = 0; ; attempt++) {
      const outcome = await once(url);
      const delay = delaysMs[attempt];
      if (outcome.ok || !TRANSIENT_FETCH_FAILURES.has(outcome.reason) || delay === undefined) return outcome;
      await sleep(delay);
    }
  };
}

/**
 * Checks every newly submitted revision: gets the text (statementText, the archived file, or the
 * guarded fetch of statementUrl, archiving what it fetched), runs the check with the
 * organisation's earlier statements and the register's near-copy index, and stores the result
 * with the revision and the summary on the header. Idempotent: a revision already checked with
 * the current RULES_VERSION is skipped.
 */
export function createCheckRevisionReactor(
  deps: WorkerDeps,
  options: CheckRevisionOptions = {},
  memo?: WorkerMemo,
): Reactor {
  return async (change) => {
    if (change.eventName === 'REMOVE' || !change.sk.startsWith(keys.revisionPrefix) || !change.newImage)
      return;
    if (change.newImage.status !== 'submitted') return;
    const parsed = revisionItemSchema.safeParse(change.newImage);
    if (!parsed.success) {
      deps.log('check-revision: revision item not understood; skipped', {
        pk: change.pk,
        sk: change.sk,
        issues: parsed.error.issues.slice(0, 3),
      });
      return;
    }
    if (change.newImage.imported && !(await mayFetchImported(deps, parsed.data, options))) return;
    const { statementId, revision } = parsed.data;
    const computed = await computeRevisionCheck(deps, statementId, revision, options, parsed.data);
    if (computed === 'skipped') return;
    const { stored, headerSummary } = await storeRevisionCheck(deps, statementId, revision, computed);
    // The index and the flags read this result next: as a read would find it (stored as JSON).
    memo?.rememberCheckResult(
      statementId,
      revision,
      checkResultFromItem(JSON.parse(JSON.stringify(stored))),
      headerSummary,
    );
  };
}

/**
 * A statement imported from the government registry comes with an address only. Its document is
 * fetched within the polite fetcher's per-host rate and daily budget (kept in DynamoDB, shared by
 * every worker); offline, without an address, or over a limit, the header says "document not
 * fetched" instead, and the statement stays listed with the registry's answers.
 */
async function mayFetchImported(
  deps: WorkerDeps,
  revision: RevisionItem,
  options: CheckRevisionOptions,
): Promise<boolean> {
  const url = typeof revision.document.statementUrl === 'string' ? revision.document.statementUrl : undefined;
  const now = deps.clock();
  let reason: DocumentFetch['reason'] | undefined;
  if (!url) reason = 'no_address';
  else if (options.offline || !deps.importedFetch) reason = 'offline';
  else {
    const claim = await claimFetch(deps.store, new URL(url).hostname.toLowerCase(), now, deps.importedFetch);
    if (claim !== 'ok') reason = claim;
  }
  if (!reason) return true;
  await markDocumentNotFetched(deps.store, revision.statementId, {
    revision: revision.revision,
    status: 'not_fetched',
    reason,
    at: now.toISOString(),
  });
  return false;
}

/** A revision's check, computed and not yet stored: what checkRevision writes, and all a dry run reads. */
export interface ComputedCheck {
  revision: RevisionItem;
  document: CheckDocument;
  organisationName: string | undefined;
  year: number | undefined;
  outcome: Pick<Awaited<ReturnType<typeof runCheck>>, 'result' | 'signature' | 'fetched'>;
}

/**
 * Checks a stored revision and stores the result (with the archived fetched document and a
 * review_disagreement flag for each reviewed finding the new check disagrees with). Without
 * `force`, a revision already checked with the current RULES_VERSION is skipped.
 */
export async function checkRevision(
  deps: WorkerDeps,
  statementId: string,
  revisionNumber: number,
  options: CheckRevisionOptions = {},
  item?: RevisionItem,
  force = false,
): Promise<'checked' | 'skipped'> {
  const computed = await computeRevisionCheck(deps, statementId, revisionNumber, options, item, force);
  if (computed === 'skipped') return 'skipped';
  await storeRevisionCheck(deps, statementId, revisionNumber, computed);
  return 'checked';
}

/**
 * Computes a stored revision's check without writing anything (the statement's address may be
 * fetched unless offline; the register is only read).
 */
export async function computeRevisionCheck(
  deps: WorkerDeps,
  statementId: string,
  revisionNumber: number,
  options: CheckRevisionOptions = {},
  item?: RevisionItem,
  force = false,
): Promise<ComputedCheck | 'skipped'> {
  if (!force) {
    const existing = await getCheckResult(deps.store, statementId, revisionNumber).catch(() => undefined);
    if (existing?.rulesVersion === RULES_VERSION) return 'skipped';
  }
  let revision = item;
  if (!revision) {
    const stored = revisionItemSchema.safeParse(
      await getRevisionItem(deps.store, statementId, revisionNumber),
    );
    if (!stored.success) return 'skipped';
    revision = stored.data;
  }
  const document = lenientDocument(revision.document);
  const organisation = {
    name: revision.organisation?.name ?? undefined,
    entityType:
      checkDocumentSchema.shape.organisation
        .unwrap()
        .unwrap()
        .shape.entityType.safeParse(revision.organisation?.entityType).data ?? undefined,
    companyNumber: revision.organisation?.companyNumber ?? undefined,
  };
  let source: CheckSource = { kind: 'url' };
  if (document.statementText?.trim()) source = { kind: 'text', text: document.statementText };
  else if (revision.document.archivedFile) {
    const archived = await deps.archive.get(revision.document.archivedFile.key);
    if (archived) source = { kind: 'document', bytes: archived.body, hint: archived.contentType };
  }
  // Only when the text itself must be fetched is a failed fetch worth waiting for.
  const fetcher: Fetcher | undefined = options.offline
    ? undefined
    : retryingStatementFetcher(
        options.fetcher ?? ((url) => guardedFetch(url, { timeoutMs: 8_000 })),
        source.kind === 'url' ? (document.statementUrl ?? undefined) : undefined,
        options.fetchRetryDelaysMs,
        options.sleep,
      );

  const year = revision.year ?? (document.periodEnd ? Number(document.periodEnd.slice(0, 4)) : undefined);
  const history = await earlierStatements(deps, revision.organisationId, statementId, year);
  const tagger = options.tagger ?? defaultTagger();
  let outcome: Pick<Awaited<ReturnType<typeof runCheck>>, 'result' | 'signature' | 'fetched'>;
  try {
    outcome = await runCheck(
      { ...document, organisation, submittedAt: document.submittedAt ?? revision.submittedAt },
      source,
      {
        tagger,
        now: deps.clock(),
        fetcher,
        history,
        findSimilar: (signature) =>
          findSimilarStatements(deps.store, signature, {
            organisationId: revision.organisationId,
            statementId,
          }),
      },
    );
  } catch (error) {
    // DynamoDB trouble is transient: the stream delivers the change again and the check reruns.
    if (isStoreError(error)) throw error;
    // Anything else (a document the checker cannot read, a checker fault) would fail the same way
    // on every delivery: it is recorded on the revision as a result saying so, and the stream
    // moves on. `npm run recheck` or the next rules version checks it again.
    deps.log('check-revision: the check failed; recorded as not checkable', {
      statementId,
      revision: revisionNumber,
      error: String(error),
    });
    const extraction: Extraction = {
      kind: 'unknown',
      sentences: [],
      problem: {
        reason: error instanceof DocumentTooLargeError ? 'too_large' : 'invalid',
        message:
          error instanceof DocumentTooLargeError
            ? `The statement could not be checked: ${error.message}`
            : 'The statement could not be checked: the checker failed on this document, so no text was read.',
      },
    };
    try {
      const result = checkStatement(
        { document, organisation, extraction, textGiven: false, history, now: deps.clock() },
        tagger,
      );
      outcome = { result, signature: undefined, fetched: undefined };
    } catch (fallbackError) {
      deps.log('check-revision: even the form-only check failed; revision left unchecked', {
        statementId,
        revision: revisionNumber,
        error: String(fallbackError),
      });
      return 'skipped';
    }
  }
  return { revision, document, organisationName: organisation.name, year, outcome };
}

/**
 * Stores a computed check: the result and its listing, the archived fetched file, disagreement
 * flags. Answers the result as stored and the summary put on the header.
 */
export async function storeRevisionCheck(
  deps: WorkerDeps,
  statementId: string,
  revisionNumber: number,
  { revision, document, organisationName, year, outcome }: ComputedCheck,
): Promise<{ stored: CheckResult; headerSummary: CheckResult['summary'] }> {
  let archivedFile: { key: string; contentType: string; bytes: number; sha256: string } | undefined;
  if (outcome.fetched) {
    const contentType = outcome.fetched.kind === 'pdf' ? 'application/pdf' : 'text/html';
    const sha256 = createHash('sha256').update(outcome.fetched.bytes).digest('hex');
    const key = archiveKeyFor(statementId, sha256, contentType);
    await deps.archive.put(key, outcome.fetched.bytes, contentType);
    archivedFile = { key, contentType, bytes: outcome.fetched.bytes.byteLength, sha256 };
  }

  // The register's reviews of this revision outlive a recheck (functions/domain/reviews).
  const reviews = await listReviews(deps.store, statementId, revisionNumber, { consistent: true });
  const headerSummary = applyReviews(outcome.result, reviews).summary;
  const { stored } = await putCheckResult(deps.store, {
    headerSummary,
    statementId,
    organisationId: revision.organisationId,
    organisationName,
    revision: revisionNumber,
    result: outcome.result,
    checkedAt: deps.clock().toISOString(),
    signature:
      outcome.signature && outcome.result.sentences.length >= 20
        ? { encoded: encodeSignature(outcome.signature), bands: bandKeys(outcome.signature) }
        : undefined,
    archivedFile,
  });
  // A recheck never overrides a person: the review stands, and a disagreement goes to the queue.
  const disagreements = reviewDisagreements(outcome.result, reviews);
  if (disagreements.length > 0) {
    const statement = {
      id: statementId,
      organisationId: revision.organisationId,
      organisationName: organisationName ?? '',
      year: year ?? 0,
      revision: revisionNumber,
      sectors: Array.isArray(document.sectors) ? document.sectors : [],
    };
    const at = deps.clock().toISOString();
    for (const disagreement of disagreements) {
      await raise(deps.store, {
        flag: reviewDisagreementFlag(statement, disagreement, outcome.result.rulesVersion, at),
      });
    }
  }
  return { stored, headerSummary };
}

/** The organisation's statements for earlier years, with their addresses and (checked) texts. */
async function earlierStatements(
  deps: WorkerDeps,
  organisationId: string,
  statementId: string,
  year: number | undefined,
): Promise<EarlierStatement[]> {
  if (year === undefined) return [];
  const headers = (await listStatementsOfOrganisation(deps.store, organisationId))
    .filter((h) => h.id !== statementId && h.status === 'submitted' && h.year < year && h.revision > 0)
    .sort((a, b) => b.year - a.year)
    .slice(0, 10);
  return Promise.all(
    headers.map(async (h): Promise<EarlierStatement> => {
      const [revision, result] = await Promise.all([
        getRevision(deps.store, h.id, h.revision).catch(() => undefined),
        getCheckResult(deps.store, h.id, h.revision).catch(() => undefined),
      ]);
      const url = (revision?.document as { statementUrl?: unknown } | undefined)?.statementUrl;
      return {
        statementId: h.id,
        year: h.year,
        periodEnd: h.periodEnd,
        statementUrl: typeof url === 'string' ? url : null,
        text: result ? result.sentences.map((s) => s.text).join(' ') : null,
      };
    }),
  );
}

/** Errors from DynamoDB (throttling, service trouble) are retried by the stream; others are not. */
function isStoreError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && '$metadata' in error;
}

/**
 * The submission document as the checker reads it. A field of an unexpected shape is left out
 * (its rules answer `unknown`) rather than losing the whole document.
 */
export function lenientDocument(raw: Record<string, unknown>): CheckDocument {
  const document: Record<string, unknown> = { ...raw };
  for (let attempt = 0; attempt < 20; attempt++) {
    const parsed = checkDocumentSchema.safeParse(document);
    if (parsed.success) return parsed.data;
    const bad = new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '')));
    if (bad.has('')) return {};
    for (const key of bad) delete document[key];
  }
  return {};
}
