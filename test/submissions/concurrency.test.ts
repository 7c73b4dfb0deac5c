import { describe, expect, it } from 'vitest';
import { getStatement } from '../../functions/store/statements/get-statement.ts';
import { listRevisions } from '../../functions/store/statements/list-revisions.ts';
import { listStatementsOfOrganisation } from '../../functions/store/statements/list-statements-of-organisation.ts';
import { authFor, testApp } from '../support/app.ts';
import { enrolledOrganisation, json, validDocument } from '../support/submissions.ts';
import { useTestTable } from '../support/table.ts';

describe('concurrent changes on DynamoDB Local', () => {
  const table = useTestTable();
  const { app } = testApp(table.store);
  const email = 'race@concurrency.example';

  async function statement(submit: boolean) {
    const org = await enrolledOrganisation(app, email);
    const response = await json(
      app,
      'POST',
      `/api/v1/organisations/${org.id}/statements`,
      { ...validDocument(), submit },
      await authFor({ email }),
    );
    return { org, ...((await response.json()) as { id: string; etag: string }) };
  }

  it.each([1, 2, 3])(
    'two updates of a submitted statement with the same If-Match: exactly one succeeds, one gets 409 (round %i)',
    async () => {
      const { id } = await statement(true);
      const auth = { ...(await authFor({ email })), 'if-match': '1' };
      const responses = await Promise.all([
        json(app, 'PUT', `/api/v1/statements/${id}`, validDocument({ turnover: 'Not provided' }), auth),
        json(app, 'PUT', `/api/v1/statements/${id}`, validDocument({ turnover: 'Over £500 million' }), auth),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = responses.find((r) => r.status === 200);
      const turnover = (winner === responses[0] ? 'Not provided' : 'Over £500 million') as string;
      const revisions = await listRevisions(table.store, id);
      expect(revisions.map((r) => [r.revision, r.document.turnover])).toEqual([
        [1, '£60 million to £100 million'],
        [2, turnover],
      ]);
      expect(await getStatement(table.store, id)).toMatchObject({ revision: 2, etag: '2', turnover });
    },
  );

  it('two edits of a draft with the same If-Match: exactly one succeeds, one gets 409', async () => {
    const { id } = await statement(false);
    const auth = { ...(await authFor({ email })), 'if-match': '0' };
    const responses = await Promise.all([
      json(app, 'PUT', `/api/v1/statements/${id}`, validDocument({ turnover: 'Not provided' }), auth),
      json(app, 'PUT', `/api/v1/statements/${id}`, validDocument({ turnover: 'Over £500 million' }), auth),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await getStatement(table.store, id)).toMatchObject({ status: 'draft', etag: '0.1' });
  });

  it('two statements for the same organisation and year at once: one is created, one gets 409', async () => {
    const org = await enrolledOrganisation(app, email);
    const auth = await authFor({ email });
    const responses = await Promise.all(
      [1, 2].map(() =>
        json(
          app,
          'POST',
          `/api/v1/organisations/${org.id}/statements`,
          { ...validDocument(), submit: true },
          auth,
        ),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await listStatementsOfOrganisation(table.store, org.id)).toHaveLength(1);
  });

  it('two retries with one Idempotency-Key at once make one statement and the same answer', async () => {
    const org = await enrolledOrganisation(app, email);
    const headers = { ...(await authFor({ email })), 'idempotency-key': 'same-key' };
    const body = { ...validDocument(), submit: true };
    const responses = await Promise.all(
      [1, 2].map(() => json(app, 'POST', `/api/v1/organisations/${org.id}/statements`, body, headers)),
    );
    const statuses = responses.map((r) => r.status);
    // The loser of the race replays the winner's answer (201) or, if it lost inside DynamoDB's
    // transaction conflict window, is told to retry (409); it never makes a second statement.
    expect(statuses).toContain(201);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const ids = new Set(
      await Promise.all(
        responses.filter((r) => r.status === 201).map(async (r) => ((await r.json()) as { id: string }).id),
      ),
    );
    expect(ids.size).toBe(1);
    expect(await listStatementsOfOrganisation(table.store, org.id)).toHaveLength(1);
  });
});
