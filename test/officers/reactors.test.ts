import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../functions/checker/run-check.ts';
import { defaultTagger } from '../../functions/checker/tagger/model.ts';
import { putCheckResult } from '../../functions/store/checks/put-check-result.ts';
import { flagItem } from '../../functions/store/flags/flag-items.ts';
import { getFlag } from '../../functions/store/flags/get-flag.ts';
import { keys } from '../../functions/store/keys.ts';
import { runSweep } from '../../functions/worker/sweep.ts';
import type { CheckResult } from '../../schemas/check-result.ts';
import { scannedPdf } from '../checker/fixtures.ts';
import { authFor, testApp } from '../support/app.ts';
import { officer } from '../support/submissions.ts';
import { useTestTable } from '../support/table.ts';
import { complianceWorker, seedOrganisation, seedStatement, updateStatement } from './support.ts';

const now = new Date('2026-11-29T12:00:00.000Z');
const clock = () => now;

function checkResult(meetsLegalMinimum: boolean, rating: CheckResult['summary']['rating']): CheckResult {
  return {
    rulesVersion: 'test',
    summary: { meetsLegalMinimum, areasCovered: 3, rating },
    findings: [
      {
        rule: 'uk-signature',
        severity: 'legal',
        status: meetsLegalMinimum ? 'pass' : 'fail',
        message: meetsLegalMinimum ? 'Signed by a director.' : 'No signature.',
        evidence: [],
      },
      {
        rule: 'uk-area-training',
        severity: 'guidance',
        status: 'fail',
        message: 'No training.',
        evidence: [],
      },
    ],
    sentences: [],
  };
}

describe('compliance reactors', () => {
  const table = useTestTable();

  it('raises legal_minimum and weak flags per checked revision with their findings, and resolves them when a revision passes', {
    timeout: 60_000,
  }, async () => {
    const { store } = table;
    const worker = complianceWorker(table, clock);
    const organisation = await seedOrganisation(store, {
      name: 'Checked Ltd',
      financialYearEnd: '03-31',
      createdAt: '2025-01-01T00:00:00Z',
    });
    const id = await seedStatement(store, {
      organisation,
      periodStart: '2025-04-01',
      periodEnd: '2026-03-31',
      submittedAt: '2026-06-01T00:00:00Z',
      sectors: ['Defence and aerospace'],
    });
    await putCheckResult(store, {
      statementId: id,
      organisationId: organisation.id,
      revision: 1,
      result: checkResult(false, 'non_compliant'),
      checkedAt: now.toISOString(),
    });
    await worker.poller.drain();
    await worker.poller.drain();
    const legal = await getFlag(store, `legal_minimum-${id}-r1`);
    expect(legal).toMatchObject({
      type: 'legal_minimum',
      status: 'open',
      statementId: id,
      revision: 1,
      year: 2026,
    });
    expect(legal?.findings).toEqual([{ rule: 'uk-signature', status: 'fail', message: 'No signature.' }]);
    // Stored deflated: every index copy of the flag holds them.
    const raw = await store.doc.send(
      new GetCommand({ TableName: store.tableName, Key: keys.flag(`legal_minimum-${id}-r1`) }),
    );
    expect(raw.Item?.findings).toBeUndefined();
    expect(raw.Item?.findingsPacked).toBeInstanceOf(Uint8Array);
    expect(legal?.links.findings).toBe(`/statements/${id}#findings`);

    await updateStatement(store, id, { revision: 2, check: null });
    await putCheckResult(store, {
      statementId: id,
      organisationId: organisation.id,
      revision: 2,
      result: checkResult(true, 'weak'),
      checkedAt: now.toISOString(),
    });
    await worker.poller.drain();
    expect(worker.failures).toEqual([]);
    expect((await getFlag(store, `legal_minimum-${id}-r1`))?.status).toBe('resolved');
    expect(await getFlag(store, `weak-${id}-r2`)).toMatchObject({
      type: 'weak',
      status: 'open',
      sectors: ['Defence and aerospace'],
    });
    expect(await getFlag(store, `legal_minimum-${id}-r2`)).toBeUndefined();

    // A scan the checker could not read: a person has to look (not_determined), it is not weak.
    const { result: scanned } = await runCheck(
      {},
      { kind: 'document', bytes: await scannedPdf(1), hint: 'pdf' },
      { tagger: defaultTagger(), now },
    );
    await updateStatement(store, id, { revision: 3, check: null });
    await putCheckResult(store, {
      statementId: id,
      organisationId: organisation.id,
      revision: 3,
      result: scanned,
      checkedAt: now.toISOString(),
    });
    await worker.poller.drain();
    expect(worker.failures).toEqual([]);
    expect(await getFlag(store, `weak-${id}-r3`)).toBeUndefined();
    expect((await getFlag(store, `weak-${id}-r2`))?.status).toBe('resolved');
    const unread = await getFlag(store, `not_determined-${id}-r3`);
    expect(unread).toMatchObject({ type: 'not_determined', status: 'open', revision: 3, confidence: 0.5 });
    expect(unread?.findings?.map((f) => f.rule)).toContain('uk-area-risk');
    expect(unread?.history[0]?.note).toMatch(/^Revision 3 could not be rated: read it .*no text layer/);

    await updateStatement(store, id, { revision: 4, check: null });
    await putCheckResult(store, {
      statementId: id,
      organisationId: organisation.id,
      revision: 4,
      result: checkResult(true, 'adequate'),
      checkedAt: now.toISOString(),
    });
    await worker.poller.drain();
    expect((await getFlag(store, `not_determined-${id}-r3`))?.status).toBe('resolved');
  });

  it('sends overdue notices to enrolled contacts once, and records notices nobody can receive', {
    timeout: 60_000,
  }, async () => {
    const { store } = table;
    const worker = complianceWorker(table, clock);
    const known = await seedOrganisation(store, {
      name: 'Noticed Ltd',
      financialYearEnd: '12-31',
      createdAt: '2025-02-01T00:00:00Z',
    });
    const unknown = await seedOrganisation(store, {
      name: 'Nobody Ltd',
      financialYearEnd: '12-31',
      createdAt: '2025-02-01T00:00:00Z',
    });
    await store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: {
          ...keys.membership('user-1', known.id),
          entity: 'membership',
          userId: 'user-1',
          email: 'contact@noticed.example',
          organisationId: known.id,
          organisationName: known.name,
          role: 'submitter',
          createdAt: '2025-03-01T00:00:00Z',
        },
      }),
    );
    await runSweep({ store, clock, log: () => {} });
    await worker.poller.drain();
    await runSweep({ store, clock, log: () => {} });
    await worker.poller.drain();
    const toKnown = worker.mailer.sent.filter((mail) => mail.to.includes('contact@noticed.example'));
    expect(toKnown).toHaveLength(1);
    expect(toKnown[0]?.subject).toBe('Overdue: Noticed Ltd has no modern slavery statement for 2025');
    const { Item } = await store.doc.send(
      new GetCommand({ TableName: store.tableName, Key: keys.outbox(`overdue-${unknown.id}-2025`) }),
    );
    expect(Item).toMatchObject({ status: 'no_recipient' });

    // Each notice sent is recorded once on the missing-statement flag, with its history entry.
    const noticed = await getFlag(store, `missing-${known.id}-2025`, { consistent: true });
    expect(noticed?.notices).toEqual([
      {
        at: clock().toISOString(),
        by: 'system',
        channel: 'email',
        to: 'contact@noticed.example',
        about: 'Overdue: Noticed Ltd has no modern slavery statement for 2025',
      },
    ]);
    expect(noticed?.history.at(-1)).toMatchObject({ action: 'notice', by: 'system' });
    expect(
      (await getFlag(store, `missing-${unknown.id}-2025`, { consistent: true }))?.notices,
    ).toBeUndefined();
  });

  it('sends an overdue notice to the contact email an officer imported, and records it on the flag', {
    timeout: 60_000,
  }, async () => {
    const { store } = table;
    const worker = complianceWorker(table, clock);
    const contactable = await seedOrganisation(store, {
      name: 'Contactable Ltd',
      financialYearEnd: '12-31',
      createdAt: '2025-02-01T00:00:00Z',
    });
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.organisation(contactable.id),
        UpdateExpression: 'SET contactEmail = :email',
        ExpressionAttributeValues: { ':email': 'compliance@contactable.example' },
      }),
    );
    await runSweep({ store, clock, log: () => {} });
    await worker.poller.drain();
    expect(
      worker.mailer.sent.filter((mail) => mail.to.includes('compliance@contactable.example')),
    ).toHaveLength(1);
    const flag = await getFlag(store, `missing-${contactable.id}-2025`, { consistent: true });
    expect(flag?.notices?.map((notice) => notice.to)).toEqual(['compliance@contactable.example']);
  });

  it('counts a group statement for the members it names, and reopens a missing flag when its statement is withdrawn', {
    timeout: 60_000,
  }, async () => {
    const { store } = table;
    const worker = complianceWorker(table, clock);
    const parent = await seedOrganisation(store, {
      name: 'Parent plc',
      financialYearEnd: '03-31',
      createdAt: '2025-01-01T00:00:00Z',
      companyNumber: '55555555',
    });
    const child = await seedOrganisation(store, {
      name: 'Child Ltd',
      financialYearEnd: '03-31',
      createdAt: '2025-01-01T00:00:00Z',
      companyNumber: '66666666',
    });
    await runSweep({ store, clock, log: () => {} });
    await worker.poller.drain();
    expect((await getFlag(store, `missing-${child.id}-2026`))?.status).toBe('open');

    const id = await seedStatement(store, {
      organisation: parent,
      periodStart: '2025-04-01',
      periodEnd: '2026-03-31',
      submittedAt: '2026-09-01T00:00:00Z',
      groupMembers: [{ name: 'Child Ltd', companyNumber: '66666666' }],
    });
    await worker.poller.drain();
    expect((await getFlag(store, `missing-${parent.id}-2026`))?.status).toBe('resolved');
    const childFlag = await getFlag(store, `missing-${child.id}-2026`);
    expect(childFlag?.status).toBe('resolved');
    expect(childFlag?.history.at(-1)?.note).toMatch(/group statement/);
    expect(await getFlag(store, `late-${child.id}-2026`)).toBeUndefined();
    expect(await runSweep({ store, clock, log: () => {} })).toMatchObject({
      missingRaised: 0,
      lateRaised: 0,
    });

    await updateStatement(store, id, { status: 'withdrawn' });
    await worker.poller.drain();
    expect(worker.failures).toEqual([]);
    const reopened = await getFlag(store, `missing-${parent.id}-2026`);
    expect(reopened?.status).toBe('open');
    expect(reopened?.history.at(-1)?.note).toMatch(/withdrawn/);
  });

  it('runs a sweep an officer requested and records what it raised', { timeout: 60_000 }, async () => {
    const worker = complianceWorker(table, clock);
    const { app } = testApp(table.store, clock);
    const requested = await app.request('/api/v1/sweeps', {
      method: 'POST',
      headers: { ...(await authFor(officer)), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(requested.status).toBe(202);
    const location = requested.headers.get('location') ?? '';
    expect(await (await app.request(location, { headers: await authFor(officer) })).json()).toMatchObject({
      status: 'requested',
    });
    await worker.poller.drain();
    const run = await (await app.request(location, { headers: await authFor(officer) })).json();
    expect(run).toMatchObject({ status: 'done', trigger: 'officer', requestedBy: officer.email });
    expect(run.stats.organisations).toBeGreaterThan(0);
  });

  it('reads a flag raised before its findings were packed (a plain list)', async () => {
    const { store } = table;
    const flag = {
      id: 'weak-legacy-r1',
      type: 'weak' as const,
      status: 'open' as const,
      organisationId: '01JEGACY00000000000000000A',
      organisationName: 'Legacy Ltd',
      year: 2025,
      statementId: '01JEGACY00000000000000000B',
      revision: 1,
      sectors: [],
      findings: [{ rule: 'uk-area-training', status: 'fail', message: 'No training.' }],
      links: { organisation: '/organisations/01JEGACY00000000000000000A' },
      assignee: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      version: 1,
      history: [],
    };
    const { findingsPacked: _packed, ...plain } = flagItem(flag);
    await store.doc.send(
      new PutCommand({ TableName: store.tableName, Item: { ...plain, findings: flag.findings } }),
    );
    expect((await getFlag(store, flag.id))?.findings).toEqual(flag.findings);
  });
});
