import { createHash } from 'node:crypto';
import * as z from 'zod';
import {
  type CheckDocument,
  checkDocumentSchema,
  type EarlierStatement,
} from '../../schemas/check-request.ts';
import { RULES_VERSION } from '../checker/check.ts';
import { guardedFetch } from '../checker/fetch/guarded-fetch.ts';
import { type CheckSource, runCheck } from '../checker/run-check.ts';
import { bandKeys, encodeSignature } from '../checker/similarity.ts';
import { defaultTagger, type Tagger } from '../checker/tagger/model.ts';
import type { Fetcher } from '../checker/website.ts';
import { archiveKeyFor } from '../domain/archive.ts';
import { findSimilarStatements } from '../store/checks/find-similar-statements.ts';
import { getRevisionItem } from '../store/checks/get-revision-item.ts';
import { putCheckResult } from '../store/checks/put-check-result.ts';
import { keys } from '../store/keys.ts';
import { getCheckResult } from '../store/public/get-check-result.ts';
import { getRevision } from '../store/statements/get-revision.ts';
import { listStatementsOfOrganisation } from '../store/statements/list-statements-of-organisation.ts';
import type { WorkerDeps } from './deps.ts';
import type { Reactor } from './process-changes.ts';

/** What the reactor reads of a revision item: lenient, so a new submission field never stops the stream. */
const revisionItemSchema = z.looseObject({
  statementId: z.string(),
  organisationId: z.string(),
  revision: z.number().int().min(1),
  status: z.literal('submitted'),
  document: z.looseObject({
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

export interface CheckRevisionOptions {
  tagger?: Tagger;
  /** Fetches statement and homepage addresses; the guarded fetcher unless a test passes its own. */
  fetcher?: Fetcher | undefined;
  /** No website checks at all (their findings are `unknown`). */
  offline?: boolean;
}

/**
 * Checks every newly submitted revision: gets the text (statementText, the archived file, or the
 * guarded fetch of statementUrl, archiving what it fetched), runs the check with the
 * organisation's earlier statements and the register's near-copy index, and stores the result
 * with the revision and the summary on the header. Idempotent: a revision already checked with
 * the current RULES_VERSION is skipped.
 */
export function createCheckRevisionReactor(deps: WorkerDeps, options: CheckRevisionOptions = {}): Reactor {
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
    await checkRevision(deps, parsed.data.statementId, parsed.data.revision, options, parsed.data);
  };
}

export async function checkRevision(
  deps: WorkerDeps,
  statementId: string,
  revisionNumber: number,
  options: CheckRevisionOptions = {},
  item?: z.infer<typeof revisionItemSchema>,
  force = false,
): Promise<'checked' | 'skipped'> {
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
  const fetcher: Fetcher | undefined = options.offline
    ? undefined
    : (options.fetcher ?? ((url) => guardedFetch(url, { timeoutMs: 8_000 })));

  let source: CheckSource = { kind: 'url' };
  if (document.statementText?.trim()) source = { kind: 'text', text: document.statementText };
  else if (revision.document.archivedFile) {
    const archived = await deps.archive.get(revision.document.archivedFile.key);
    if (archived) source = { kind: 'document', bytes: archived.body, hint: archived.contentType };
  }

  const year = revision.year ?? (document.periodEnd ? Number(document.periodEnd.slice(0, 4)) : undefined);
  const history = await earlierStatements(deps, revision.organisationId, statementId, year);
  let outcome: Awaited<ReturnType<typeof runCheck>>;
  try {
    outcome = await runCheck(
      { ...document, organisation, submittedAt: document.submittedAt ?? revision.submittedAt },
      source,
      {
        tagger: options.tagger ?? defaultTagger(),
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
    // A document the checker cannot handle must not hold up the stream for every other change.
    if (isStoreError(error)) throw error;
    deps.log('check-revision: the check failed; revision left unchecked', {
      statementId,
      revision: revisionNumber,
      error: String(error),
    });
    return 'skipped';
  }

  let archivedFile: { key: string; contentType: string; bytes: number; sha256: string } | undefined;
  if (outcome.fetched) {
    const contentType = outcome.fetched.kind === 'pdf' ? 'application/pdf' : 'text/html';
    const sha256 = createHash('sha256').update(outcome.fetched.bytes).digest('hex');
    const key = archiveKeyFor(statementId, sha256, contentType);
    await deps.archive.put(key, outcome.fetched.bytes, contentType);
    archivedFile = { key, contentType, bytes: outcome.fetched.bytes.byteLength, sha256 };
  }

  await putCheckResult(deps.store, {
    statementId,
    organisationId: revision.organisationId,
    organisationName: organisation.name,
    revision: revisionNumber,
    result: outcome.result,
    checkedAt: deps.clock().toISOString(),
    signature:
      outcome.signature && outcome.result.sentences.length >= 20
        ? { encoded: encodeSignature(outcome.signature), bands: bandKeys(outcome.signature) }
        : undefined,
    archivedFile,
  });
  return 'checked';
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
