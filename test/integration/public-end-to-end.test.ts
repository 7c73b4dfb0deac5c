import { describe, expect, it } from 'vitest';
import { createMemoryArchive } from '../../functions/domain/archive.ts';
import { createStreamPoller } from '../../functions/local/stream-poller.ts';
import { createIndexStatementReactor } from '../../functions/worker/index-statement.ts';
import { processChanges } from '../../functions/worker/process-changes.ts';
import { statementViewSchema } from '../../schemas/public-statement.ts';
import { searchPageSchema } from '../../schemas/search.ts';
import { authFor, testApp } from '../support/app.ts';
import { enrolledOrganisation, json, validDocument } from '../support/submissions.ts';
import { testRegion, useTestTable } from '../support/table.ts';

describe('a statement through the submission API into the public register', () => {
  const table = useTestTable();
  const { app } = testApp(table.store);
  const stream = () =>
    createStreamPoller({
      client: table.store.client,
      endpoint: table.endpoint,
      region: testRegion,
      tableName: table.store.tableName,
      handle: async (changes) =>
        (
          await processChanges(
            changes,
            [
              createIndexStatementReactor({
                store: table.store,
                clock: () => new Date('2026-11-29T12:00:00.000Z'),
                log: () => {},
                archive: createMemoryArchive(),
              }),
            ],
            (_change, error) => {
              throw error;
            },
          )
        ).firstFailure,
      onError: (error) => {
        throw error;
      },
    });
  const search = async (query: string) =>
    searchPageSchema.parse(await (await app.request(`/api/v1/statements?${query}`)).json()).items;

  it('is found once submitted, shows its new revision, and leaves search and downloads when withdrawn', async () => {
    const poller = stream();
    const email = 'clara@endtoend.example';
    const org = await enrolledOrganisation(app, email, {
      name: 'Endtoend Lanterns plc',
      companyNumber: '09876543',
    });
    const auth = await authFor({ email });
    const created = await json(
      app,
      'POST',
      `/api/v1/organisations/${org.id}/statements`,
      {
        ...validDocument({
          isGroup: true,
          groupMembers: [{ name: 'Glimmer Wicks Ltd', companyNumber: '09876544' }],
        }),
        submit: true,
      },
      auth,
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await poller.drain();

    expect((await search('q=endtoend%20lanterns')).map((i) => i.id)).toEqual([id]);
    expect((await search('q=glimmer')).map((i) => i.matchedName)).toEqual(['Glimmer Wicks Ltd']);
    expect((await search('q=09876544')).map((i) => i.id)).toEqual([id]);
    expect(
      (await search('year=2026&sector=Fashion%2C%20textiles%2C%20apparel%20and%20luxury%20goods')).map(
        (i) => i.id,
      ),
    ).toEqual([id]);

    const revised = await json(
      app,
      'PUT',
      `/api/v1/statements/${id}`,
      validDocument({
        isGroup: true,
        groupMembers: [{ name: 'Glimmer Wicks Ltd' }],
        turnover: 'Over £500 million',
      }),
      { ...auth, 'if-match': '1' },
    );
    expect(revised.status).toBe(200);
    await poller.drain();
    const view = statementViewSchema.parse(await (await app.request(`/api/v1/statements/${id}`)).json());
    expect(view.statement).toMatchObject({ revision: 2, turnover: 'Over £500 million' });
    expect((await search('q=endtoend&turnover=Over%20%C2%A3500%20million')).map((i) => i.id)).toEqual([id]);
    expect(await (await app.request('/api/v1/downloads/statements-2026.jsonl')).text()).toContain(
      `"revision":2`,
    );

    const withdrawn = await json(
      app,
      'POST',
      `/api/v1/statements/${id}/withdraw`,
      { reason: 'Filed twice' },
      {
        ...auth,
        'if-match': '2',
      },
    );
    expect(withdrawn.status).toBe(200);
    await poller.drain();
    expect(await search('q=endtoend')).toEqual([]);
    expect(await (await app.request('/api/v1/downloads/statements-2026.csv')).text()).not.toContain(id);
    const page = await (await app.request(`/statements/${id}`)).text();
    expect(page).toContain('This statement was withdrawn');
  });
});
