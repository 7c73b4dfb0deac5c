import { GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { RULES_VERSION } from '../../functions/checker/check.ts';
import type { FetchOutcome } from '../../functions/checker/fetch/guarded-fetch.ts';
import { ratingChangesReport, recheckReport } from '../../functions/checker/rating-changes.ts';
import { summarise } from '../../functions/checker/summary.ts';
import { createMemoryArchive } from '../../functions/domain/archive.ts';
import { flagIds } from '../../functions/domain/compliance/flag-ids.ts';
import { reviewFinding } from '../../functions/domain/reviews/reviews.ts';
import { recheckAndReport, recheckStale } from '../../functions/local/recheck-all.ts';
import { createStreamPoller } from '../../functions/local/stream-poller.ts';
import { listStaleCheckResults } from '../../functions/store/checks/list-stale-check-results.ts';
import { moveCheckListings } from '../../functions/store/checks/move-check-listings.ts';
import { putCheckResult } from '../../functions/store/checks/put-check-result.ts';
import { getFlag } from '../../functions/store/flags/get-flag.ts';
import { keys } from '../../functions/store/keys.ts';
import { getCheckResult } from '../../functions/store/public/get-check-result.ts';
import { getStatement } from '../../functions/store/statements/get-statement.ts';
import {
  checkRevision,
  createCheckRevisionReactor,
  lenientDocument,
} from '../../functions/worker/check-revision.ts';
import type { WorkerDeps } from '../../functions/worker/deps.ts';
import { processChanges } from '../../functions/worker/process-changes.ts';
import { storedReview } from '../reviews/fixtures.ts';
import { testRegion, useTestTable } from '../support/table.ts';
import { GOOD_DOCUMENT, GOOD_TEXT } from './support.ts';

const NOW = new Date('2025-08-01T12:00:00.000Z');

// Each test drains the stream and runs whole checks: generous timeouts for a loaded machine.
describe('the check reactor, on DynamoDB Local and its stream', { timeout: 90_000 }, () => {
  const table = useTestTable();
  const archive = createMemoryArchive();
  const fetched: string[] = [];
  const pages: Record<string, string> = {
    'https://beta.example/msa': `<html><body><main><h1>Modern slavery statement</h1>${GOOD_TEXT.split('\n\n')
      .map((p) => `<p>${p}</p>`)
      .join('')}</main></body></html>`,
  };
  /** A stub for the guarded fetcher: known pages answer, everything else is unreachable. */
  const fetcher = async (url: string): Promise<FetchOutcome> => {
    fetched.push(url);
    const page = pages[url];
    if (!page) return { ok: false, reason: 'network', message: 'unreachable', url, redirects: [] };
    return {
      ok: true,
      url,
      status: 200,
      contentType: 'text/html',
      kind: 'html',
      body: new TextEncoder().encode(page),
      redirects: [],
    };
  };
  const logged: unknown[] = [];
  const deps = (): WorkerDeps => ({
    store: table.store,
    clock: () => NOW,
    log: (m, d) => logged.push([m, d]),
    archive,
  });

  function poller() {
    const reactor = createCheckRevisionReactor(deps(), { fetcher });
    return createStreamPoller({
      client: table.store.client,
      endpoint: table.endpoint,
      region: testRegion,
      tableName: table.store.tableName,
      handle: async (changes) => (await processChanges(changes, [reactor], () => {})).firstFailure,
      onError: (error) => {
        throw error;
      },
    });
  }

  const put = (item: Record<string, unknown>) =>
    table.store.doc.send(new PutCommand({ TableName: table.store.tableName, Item: item }));

  /** A statement as the submission side writes it: header, year marker and submitted revision. */
  async function submit(options: {
    organisationId: string;
    name: string;
    year: number;
    document: Record<string, unknown>;
  }) {
    const id = ulid();
    const periodEnd = `${options.year}-03-31`;
    const at = `${options.year}-07-20T10:00:00.000Z`;
    await put({
      ...keys.statement(id),
      id,
      organisationId: options.organisationId,
      organisationName: options.name,
      companyNumber: null,
      isGroup: false,
      groupMembers: [],
      year: options.year,
      periodStart: `${options.year - 1}-04-01`,
      periodEnd,
      sectors: [],
      turnover: null,
      status: 'submitted',
      revision: 1,
      submittedAt: at,
      updatedAt: at,
      check: null,
      entityType: 'company',
      etag: '1',
      draftVersion: 0,
      hasDraft: false,
      createdAt: at,
      createdBy: 'user-1',
    });
    await put({ ...keys.statementForYear(options.organisationId, options.year), statementId: id });
    await put({
      ...keys.revision(id, 1),
      statementId: id,
      organisationId: options.organisationId,
      revision: 1,
      status: 'submitted',
      year: options.year,
      document: { ...options.document, periodStart: `${options.year - 1}-04-01`, periodEnd },
      organisation: { name: options.name, entityType: 'company', companyNumber: null },
      submittedAt: at,
      submittedBy: 'user-1',
    });
    return id;
  }

  const header = async (id: string) =>
    (
      await table.store.doc.send(
        new GetCommand({ TableName: table.store.tableName, Key: keys.statement(id) }),
      )
    ).Item;

  const { organisation: _organisation, submittedAt: _submittedAt, ...fields } = GOOD_DOCUMENT;

  it('stores a check result for a submitted revision and sets the summary on the statement', async () => {
    const orgA = ulid();
    const id = await submit({
      organisationId: orgA,
      name: 'Acme Retail Ltd',
      year: 2025,
      document: { ...fields, statementText: GOOD_TEXT },
    });
    await poller().drain();
    const result = await getCheckResult(table.store, id, 1);
    expect(result?.rulesVersion).toBe(RULES_VERSION);
    expect(result?.sentences.length).toBeGreaterThan(20);
    expect(result?.findings.find((f) => f.rule === 'uk-approval')?.status).toBe('pass');
    expect((await header(id))?.check).toEqual(result?.summary);
  });

  it('is idempotent: a revision already checked with the current rules is not checked again', async () => {
    const orgB = ulid();
    const id = await submit({
      organisationId: orgB,
      name: 'Gamma Ltd',
      year: 2025,
      document: { ...fields, statementText: GOOD_TEXT },
    });
    const first = poller();
    await first.drain();
    const stored = await table.store.doc.send(
      new GetCommand({ TableName: table.store.tableName, Key: keys.checkResult(id, 1) }),
    );
    const reactor = createCheckRevisionReactor(
      { ...deps(), clock: () => new Date('2025-09-01T00:00:00Z') },
      { fetcher },
    );
    await reactor({
      eventName: 'MODIFY',
      sequenceNumber: '1',
      ...keys.revision(id, 1),
      newImage: {
        ...(
          await table.store.doc.send(
            new GetCommand({ TableName: table.store.tableName, Key: keys.revision(id, 1) }),
          )
        ).Item,
      },
      oldImage: undefined,
    });
    const again = await table.store.doc.send(
      new GetCommand({ TableName: table.store.tableName, Key: keys.checkResult(id, 1) }),
    );
    expect(again.Item?.checkedAt).toBe(stored.Item?.checkedAt);
  });

  it('fetches the statement from its URL through the fetcher, archives it, and checks it', async () => {
    const orgC = ulid();
    const { statementText: _t, ...withoutText } = { ...fields, statementText: undefined };
    const id = await submit({
      organisationId: orgC,
      name: 'Beta plc',
      year: 2025,
      document: {
        ...withoutText,
        statementUrl: 'https://beta.example/msa',
        homepageUrl: 'https://beta.example/',
      },
    });
    await poller().drain();
    const item = (
      await table.store.doc.send(
        new GetCommand({ TableName: table.store.tableName, Key: keys.checkResult(id, 1) }),
      )
    ).Item;
    expect(fetched).toContain('https://beta.example/msa');
    expect(item?.archivedFile?.contentType).toBe('text/html');
    expect(archive.objects.has(item?.archivedFile?.key)).toBe(true);
    const result = await getCheckResult(table.store, id, 1);
    expect(result?.findings.find((f) => f.rule === 'uk-published')?.status).toBe('pass');
    expect(result?.findings.find((f) => f.rule === 'uk-homepage-link')?.status).toBe('unknown');
    expect(result?.sentences.some((s) => /approved by the Board/.test(s.text))).toBe(true);
  });

  it('compares with the organisation’s earlier statement and other organisations’ statements in the register', async () => {
    const orgD = ulid();
    const orgE = ulid();
    await submit({
      organisationId: orgD,
      name: 'Delta Ltd',
      year: 2024,
      document: { ...fields, statementText: GOOD_TEXT },
    });
    await poller().drain();
    const next = await submit({
      organisationId: orgD,
      name: 'Delta Ltd',
      year: 2025,
      document: { ...fields, statementText: GOOD_TEXT.replace(/2025/g, '2026') },
    });
    const copy = await submit({
      organisationId: orgE,
      name: 'Epsilon Ltd',
      year: 2025,
      document: { ...fields, statementText: GOOD_TEXT },
    });
    await poller().drain();
    const nextResult = await getCheckResult(table.store, next, 1);
    expect(nextResult?.findings.find((f) => f.rule === 'uk-not-copied')?.status).toBe('fail');
    expect(nextResult?.findings.find((f) => f.rule === 'uk-statement-for-year')?.status).toBe('pass');
    const copyResult = await getCheckResult(table.store, copy, 1);
    const boilerplate = copyResult?.findings.find((f) => f.rule === 'uk-not-boilerplate');
    expect(boilerplate?.status).toBe('fail');
    expect(boilerplate?.message).toMatch(/near-copy/);
  });

  it('ignores drafts and other items', async () => {
    const reactor = createCheckRevisionReactor(deps(), { fetcher });
    const id = ulid();
    await reactor({
      eventName: 'INSERT',
      sequenceNumber: '1',
      ...keys.statementDraft(id),
      newImage: { status: 'draft' },
      oldImage: undefined,
    });
    await reactor({
      eventName: 'INSERT',
      sequenceNumber: '2',
      ...keys.revision(id, 1),
      newImage: { status: 'draft' },
      oldImage: undefined,
    });
    expect(await getCheckResult(table.store, id, 1)).toBeUndefined();
  });

  it('finds results of older rules versions for `npm run recheck`, and recomputes them', async () => {
    const orgF = ulid();
    const id = await submit({
      organisationId: orgF,
      name: 'Phi Ltd',
      year: 2025,
      document: { ...fields, statementText: GOOD_TEXT },
    });
    await poller().drain();
    const current = (await getCheckResult(table.store, id, 1))!;
    await putCheckResult(table.store, {
      statementId: id,
      organisationId: orgF,
      revision: 1,
      result: { ...current, rulesVersion: '2000.1' },
      checkedAt: NOW.toISOString(),
    });
    const stale = await listStaleCheckResults(table.store, RULES_VERSION);
    expect(stale).toContainEqual({ statementId: id, revision: 1, rulesVersion: '2000.1' });
    expect(await checkRevision(deps(), id, 1, { offline: true }, undefined, true)).toBe('checked');
    expect((await getCheckResult(table.store, id, 1))?.rulesVersion).toBe(RULES_VERSION);
    // An older result with another rating: the recheck's summary names the change.
    const was = current.summary.rating === 'weak' ? 'strong' : 'weak';
    await putCheckResult(table.store, {
      statementId: id,
      organisationId: orgF,
      revision: 1,
      result: { ...current, rulesVersion: '2000.2', summary: { ...current.summary, rating: was } },
      checkedAt: NOW.toISOString(),
    });
    const lines: string[] = [];
    const outcome = await recheckStale(deps(), { offline: true, log: (line) => lines.push(line) });
    const change = { statementId: id, revision: 1, from: was, to: current.summary.rating };
    expect(outcome.changed).toContainEqual(change);
    expect(ratingChangesReport(outcome.changed)).toContain(
      `${id} revision 1: ${was} -> ${current.summary.rating}`,
    );
    expect(lines).toContain(`${id} revision 1: 2000.2 → ${RULES_VERSION}`);
    expect((await listStaleCheckResults(table.store, RULES_VERSION)).map((s) => s.statementId)).not.toContain(
      id,
    );
  });

  it('lists check results by keys only over many partitions, and moves results listed the old way (one ALL partition) to them', async () => {
    const ids = Array.from({ length: 12 }, () => ulid());
    for (const statementId of ids)
      await putCheckResult(table.store, {
        statementId,
        organisationId: ulid(),
        revision: 1,
        result: {
          rulesVersion: '2000.3',
          summary: { rating: 'weak', meetsLegalMinimum: true, areasCovered: 2 },
          findings: [],
          sentences: [],
        },
        checkedAt: NOW.toISOString(),
      });
    const partitions = new Set<unknown>();
    for (const statementId of ids) {
      const { Item } = await table.store.doc.send(
        new GetCommand({ TableName: table.store.tableName, Key: keys.checkResult(statementId, 1) }),
      );
      expect(Item?.gsi2pk).toBeUndefined();
      partitions.add(Item?.gsi4pk);
    }
    expect(partitions.size).toBeGreaterThan(4);
    // A result stored before the sharded listing: gsi2, one partition.
    const legacy = ids.pop()!;
    await table.store.doc.send(
      new UpdateCommand({
        TableName: table.store.tableName,
        Key: keys.checkResult(legacy, 1),
        UpdateExpression: 'SET gsi2pk = :pk, gsi2sk = :sk REMOVE gsi4pk, gsi4sk',
        ExpressionAttributeValues: { ':pk': 'CHECKS', ':sk': `2000.3#${legacy}#000001` },
      }),
    );
    const staleIds = async () =>
      (await listStaleCheckResults(table.store, RULES_VERSION)).map((s) => s.statementId);
    expect(await staleIds()).toEqual(expect.arrayContaining([...ids, legacy]));
    expect((await moveCheckListings(table.store)).moved).toBeGreaterThanOrEqual(1);
    const oldPartition = await table.store.doc.send(
      new QueryCommand({
        TableName: table.store.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': 'CHECKS' },
      }),
    );
    expect(oldPartition.Items).toEqual([]);
    expect(await staleIds()).toEqual(expect.arrayContaining([...ids, legacy]));
    expect((await moveCheckListings(table.store)).moved).toBe(0);
  });

  it('keeps the register’s reviews in force through a recheck when the automated status is unchanged', async () => {
    const orgR = ulid();
    const id = await submit({
      organisationId: orgR,
      name: 'Rho Ltd',
      year: 2025,
      document: { ...fields, statementText: GOOD_TEXT },
    });
    await poller().drain();
    const automated = (await getCheckResult(table.store, id, 1))!;
    expect(automated.findings.find((f) => f.rule === 'uk-approval')?.status).toBe('pass');
    const officer = { id: 'officer-1', email: 'olive@officers.example', isOfficer: true };
    const { summary } = await reviewFinding(
      deps(),
      officer,
      id,
      'uk-approval',
      {
        decision: 'overturn',
        status: 'fail',
        reason: 'The approval named is of last year’s statement.',
      },
      { ifMatch: `1.0@${automated.rulesVersion}` },
    );
    expect(summary.rating).toBe('non_compliant');
    await putCheckResult(table.store, {
      statementId: id,
      organisationId: orgR,
      revision: 1,
      result: { ...automated, rulesVersion: '2000.1' },
      checkedAt: NOW.toISOString(),
    });
    expect((await getStatement(table.store, id))?.check?.rating).toBe(automated.summary.rating);
    expect(await checkRevision(deps(), id, 1, { offline: true }, undefined, true)).toBe('checked');
    expect((await getStatement(table.store, id))?.check).toEqual(summary);
    expect(
      (await getCheckResult(table.store, id, 1))?.findings.find((f) => f.rule === 'uk-approval')?.status,
    ).toBe('pass');
  });

  it('keeps a reviewed verdict the recheck disagrees with, queues it for an officer, and reports public and automated rating changes apart', async () => {
    const orgS = ulid();
    const id = await submit({
      organisationId: orgS,
      name: 'Sigma Ltd',
      year: 2025,
      document: { ...fields, statementText: GOOD_TEXT },
    });
    await poller().drain();
    const current = (await getCheckResult(table.store, id, 1))!;
    expect(current.findings.find((f) => f.rule === 'uk-approval')?.status).toBe('pass');
    // Under the old rules the approval failed, and an officer confirmed that.
    const oldFindings = current.findings.map((f) =>
      f.rule === 'uk-approval' ? { ...f, status: 'fail' as const } : f,
    );
    const old = {
      ...current,
      rulesVersion: '2000.4',
      findings: oldFindings,
      summary: summarise(oldFindings),
    };
    expect(old.summary.rating).toBe('non_compliant');
    await putCheckResult(table.store, {
      statementId: id,
      organisationId: orgS,
      revision: 1,
      result: old,
      checkedAt: NOW.toISOString(),
    });
    const review = storedReview({
      statementId: id,
      rule: 'uk-approval',
      rulesVersion: '2000.4',
      decision: 'confirm',
      status: 'fail',
      automatedStatus: 'fail',
      reason: 'The approval quoted is of last year’s statement.',
    });
    await table.store.doc.send(
      new PutCommand({
        TableName: table.store.tableName,
        Item: { ...keys.findingReview(id, 1, 'uk-approval'), entity: 'findingReview', ...review },
      }),
    );

    const outcome = await recheckStale(deps(), { offline: true });
    expect(outcome.changed).toContainEqual({
      statementId: id,
      revision: 1,
      from: 'non_compliant',
      to: current.summary.rating,
    });
    expect(outcome.publicChanged.map((c) => c.statementId)).not.toContain(id);
    expect(outcome.disagreements).toContainEqual(
      expect.objectContaining({
        statementId: id,
        rule: 'uk-approval',
        reviewed: 'fail',
        automatedBefore: 'fail',
        automatedNow: 'pass',
      }),
    );
    const report = recheckReport(outcome);
    expect(report).toContain(`${id} revision 1 uk-approval: reviewed fail, now pass`);
    expect(report).toMatch(/^Public ratings \(as shown, the register's reviews applied\): /);

    // The public still sees the person's verdict; the new automated status is said beside it.
    expect((await getStatement(table.store, id))?.check?.rating).toBe('non_compliant');
    const flag = await getFlag(table.store, flagIds.reviewDisagreement(id, 1, 'uk-approval', RULES_VERSION));
    expect(flag).toMatchObject({
      type: 'review_disagreement',
      status: 'open',
      statementId: id,
      rule: 'uk-approval',
    });
    // Rechecking again under the same rules queues nothing twice.
    expect(await checkRevision(deps(), id, 1, { offline: true }, undefined, true)).toBe('checked');
    expect((await getFlag(table.store, flag!.id))?.history).toHaveLength(1);

    // An officer who reviews the finding again answers the queue entry: it is resolved.
    await reviewFinding(
      deps(),
      { id: 'officer-2', email: 'oscar@officers.example', isOfficer: true },
      id,
      'uk-approval',
      { decision: 'confirm', reason: 'The new rules read the approval line rightly.' },
      { ifMatch: `1.1@${RULES_VERSION}` },
    );
    expect(await getFlag(table.store, flag!.id)).toMatchObject({ status: 'resolved' });
  });

  /** Every item of the table, in key order (a test's look at the whole table, not a request path). */
  async function everyItem(): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await table.store.doc.send(
        new ScanCommand({ TableName: table.store.tableName, ExclusiveStartKey: start, ConsistentRead: true }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    const key = (item: Record<string, unknown>) => `${item.pk}\u0000${item.sk}`;
    return items.sort((a, b) => key(a).localeCompare(key(b)));
  }

  it('prints in a dry run the summary a real recheck then prints, and writes nothing', async () => {
    const orgD = ulid();
    const id = await submit({
      organisationId: orgD,
      name: 'Delta Dry Ltd',
      year: 2025,
      document: { ...fields, statementText: GOOD_TEXT },
    });
    await poller().drain();
    const current = (await getCheckResult(table.store, id, 1))!;
    // Under the old rules the approval failed (Non-compliant), and an officer confirmed that.
    const oldFindings = current.findings.map((f) =>
      f.rule === 'uk-approval' ? { ...f, status: 'fail' as const } : f,
    );
    await putCheckResult(table.store, {
      statementId: id,
      organisationId: orgD,
      revision: 1,
      result: { ...current, rulesVersion: '2000.5', findings: oldFindings, summary: summarise(oldFindings) },
      checkedAt: NOW.toISOString(),
    });
    const review = storedReview({
      statementId: id,
      rule: 'uk-approval',
      rulesVersion: '2000.5',
      decision: 'confirm',
      status: 'fail',
      automatedStatus: 'fail',
      reason: 'The approval quoted is of last year’s statement.',
    });
    await put({ ...keys.findingReview(id, 1, 'uk-approval'), entity: 'findingReview', ...review });
    const untouched = await everyItem();

    const dryLines: string[] = [];
    const dry = await recheckAndReport(deps(), { offline: true, dryRun: true }, (line) =>
      dryLines.push(line),
    );
    expect(await everyItem()).toEqual(untouched);
    expect(dry.changed).toContainEqual({
      statementId: id,
      revision: 1,
      from: 'non_compliant',
      to: current.summary.rating,
    });
    expect(dry.disagreements).toContainEqual(
      expect.objectContaining({
        statementId: id,
        rule: 'uk-approval',
        reviewed: 'fail',
        automatedNow: 'pass',
      }),
    );
    expect(dryLines).toContain(`${id} revision 1: 2000.5 → ${RULES_VERSION} (dry run, not written)`);
    expect(dryLines.at(-2)).toMatch(/^Dry run, nothing written: would recheck \d+ of \d+\.$/);

    const realLines: string[] = [];
    const real = await recheckAndReport(deps(), { offline: true, dryRun: false }, (line) =>
      realLines.push(line),
    );
    expect(real).toEqual(dry);
    expect(realLines.at(-1)).toBe(dryLines.at(-1));
    expect(realLines.at(-1)).toContain(`${id} revision 1: non_compliant -> ${current.summary.rating}`);
    expect((await getCheckResult(table.store, id, 1))?.rulesVersion).toBe(RULES_VERSION);
    expect(
      await getFlag(table.store, flagIds.reviewDisagreement(id, 1, 'uk-approval', RULES_VERSION)),
    ).toBeDefined();
  });
});

describe('reading a revision’s document', () => {
  it('leaves out a field of an unexpected shape and keeps the rest', () => {
    const document = lenientDocument({
      statementText: 'Text.',
      periodEnd: 'not a date',
      approvedBy: 'board',
      isGroup: 'yes',
    });
    expect(document).toEqual({ statementText: 'Text.', approvedBy: 'board' });
  });
});
