import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULES_VERSION } from '../../functions/checker/check.ts';
import { flagIds } from '../../functions/domain/compliance/flag-ids.ts';
import { checkerFlag } from '../../functions/domain/compliance/flags.ts';
import { reviewRequestFlag } from '../../functions/domain/reviews/reviews.ts';
import { listAuditEvents } from '../../functions/store/audit/list-audit-events.ts';
import { backfillUncertainQueue } from '../../functions/store/flags/backfill-uncertain-queue.ts';
import { flagItem } from '../../functions/store/flags/flag-items.ts';
import { getFlag } from '../../functions/store/flags/get-flag.ts';
import { listFlags } from '../../functions/store/flags/list-flags.ts';
import { raise } from '../../functions/store/flags/raise-flag.ts';
import { updateFlag } from '../../functions/store/flags/update-flag.ts';
import { keys } from '../../functions/store/keys.ts';
import { raiseReviewRequest } from '../../functions/store/reviews/review-requests.ts';
import { flagPageSchema, flagSchema } from '../../schemas/flag.ts';
import { statementViewSchema } from '../../schemas/public-statement.ts';
import { putCheckResult, putOrganisation, putStatement, type SeededStatement } from '../public/fixtures.ts';
import { authFor, testApp, userIdFor } from '../support/app.ts';
import { useTestTable } from '../support/table.ts';
import { seedMembership, weakResult } from './fixtures.ts';

const officer = { email: 'olive@officers.example', officer: true };
const member = { email: 'sam@acme.example' };
const stranger = { email: 'someone@else.example' };
type Who = { email: string; officer?: boolean } | undefined;

describe('reviews of automated findings', () => {
  const table = useTestTable();
  const statements: SeededStatement[] = [];

  async function call(
    method: string,
    path: string,
    who: Who,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const { app, errors } = testApp(table.store);
    const response = await app.request(path, {
      method,
      redirect: 'manual',
      headers: {
        ...(who ? await authFor(who) : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(errors).toEqual([]);
    return response;
  }

  /** A submitted statement of Acme's, checked and rated weak, for which `member` is enrolled. */
  async function weakStatement() {
    const organisation = await putOrganisation(table.store, { name: `Acme ${statements.length} Ltd` });
    await seedMembership(table.store, member.email, organisation);
    const seeded = await putCheckResult(
      table.store,
      await putStatement(table.store, { organisation }),
      weakResult(),
    );
    statements.push(seeded);
    return seeded.header.id;
  }

  const findingPath = (id: string, rule = 'uk-area-risk') => `/api/v1/statements/${id}/findings/${rule}`;
  const reviewPath = (id: string, rule = 'uk-area-risk') => `${findingPath(id, rule)}/reviews`;

  /** The finding's current etag, as anyone reads it. */
  async function etagOf(id: string, rule = 'uk-area-risk') {
    const response = await call('GET', findingPath(id, rule), undefined);
    expect(response.status).toBe(200);
    return response.headers.get('etag')!;
  }

  /** A review or review request sent with the etag just read (`path` ends …/findings/{rule}/…). */
  async function post(path: string, who: Who, body: unknown, headers: Record<string, string> = {}) {
    const finding = await call('GET', path.replace(/\/[^/]+$/, ''), undefined);
    // An unknown statement or rule has no etag: any will do, the answer is 404 or 422.
    const ifMatch = finding.headers.get('etag') ?? '"1.0"';
    return call('POST', path, who, body, { 'if-match': ifMatch, ...headers });
  }
  const requestPath = (id: string, rule = 'uk-area-risk') =>
    `/api/v1/statements/${id}/findings/${rule}/review-requests`;
  const overturn = { decision: 'overturn', status: 'pass', reason: 'Section 4 names the risks by country.' };

  let matrixId = '';
  beforeAll(async () => {
    matrixId = await weakStatement();
  });

  describe('who may do what (anonymous 401, others 403)', () => {
    const people: Record<string, Who> = { anonymous: undefined, member, stranger, officer };
    const confirm = { decision: 'confirm', reason: 'Agreed' };
    const ask = { reason: 'See section 5' };
    it.each([
      ['review a finding', 'anonymous', 401],
      ['review a finding', 'member', 403],
      ['review a finding', 'officer', 201],
      ['ask for a review', 'anonymous', 401],
      ['ask for a review', 'stranger', 403],
      ['ask for a review', 'officer', 403],
      ['ask for a review', 'member', 201],
    ] as const)('%s as %s answers %i', async (what, who, status) => {
      const response =
        what === 'review a finding'
          ? await post(reviewPath(matrixId), people[who], confirm)
          : await post(requestPath(matrixId, 'uk-area-training'), people[who], ask);
      expect(response.status).toBe(status);
      if (status >= 400) expect(response.headers.get('content-type')).toBe('application/problem+json');
    });

    it.each([
      ['/officers/statements/{id}/findings', 'anonymous', 303],
      ['/officers/statements/{id}/findings', 'member', 403],
      ['/officers/statements/{id}/findings', 'officer', 200],
      ['/statements/{id}/findings/uk-area-risk/review-request', 'anonymous', 303],
      ['/statements/{id}/findings/uk-area-risk/review-request', 'member', 200],
      ['/statements/{id}/findings/uk-area-risk/review-request', 'stranger', 403],
    ] as const)('the page %s answers %s with %i', async (path, who, status) => {
      const response = await call('GET', path.replace('{id}', matrixId), people[who]);
      expect(response.status).toBe(status);
    });
  });

  it('publishes an overturned finding and the recomputed rating, marked as the register’s review', async () => {
    const id = await weakStatement();
    const before = statementViewSchema.parse(
      await (await call('GET', `/api/v1/statements/${id}`, undefined)).json(),
    );
    expect(before.statement.check?.rating).toBe('weak');

    const seeded = statements.at(-1)!.header;
    const statement = { ...seeded, revision: 1 };
    await raise(table.store, {
      flag: checkerFlag('weak', statement, [], '2026-11-28T00:00:00.000Z'),
    });
    const response = await post(reviewPath(id), officer, overturn);
    expect(response.status).toBe(201);
    const weak = await getFlag(table.store, flagIds.weak(id, 1));
    expect(weak?.status).toBe('resolved');
    expect(weak?.history.at(-1)?.note).toBe(
      'Reviewed by the register (uk-area-risk: overturned to pass); the revision is now rated adequate.',
    );
    expect(await response.json()).toMatchObject({
      finding: {
        rule: 'uk-area-risk',
        status: 'pass',
        review: { decision: 'overturn', automatedStatus: 'fail' },
      },
      summary: { rating: 'adequate', areasCovered: 3 },
    });

    const body = await (await call('GET', `/api/v1/statements/${id}`, undefined)).text();
    expect(body).not.toContain(officer.email);
    const view = statementViewSchema.parse(JSON.parse(body));
    expect(view.statement.check).toEqual({ meetsLegalMinimum: true, areasCovered: 3, rating: 'adequate' });
    expect(view.checkResult?.summary.rating).toBe('adequate');
    expect(view.checkResult?.findings.find((f) => f.rule === 'uk-area-risk')).toMatchObject({
      status: 'pass',
      confidence: 0.55,
      review: {
        decision: 'overturn',
        status: 'pass',
        automatedStatus: 'fail',
        reason: overturn.reason,
        by: 'register',
        reviewedAt: '2026-11-29T12:00:00.000Z',
      },
    });

    const page = await (await call('GET', `/statements/${id}`, undefined)).text();
    expect(page).toContain('Reviewed by the register');
    expect(page).toContain(overturn.reason);
    expect(page).toContain('changed from Fail (automated check, low confidence (0.55)) to Pass');
    expect(page).toContain('Automated check, high confidence (0.97)');
    expect(page).toContain('Unclear');
    expect(page).not.toContain(officer.email);

    const audit = await listAuditEvents(table.store, { entity: `statement/${id}`, limit: 10 });
    expect(audit.items).toEqual([
      expect.objectContaining({
        action: 'statement.finding_reviewed',
        actor: { id: userIdFor(officer.email), email: officer.email },
        at: '2026-11-29T12:00:00.000Z',
        detail: expect.objectContaining({
          rule: 'uk-area-risk',
          reason: overturn.reason,
          automated: {
            status: 'fail',
            message: 'Risk assessment is not addressed in the text.',
            confidence: 0.55,
            certainty: 'confident',
          },
          reviewed: expect.objectContaining({ status: 'pass' }),
          summaryBefore: expect.objectContaining({ rating: 'weak' }),
          summaryAfter: expect.objectContaining({ rating: 'adequate' }),
        }),
      }),
    ]);
  });

  it.each([
    ['no reason', { decision: 'overturn', status: 'pass' }, '/reason'],
    ['an empty reason', { decision: 'confirm', reason: '  ' }, '/reason'],
    ['an overturn without a status', { decision: 'overturn', reason: 'x' }, '/status'],
    ['an overturn to the same status', { decision: 'overturn', status: 'fail', reason: 'x' }, '/status'],
    ['an unknown decision', { decision: 'maybe', reason: 'x' }, '/decision'],
  ])('refuses a review with %s (422 naming the field)', async (_name, body, path) => {
    const response = await post(reviewPath(matrixId, 'uk-area-effectiveness'), officer, body);
    expect(response.status).toBe(422);
    expect((await response.json()).errors).toEqual([expect.objectContaining({ path })]);
  });

  it('answers 404 for an unknown statement and 422 for an unknown rule', async () => {
    expect((await post(reviewPath('01JDQ8Z4V6W4Y0B3C9E7K2M5N8'), officer, overturn)).status).toBe(404);
    expect((await post(reviewPath(matrixId, 'uk-made-up'), officer, overturn)).status).toBe(422);
  });

  it('opens one review request per finding, refuses a second while it is open, and closes it with the review', async () => {
    const id = await weakStatement();
    const first = await post(requestPath(id), member, {
      reason: 'Section 4 is our risk assessment.',
    });
    expect(first.status).toBe(201);
    const flag = flagSchema.parse(await first.json());
    expect(flag).toMatchObject({
      type: 'review_request',
      status: 'open',
      statementId: id,
      rule: 'uk-area-risk',
      details: 'Section 4 is our risk assessment.',
      confidence: 0.55,
    });
    const again = await post(requestPath(id), member, { reason: 'Please look again.' });
    expect(again.status).toBe(409);
    expect((await again.json()).detail).toMatch(/already been asked for/);

    const queue = flagPageSchema.parse(
      await (await call('GET', '/api/v1/flags?type=review_request&status=open', officer)).json(),
    );
    expect(queue.items.map((f) => f.id)).toContain(flag.id);

    expect((await post(reviewPath(id), officer, overturn)).status).toBe(201);
    const closed = flagSchema.parse(await (await call('GET', `/api/v1/flags/${flag.id}`, officer)).json());
    expect(closed.status).toBe('resolved');
    expect(closed.history.at(-1)).toMatchObject({
      by: officer.email,
      note: `Overturned to pass: ${overturn.reason}`,
    });

    expect((await post(requestPath(id), member, { reason: 'Now about the new result.' })).status).toBe(201);
    const audit = await listAuditEvents(table.store, { entity: `statement/${id}`, limit: 10 });
    expect(audit.items.map((e) => e.action)).toEqual([
      'statement.review_requested',
      'statement.finding_reviewed',
      'statement.review_requested',
    ]);
  });

  describe('concurrency: a review or request carries the finding’s version', () => {
    it('answers 428 problem details without If-Match', async () => {
      const id = await weakStatement();
      for (const [path, who, body] of [
        [reviewPath(id), officer, overturn],
        [requestPath(id), member, { reason: 'See section 4.' }],
      ] as const) {
        const response = await call('POST', path, who, body);
        expect(response.status).toBe(428);
        expect(response.headers.get('content-type')).toBe('application/problem+json');
      }
    });

    it('returns 409 to a decision read before a recheck under new rules, and takes it on the new version', async () => {
      const id = await weakStatement();
      const read = await etagOf(id);
      await putCheckResult(table.store, statements.at(-1)!, { ...weakResult(), rulesVersion: '2099.1' });
      const confirm = { decision: 'confirm', reason: 'Agreed with the checker.' };
      const stale = await call('POST', reviewPath(id), officer, confirm, { 'if-match': read });
      expect(stale.status).toBe(409);
      expect(stale.headers.get('content-type')).toBe('application/problem+json');
      const now = await etagOf(id);
      expect(now).toBe('"1.0@2099.1"');
      expect((await call('POST', reviewPath(id), officer, confirm, { 'if-match': now })).status).toBe(201);
    });

    it('lets one of two officers overturning the same finding at once win; the other gets 409', async () => {
      const id = await weakStatement();
      const etag = await etagOf(id);
      expect(etag).toBe(`"1.0@${RULES_VERSION}"`);
      const responses = await Promise.all([
        call('POST', reviewPath(id), officer, overturn, { 'if-match': etag }),
        call(
          'POST',
          reviewPath(id),
          { email: 'oscar@officers.example', officer: true },
          {
            decision: 'overturn',
            status: 'warn',
            reason: 'Section 4 is thin.',
          },
          { 'if-match': etag },
        ),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
      const loser = responses.find((r) => r.status === 409)!;
      expect(loser.headers.get('content-type')).toBe('application/problem+json');
      expect((await loser.json()).detail).toMatch(/read it again/);
      const winner = await responses.find((r) => r.status === 201)!.json();
      expect(await etagOf(id)).toBe(`"1.1@${RULES_VERSION}"`);
      expect(winner.etag).toBe(`1.1@${RULES_VERSION}`);
      const finding = await (await call('GET', findingPath(id), undefined)).json();
      expect(finding.finding.status).toBe(winner.finding.status);
      expect(finding.finding.review.version).toBe(1);
      const audit = await listAuditEvents(table.store, { entity: `statement/${id}`, limit: 10 });
      expect(audit.items.map((e) => e.action)).toEqual(['statement.finding_reviewed']);
    });

    it('refuses a review made on a stale version with 409, and takes one on the current version', async () => {
      const id = await weakStatement();
      const stale = await etagOf(id);
      expect((await call('POST', reviewPath(id), officer, overturn, { 'if-match': stale })).status).toBe(201);
      const late = await call(
        'POST',
        reviewPath(id),
        officer,
        { decision: 'confirm', reason: 'Agreed' },
        {
          'if-match': stale,
        },
      );
      expect(late.status).toBe(409);
      expect((await late.json()).detail).toContain(`"1.1@${RULES_VERSION}"`);
      const again = await call(
        'POST',
        reviewPath(id),
        officer,
        { decision: 'confirm', reason: 'Agreed' },
        {
          'if-match': await etagOf(id),
        },
      );
      expect(again.status).toBe(201);
      expect(again.headers.get('etag')).toBe(`"1.2@${RULES_VERSION}"`);
    });

    it('answers a retry with the same Idempotency-Key with the first answer, writing once', async () => {
      const id = await weakStatement();
      const headers = { 'if-match': await etagOf(id), 'idempotency-key': `review-${id}` };
      const first = await call('POST', reviewPath(id), officer, overturn, headers);
      expect(first.status).toBe(201);
      const firstBody = await first.text();
      const [retry, concurrent] = await Promise.all([
        call('POST', reviewPath(id), officer, overturn, headers),
        call('POST', reviewPath(id), officer, overturn, headers),
      ]);
      for (const response of [retry, concurrent]) {
        expect(response.status).toBe(201);
        expect(response.headers.get('idempotent-replayed')).toBe('true');
        expect(await response.text()).toBe(firstBody);
      }
      const other = await call('POST', reviewPath(id), officer, { ...overturn, status: 'warn' }, headers);
      expect(other.status).toBe(409);
      expect(await etagOf(id)).toBe(`"1.1@${RULES_VERSION}"`);
      const audit = await listAuditEvents(table.store, { entity: `statement/${id}`, limit: 10 });
      expect(audit.items).toHaveLength(1);
    });

    it('refuses a business’s review request made on a version an officer has since reviewed (409)', async () => {
      const id = await weakStatement();
      const seen = await etagOf(id);
      expect((await call('POST', reviewPath(id), officer, overturn, { 'if-match': seen })).status).toBe(201);
      const stale = await call(
        'POST',
        requestPath(id),
        member,
        { reason: 'Section 4.' },
        { 'if-match': seen },
      );
      expect(stale.status).toBe(409);
      expect((await stale.json()).detail).toMatch(/changed since you read it/);
      const headers = { 'if-match': await etagOf(id), 'idempotency-key': `ask-${id}` };
      const asked = await call('POST', requestPath(id), member, { reason: 'Section 4.' }, headers);
      expect(asked.status).toBe(201);
      const retried = await call('POST', requestPath(id), member, { reason: 'Section 4.' }, headers);
      expect(retried.status).toBe(201);
      expect((await retried.json()).id).toBe((await asked.json()).id);
      const open = flagPageSchema.parse(
        await (await call('GET', '/api/v1/flags?type=review_request&status=open', officer)).json(),
      );
      expect(open.items.filter((f) => f.statementId === id)).toHaveLength(1);
    });

    it('refuses, in the store, a review request whose version an officer’s review passed meanwhile (409)', async () => {
      const id = await weakStatement();
      const seen = await etagOf(id);
      expect((await call('POST', reviewPath(id), officer, overturn, { 'if-match': seen })).status).toBe(201);
      // As if the request had read the finding just before the review was written.
      const header = statements.at(-1)!.header;
      const flag = reviewRequestFlag(
        ulid(),
        { ...header, revision: 1 },
        weakResult().findings[5]!,
        'x',
        member.email,
        '2026-11-29T12:00:00.000Z',
      );
      const raising = raiseReviewRequest(table.store, {
        flag,
        rule: 'uk-area-risk',
        revision: 1,
        previousFlagId: undefined,
        reviewVersion: 0,
        audit: {
          id: ulid(),
          entity: `statement/${id}`,
          action: 'statement.review_requested',
          at: flag.createdAt,
          actor: { id: 'u', email: member.email },
        },
      });
      await expect(raising).rejects.toMatchObject({
        kind: 'conflict',
        message: expect.stringMatching(/reviewed this finding/),
      });
      expect(await getFlag(table.store, flag.id)).toBeUndefined();
    });
  });

  it('describes both routes, the finding’s review and the queue order in the OpenAPI document', async () => {
    const doc = (await (await call('GET', '/api/v1/openapi.json', undefined)).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths['/api/v1/statements/{id}/findings/{rule}/reviews'] ?? {})).toEqual(['post']);
    expect(Object.keys(doc.paths['/api/v1/statements/{id}/findings/{rule}/review-requests'] ?? {})).toEqual([
      'post',
    ]);
    expect(doc.components.schemas).toHaveProperty('FindingReview');
    expect(JSON.stringify(doc.paths['/api/v1/flags'])).toContain('uncertain');
  });

  it('lists checker flags least sure first, also after a flag changes status', async () => {
    const statement = {
      id: '',
      organisationId: '',
      organisationName: 'Queue Ltd',
      year: 2026,
      revision: 1,
      sectors: [],
    };
    const confidences = [0.9, 0.3, 0.6];
    for (const [i, confidence] of confidences.entries()) {
      const organisation = await putOrganisation(table.store, { name: `Queue ${i} Ltd` });
      await raise(table.store, {
        flag: checkerFlag(
          'weak',
          { ...statement, id: organisation.id, organisationId: organisation.id },
          [{ rule: 'uk-area-risk', status: 'fail', message: 'Not addressed', confidence }],
          `2026-11-0${i + 1}T00:00:00.000Z`,
        ),
      });
    }
    const list = async (status: 'open' | 'contacted') =>
      (
        await listFlags(
          table.store,
          { statuses: [status], types: ['weak'] },
          { order: 'uncertain', limit: 2 },
        )
      ).items;
    const firstPage = await list('open');
    expect(firstPage.map((f) => f.confidence)).toEqual([0.3, 0.6]);
    const viaApi = flagPageSchema.parse(
      await (await call('GET', '/api/v1/flags?type=weak&status=open&order=uncertain', officer)).json(),
    );
    expect(viaApi.items.map((f) => f.confidence)).toEqual([0.3, 0.6, 0.9]);

    const least = firstPage[0]!;
    await updateFlag(table.store, least, least.version, {
      status: 'contacted',
      assignee: null,
      entry: {
        at: '2026-11-29T12:00:00.000Z',
        by: officer.email,
        action: 'status',
        to: 'contacted',
        note: 'Called',
      },
    });
    expect((await list('open')).map((f) => f.confidence)).toEqual([0.6, 0.9]);
    expect((await list('contacted')).map((f) => f.id)).toEqual([least.id]);
  });
  it('gives flags stored before the uncertain queue their entry once (the daily migration)', async () => {
    const old = async (name: string, confidence: number, withQueuePk: boolean) => {
      const organisation = await putOrganisation(table.store, { name });
      const flag = checkerFlag(
        'legal_minimum',
        {
          id: organisation.id,
          organisationId: organisation.id,
          organisationName: name,
          year: 2026,
          revision: 1,
          sectors: [],
        },
        [{ rule: 'uk-approval', status: 'fail', message: 'Not approved', confidence }],
        '2026-10-01T00:00:00.000Z',
      );
      // As stored before gsi1 existed; a status change since then set gsi1pk but never gsi1sk.
      const { gsi1pk, gsi1sk: _, ...item } = flagItem(flag);
      await table.store.doc.send(
        new PutCommand({ TableName: table.store.tableName, Item: withQueuePk ? { ...item, gsi1pk } : item }),
      );
      return flag;
    };
    const flags = [await old('Old Sure Ltd', 0.8, false), await old('Old Unsure Ltd', 0.2, true)];
    const uncertain = async () =>
      (
        await listFlags(
          table.store,
          { statuses: ['open'], types: ['legal_minimum'] },
          { order: 'uncertain', limit: 10 },
        )
      ).items;
    expect(await uncertain()).toEqual([]);

    expect((await backfillUncertainQueue(table.store, 1)).added).toBe(2);
    expect((await uncertain()).map((f) => f.id)).toEqual([flags[1]!.id, flags[0]!.id]);
    const stored = async () =>
      Promise.all(
        flags.map(
          async (f) =>
            (
              await table.store.doc.send(
                new GetCommand({ TableName: table.store.tableName, Key: keys.flag(f.id) }),
              )
            ).Item,
        ),
      );
    const before = await stored();
    expect((await backfillUncertainQueue(table.store)).added).toBe(0);
    expect(await stored()).toEqual(before);
  });
});
