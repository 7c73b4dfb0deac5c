import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { parseHTML } from 'linkedom';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementView } from '../../functions/app/public-views.ts';
import { meterEveryCall } from '../../functions/store/capacity.ts';
import { putCheckResult } from '../../functions/store/checks/put-check-result.ts';
import { keys } from '../../functions/store/keys.ts';
import { getCheckResult } from '../../functions/store/public/get-check-result.ts';
import { checkPageItem, getStatementPage } from '../../functions/store/statements/statement-page.ts';
import { type HeaderFields, writeStatement } from '../../functions/store/statements/write-statement.ts';
import type { CheckResult, Finding } from '../../schemas/check-result.ts';
import { RULE_IDS } from '../../schemas/check-result.ts';
import type { Revision } from '../../schemas/statement.ts';
import { testApp } from '../support/app.ts';
import { useTestTable } from '../support/table.ts';
import { documentFor, putOrganisation } from './fixtures.ts';

/**
 * Issue 15: the statement page reads the same few units whatever the statement's length and
 * revision count. A long pasted statement (about 60 KB) with five revisions and a check of 1,500
 * sentences, written by the store functions the submission side and the check reactor use.
 */
describe('the statement page’s reads', () => {
  const table = useTestTable();
  const REVISIONS = 5;
  const sentence = (i: number) =>
    `Sentence ${i + 1}: our suppliers in tier ${i % 4} are audited for forced labour indicators every year.`;
  const text = Array.from({ length: 600 }, (_, i) => sentence(i)).join(' ');
  let id = '';

  beforeAll(async () => {
    const organisation = await putOrganisation(table.store, { name: 'Longform Textiles plc' });
    id = ulid();
    for (let n = 1; n <= REVISIONS; n++) {
      const document = documentFor({ statementText: `${text} Revision ${n}.` });
      const revision: Revision = {
        statementId: id,
        organisationId: organisation.id,
        revision: n,
        status: 'submitted',
        document,
        organisation: { name: organisation.name, entityType: 'company', companyNumber: null },
        year: 2025,
        submittedAt: `2025-07-2${n}T09:00:00.000Z`,
        submittedBy: 'user-1',
      };
      const header: HeaderFields = {
        id,
        organisationId: organisation.id,
        organisationName: organisation.name,
        companyNumber: null,
        isGroup: false,
        groupMembers: [],
        year: 2025,
        periodStart: document.periodStart,
        periodEnd: document.periodEnd,
        sectors: document.sectors,
        turnover: document.turnover,
        status: 'submitted',
        revision: n,
        submittedAt: revision.submittedAt,
        updatedAt: revision.submittedAt,
        entityType: 'company',
        etag: String(n),
        draftVersion: 0,
        hasDraft: false,
        createdAt: '2025-07-21T09:00:00.000Z',
        createdBy: 'user-1',
      };
      await writeStatement(table.store, {
        header: n === 1 ? { create: header } : { update: header, expectedEtag: String(n - 1) },
        revision,
        audits: [],
      });
      const sentences = Array.from({ length: 1500 }, (_, i) => ({
        text: sentence(i),
        tags: i % 7 === 0 ? (['due_diligence'] as const).slice() : [],
      }));
      const findings: Finding[] = RULE_IDS.map((rule, r) => ({
        rule,
        severity: 'guidance',
        status: r % 3 === 0 ? 'warn' : 'pass',
        message: `What the checker found for ${rule}.`,
        evidence: [1, 2, 3].map((k) => ({ sentence: r * 3 + k, text: sentence(r * 3 + k - 1) })),
        confidence: 0.9,
      }));
      const result: CheckResult = {
        rulesVersion: '2026.3',
        summary: { rating: 'adequate', meetsLegalMinimum: true, areasCovered: 5 },
        findings,
        sentences,
      };
      await putCheckResult(table.store, {
        statementId: id,
        organisationId: organisation.id,
        revision: n,
        result,
        checkedAt: revision.submittedAt,
      });
    }
  });

  const render = async (path: string) => {
    const { app, errors } = testApp(table.store);
    const metering = meterEveryCall(table.store.client);
    try {
      const response = await app.request(path);
      const html = await response.text();
      expect(errors).toEqual([]);
      return { status: response.status, html, readUnits: metering.meter.readUnits, calls: metering.calls };
    } finally {
      metering.stop();
    }
  };
  const units: Record<string, number> = {};
  afterAll(() => {
    // The before/after figures of the README's Performance section.
    console.log('statement page read units', units);
  });

  it('reads at most 4 units for a long statement with five revisions, and still shows every finding with its evidence', async () => {
    const { status, html, readUnits } = await render(`/statements/${id}`);
    units.latest = readUnits;
    expect(status).toBe(200);
    expect(readUnits).toBeGreaterThan(0);
    expect(readUnits).toBeLessThanOrEqual(4);
    const document = parseHTML(html).document;
    for (const rule of RULE_IDS) expect(document.querySelector(`#finding-${rule}`)).not.toBeNull();
    const evidence = document.querySelector('#finding-uk-approval .register-evidence a');
    expect(evidence?.getAttribute('href')).toBe(`/statements/${id}/revisions/${REVISIONS}/text#sentence-9`);
    expect(document.querySelector('#finding-uk-approval')?.textContent).toContain(sentence(9));
    expect(html).toContain(`Revision ${REVISIONS}`);
    expect(html).toContain('Revision 1');
    expect(document.querySelectorAll('.register-sentence')).toHaveLength(0);
  });

  it('reads at most 4 units for an earlier revision too, with the whole history', async () => {
    const { status, html, readUnits } = await render(`/statements/${id}/revisions/2`);
    units.earlier = readUnits;
    expect(status).toBe(200);
    expect(readUnits).toBeLessThanOrEqual(4);
    expect(html).toContain('This is revision 2, not the latest.');
    expect(html).toContain(`/statements/${id}/revisions/${REVISIONS}"`);
  });

  it('reads far more the old way (every revision’s text and the whole check), which the text page still does on demand', async () => {
    const metering = meterEveryCall(table.store.client);
    await statementView({ store: table.store }, id);
    metering.stop();
    units.before = metering.meter.readUnits;
    expect(metering.meter.readUnits).toBeGreaterThan(20);

    const { status, html } = await render(`/statements/${id}/revisions/${REVISIONS}/text`);
    expect(status).toBe(200);
    const document = parseHTML(html).document;
    expect(document.querySelectorAll('.register-sentence')).toHaveLength(1500);
    expect(document.querySelector('#sentence-9 mark')?.textContent).toBe(sentence(9));
  });

  it('stores the check result and its page deflated, and reads both as stored plain before', async () => {
    const raw = async (key: { pk: string; sk: string }) =>
      (await table.store.doc.send(new GetCommand({ TableName: table.store.tableName, Key: key }))).Item;
    const packed = await raw(keys.checkResult(id, REVISIONS));
    expect(packed?.result).toBeUndefined();
    expect(packed?.resultPacked).toBeInstanceOf(Uint8Array);
    const page = await raw(keys.checkPage(id, REVISIONS));
    expect(page?.findings).toBeUndefined();
    const stored = await getCheckResult(table.store, id, REVISIONS);
    expect(stored?.sentences).toHaveLength(1500);
    expect(stored?.findings).toHaveLength(RULE_IDS.length);
    expect((await getStatementPage(table.store, id, REVISIONS)).check?.findings).toEqual(stored?.findings);

    // Items written before packing: the result under `result`, the page's findings as a list.
    const legacy = ulid();
    const result: CheckResult = { ...stored!, sentences: stored!.sentences.slice(0, 3) };
    await table.store.doc.send(
      new PutCommand({
        TableName: table.store.tableName,
        Item: { ...keys.checkResult(legacy, 1), entity: 'checkResult', revision: 1, result },
      }),
    );
    const { findingsPacked: _packed, ...plainPage } = checkPageItem(legacy, 1, result);
    await table.store.doc.send(
      new PutCommand({
        TableName: table.store.tableName,
        Item: { ...plainPage, findings: result.findings },
      }),
    );
    expect(await getCheckResult(table.store, legacy, 1)).toEqual(result);
    expect((await getStatementPage(table.store, legacy, 1)).check).toEqual({
      rulesVersion: result.rulesVersion,
      summary: result.summary,
      findings: result.findings,
      sentenceCount: 3,
    });
  });
});
