import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { statementView } from '../functions/app/public-views.ts';
import { meterEveryCall } from '../functions/store/capacity.ts';
import { putCheckResult } from '../functions/store/checks/put-check-result.ts';
import { keys } from '../functions/store/keys.ts';
import { type HeaderFields, writeStatement } from '../functions/store/statements/write-statement.ts';
import type { Store } from '../functions/store/store.ts';
import { type CheckResult, type Finding, RULE_IDS } from '../schemas/check-result.ts';
import type { Revision } from '../schemas/statement.ts';
import type { StoredDocument } from '../schemas/submission.ts';
import { testApp } from '../test/support/app.ts';

/**
 * The statement page on a seeded register (called by bench/run.ts): an ordinary statement (one
 * revision, 60 sentences) and a long one (8 revisions of a 60 KB pasted text, 1,500 sentences),
 * written by the store functions the submission side and the check reactor use. For each: the
 * read units of the page (every call metered, ReturnConsumedCapacity) and of the older way of
 * reading it (every revision and the whole check result: statementView, which the API and the
 * text page still use), the page's render time through the app (p50/p95 of 20) and its size.
 */

export interface StatementPageFigures {
  kind: 'ordinary' | 'long';
  revisions: number;
  sentences: number;
  readUnits: number;
  readUnitsBefore: number;
  p50: number;
  p95: number;
  kilobytes: number;
}

const sentence = (i: number) =>
  `Sentence ${i + 1}: our suppliers in tier ${i % 4} are audited for forced labour indicators every year.`;

function document(textSentences: number, n: number): StoredDocument {
  return {
    jurisdiction: 'UK',
    isGroup: false,
    groupMembers: [],
    statementUrl: null,
    contactEmail: null,
    homepageUrl: 'https://bench.example/',
    periodStart: '2024-04-01',
    periodEnd: '2025-03-31',
    approvedBy: 'board',
    approvalDate: '2025-07-15',
    signatory: { firstName: 'Ann', lastName: 'Smith', jobTitle: 'Director', role: 'director' },
    areas: {
      structure: { covered: true },
      policies: { covered: true },
      riskAssessment: { covered: true },
      dueDiligence: { covered: true },
      training: { covered: true },
      kpis: { covered: false, reason: 'Not yet measured' },
    },
    sectors: ['Food and beverages, agriculture and fishing'],
    turnover: 'Over £500 million',
    yearsProducing: '1 to 5 years',
    summary: {
      policies: ['Prohibits child labour'],
      training: ['Procurement staff'],
      progress: `Revision ${n}.`,
    },
    statementText: Array.from({ length: textSentences }, (_, i) => sentence(i)).join(' '),
  };
}

async function writeBenchStatement(store: Store, id: string, revisions: number, sentences: number) {
  const organisationId = `0D${id.slice(2)}`;
  for (let n = 1; n <= revisions; n++) {
    const doc = document(Math.min(sentences, 600), n);
    const submittedAt = new Date(Date.UTC(2025, 6, 20 + n, 9)).toISOString();
    const revision: Revision = {
      statementId: id,
      organisationId,
      revision: n,
      status: 'submitted',
      document: doc,
      organisation: { name: 'Benchmark Textiles plc', entityType: 'company', companyNumber: null },
      year: 2025,
      submittedAt,
      submittedBy: 'bench',
    };
    const header: HeaderFields = {
      id,
      organisationId,
      organisationName: 'Benchmark Textiles plc',
      companyNumber: null,
      isGroup: false,
      groupMembers: [],
      year: 2025,
      periodStart: doc.periodStart,
      periodEnd: doc.periodEnd,
      sectors: doc.sectors,
      turnover: doc.turnover,
      status: 'submitted',
      revision: n,
      submittedAt,
      updatedAt: submittedAt,
      entityType: 'company',
      etag: String(n),
      draftVersion: 0,
      hasDraft: false,
      createdAt: submittedAt,
      createdBy: 'bench',
    };
    await writeStatement(store, {
      header: n === 1 ? { create: header } : { update: header, expectedEtag: String(n - 1) },
      revision,
      audits: [],
    });
    const findings: Finding[] = RULE_IDS.map((rule, r) => ({
      rule,
      severity: 'guidance',
      status: r % 3 === 0 ? 'warn' : 'pass',
      message: `What the checker found for ${rule}.`,
      evidence: [1, 2, 3].map((k) => ({
        sentence: ((r * 3 + k) % sentences) + 1,
        text: sentence((r * 3 + k) % sentences),
      })),
      confidence: 0.9,
    }));
    const result: CheckResult = {
      rulesVersion: '2026.3',
      summary: { rating: 'adequate', meetsLegalMinimum: true, areasCovered: 5 },
      findings,
      sentences: Array.from({ length: sentences }, (_, i) => ({
        text: sentence(i),
        tags: i % 7 ? [] : ['risk'],
      })),
    };
    await putCheckResult(store, {
      statementId: id,
      organisationId,
      revision: n,
      result,
      checkedAt: submittedAt,
    });
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

export async function benchStatementPage(store: Store): Promise<StatementPageFigures[]> {
  const cases = [
    { kind: 'ordinary' as const, id: '0SBENCHXRDNARY000000000000', revisions: 1, sentences: 60 },
    { kind: 'long' as const, id: '0SBENCHXNG0000000000000000', revisions: 8, sentences: 1500 },
  ];
  const { app } = testApp(store, () => new Date());
  const figures: StatementPageFigures[] = [];
  for (const c of cases) {
    // A table kept between runs (BENCH_DYNAMO_ENDPOINT) already holds them: same ids, same content.
    const { Item } = await store.doc.send(
      new GetCommand({ TableName: store.tableName, Key: keys.statement(c.id) }),
    );
    if (!Item) await writeBenchStatement(store, c.id, c.revisions, c.sentences);
    const before = meterEveryCall(store.client);
    await statementView({ store }, c.id);
    before.stop();
    const ms: number[] = [];
    let readUnits = 0;
    let bytes = 0;
    for (let i = 0; i < 22; i++) {
      const metering = meterEveryCall(store.client);
      const started = performance.now();
      const response = await app.request(`/statements/${c.id}`);
      const html = await response.text();
      const elapsed = performance.now() - started;
      metering.stop();
      if (response.status !== 200) throw new Error(`statement page answered ${response.status}`);
      if (i < 2) continue; // warm-up
      ms.push(elapsed);
      readUnits = Math.max(readUnits, metering.meter.readUnits);
      bytes = Buffer.byteLength(html);
    }
    figures.push({
      kind: c.kind,
      revisions: c.revisions,
      sentences: c.sentences,
      readUnits,
      readUnitsBefore: before.meter.readUnits,
      p50: percentile(ms, 50),
      p95: percentile(ms, 95),
      kilobytes: bytes / 1024,
    });
  }
  return figures;
}
