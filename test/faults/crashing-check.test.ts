import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import type { FetchOutcome } from '../../functions/checker/fetch/guarded-fetch.ts';
import type { Tagger } from '../../functions/checker/tagger/model.ts';
import { createMemoryArchive } from '../../functions/domain/archive.ts';
import { keys } from '../../functions/store/keys.ts';
import { getCheckResult } from '../../functions/store/public/get-check-result.ts';
import { createStore, type Store } from '../../functions/store/store.ts';
import type { ChangeRecord } from '../../functions/store/stream-records.ts';
import {
  type CheckRevisionOptions,
  createCheckRevisionReactor,
} from '../../functions/worker/check-revision.ts';
import type { WorkerDeps } from '../../functions/worker/deps.ts';
import { processChanges } from '../../functions/worker/process-changes.ts';
import { GOOD_DOCUMENT, GOOD_TEXT, keywordTagger } from '../checker/support.ts';
import { testRegion, useTestTable } from '../support/table.ts';

/**
 * The check reactor when the check crashes. Transient failures (DynamoDB throttling that outlasts
 * the SDK's retries, a statement address that times out) are retried and the result lands;
 * permanent ones (an unreadable or oversized document, a checker fault) are recorded on the
 * revision as a result saying why, and the changes after them are processed.
 */
const NOW = new Date('2025-08-01T12:00:00.000Z');
const STATEMENT_URL = 'https://crash.example/msa';
const PAGE = `<html><body><main>${GOOD_TEXT.split('\n\n')
  .map((p) => `<p>${p}</p>`)
  .join('')}</main></body></html>`;

const ok = (url: string): FetchOutcome => ({
  ok: true,
  url,
  status: 200,
  contentType: 'text/html',
  kind: 'html',
  body: new TextEncoder().encode(PAGE),
  redirects: [],
});
const timedOut = (url: string): FetchOutcome => ({
  ok: false,
  reason: 'timeout',
  message: 'The address took too long to answer.',
  url,
  redirects: [],
});

/** The trained model is not the point here: the keyword tagger, which crashes on the word CRASH. */
const crashingTagger: Tagger = {
  ...keywordTagger,
  tag: (sentences) => {
    if (sentences.some((s) => s.text.includes('CRASH'))) throw new RangeError('tagger fault');
    return keywordTagger.tag(sentences);
  },
};

describe('a crashing check', { timeout: 60_000 }, () => {
  const table = useTestTable();
  const archive = createMemoryArchive();
  const logged: string[] = [];
  const { organisation: _organisation, submittedAt: _submittedAt, ...fields } = GOOD_DOCUMENT;

  const deps = (store: Store = table.store): WorkerDeps => ({
    store,
    clock: () => NOW,
    log: (message) => void logged.push(message),
    archive,
  });
  const reactor = (store: Store, options: CheckRevisionOptions = {}) =>
    createCheckRevisionReactor(deps(store), { tagger: crashingTagger, offline: true, ...options });

  const put = (item: Record<string, unknown>) =>
    table.store.doc.send(new PutCommand({ TableName: table.store.tableName, Item: item }));

  let sequence = 0;
  /** A submitted statement (header and revision 1); answers the revision's stream change. */
  async function submitted(document: Record<string, unknown>): Promise<{ id: string; change: ChangeRecord }> {
    const id = ulid();
    const organisationId = ulid();
    const at = '2025-07-20T10:00:00.000Z';
    await put({
      ...keys.statement(id),
      id,
      organisationId,
      organisationName: 'Crash Test Ltd',
      companyNumber: null,
      isGroup: false,
      groupMembers: [],
      year: 2025,
      periodStart: '2024-04-01',
      periodEnd: '2025-03-31',
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
    const item = {
      ...keys.revision(id, 1),
      statementId: id,
      organisationId,
      revision: 1,
      status: 'submitted',
      year: 2025,
      document: { ...fields, ...document, periodStart: '2024-04-01', periodEnd: '2025-03-31' },
      organisation: { name: 'Crash Test Ltd', entityType: 'company', companyNumber: null },
      submittedAt: at,
      submittedBy: 'user-1',
    };
    await put(item);
    sequence += 1;
    const change: ChangeRecord = {
      eventName: 'INSERT',
      sequenceNumber: String(sequence),
      pk: item.pk,
      sk: item.sk,
      newImage: item,
      oldImage: undefined,
    };
    return { id, change };
  }

  const resultOf = (id: string) => getCheckResult(table.store, id, 1);
  const headerCheck = async (id: string) =>
    (
      await table.store.doc.send(
        new GetCommand({ TableName: table.store.tableName, Key: keys.statement(id) }),
      )
    ).Item?.check;
  const machineReadable = async (id: string) =>
    (await resultOf(id))?.findings.find((f) => f.rule === 'uk-machine-readable');

  it('retries a check whose result write is throttled beyond the SDK retries, and the result lands once', async () => {
    // A throttle injected above the SDK's retry layer: what the reactor sees once its 5 attempts are spent.
    const store = createStore({
      tableName: table.store.tableName,
      region: testRegion,
      endpoint: table.endpoint,
    });
    let throttles = 1;
    store.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'BatchWriteItemCommand' && throttles > 0) {
          throttles--;
          throw new ProvisionedThroughputExceededException({
            message: 'Rate exceeded',
            $metadata: { httpStatusCode: 400 },
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'throttleOnce' },
    );
    const { id, change } = await submitted({ statementText: GOOD_TEXT });
    const react = reactor(store);

    const first = await processChanges([change], [react], () => {});
    expect(first.firstFailure).toBe(change.sequenceNumber);
    expect(await resultOf(id)).toBeUndefined();

    const redelivered = await processChanges([change], [react], () => {});
    expect(redelivered.firstFailure).toBeUndefined();
    const result = await resultOf(id);
    expect(result?.sentences.length).toBeGreaterThan(5);
    expect(await headerCheck(id)).toEqual(result?.summary);
    store.client.destroy();
  });

  it('fetches the statement again after timeouts, within bounded attempts, and checks what came', async () => {
    const { id, change } = await submitted({ statementUrl: STATEMENT_URL, statementText: null });
    const calls: string[] = [];
    const waits: number[] = [];
    const react = reactor(table.store, {
      offline: false,
      fetcher: async (url) => {
        calls.push(url);
        if (url !== STATEMENT_URL) return timedOut(url);
        return calls.filter((u) => u === url).length < 3 ? timedOut(url) : ok(url);
      },
      sleep: async (ms) => void waits.push(ms),
    });
    expect((await processChanges([change], [react], () => {})).firstFailure).toBeUndefined();
    expect(calls.filter((u) => u === STATEMENT_URL)).toHaveLength(3);
    expect(waits).toEqual([2_000, 5_000]);
    const result = await resultOf(id);
    expect(result?.sentences.some((s) => /approved by the Board/.test(s.text))).toBe(true);
    expect((await machineReadable(id))?.message).not.toMatch(/could not be/);
  });

  it.each([
    {
      failure: 'a statement address that never answers',
      document: { statementUrl: STATEMENT_URL, statementText: null },
      fetcher: async (url: string) => timedOut(url),
      why: /could not be fetched/,
    },
    {
      failure: 'a fetcher that throws',
      document: { statementUrl: STATEMENT_URL, statementText: null },
      fetcher: async (): Promise<FetchOutcome> => {
        throw new TypeError('socket hang up');
      },
      why: /could not be fetched/,
    },
    {
      failure: 'a checker fault on the text',
      document: { statementText: `${GOOD_TEXT}\n\nThis sentence makes the tagger CRASH every time.` },
      why: /could not be checked: the checker failed/,
    },
    {
      failure: 'an unreadable file',
      document: {
        statementText: null,
        archivedFile: { key: 'crash/garbage.bin', contentType: 'application/octet-stream' },
      },
      file: new Uint8Array(4096).map((_, i) => (i * 7) % 256),
      why: /not text, HTML, PDF or Word/,
    },
    {
      failure: 'a file larger than the checker reads',
      document: { statementText: null, archivedFile: { key: 'crash/huge.txt', contentType: 'text/plain' } },
      file: new Uint8Array(20 * 1024 * 1024 + 1).fill(0x61),
      why: /could not be checked: The document is larger than 20 MB/,
    },
  ])(
    'records $failure on the revision as a result saying why, and goes on with the next change',
    async ({ document, fetcher, file, why }) => {
      const archivedKey = (document as { archivedFile?: { key: string } }).archivedFile?.key;
      if (file && archivedKey) await archive.put(archivedKey, file, 'application/octet-stream');
      const failing = await submitted(document);
      const next = await submitted({ statementText: GOOD_TEXT });
      const waits: number[] = [];
      const react = reactor(table.store, {
        ...(fetcher ? { offline: false, fetcher } : {}),
        sleep: async (ms) => void waits.push(ms),
      });
      const errors: unknown[] = [];
      const pass = await processChanges([failing.change, next.change], [react], (_c, e) => errors.push(e));
      expect(pass.firstFailure).toBeUndefined();
      expect(errors).toEqual([]);

      const finding = await machineReadable(failing.id);
      expect(finding?.status).toBe('fail');
      expect(finding?.message).toMatch(why);
      expect(await headerCheck(failing.id)).toEqual((await resultOf(failing.id))?.summary);
      expect((await resultOf(next.id))?.sentences.length).toBeGreaterThan(5);
      // Retries are bounded, and only for the address the text comes from: two waits, three attempts.
      expect(waits).toEqual(fetcher ? [2_000, 5_000] : []);

      // Delivered again, the recorded result stands: nothing is checked twice.
      const before = await resultOf(failing.id);
      expect((await processChanges([failing.change], [react], () => {})).firstFailure).toBeUndefined();
      expect(await resultOf(failing.id)).toEqual(before);
    },
  );
});
