import { InternalServerError } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { flagIds } from '../../functions/domain/compliance/flag-ids.ts';
import { reviewOutOfScope } from '../../functions/domain/compliance/out-of-scope.ts';
import { getDeclaration } from '../../functions/store/compliance/declarations.ts';
import { getFlag } from '../../functions/store/flags/get-flag.ts';
import { updateFlag } from '../../functions/store/flags/update-flag.ts';
import { keys } from '../../functions/store/keys.ts';
import type { Store } from '../../functions/store/store.ts';
import { runSweep } from '../../functions/worker/sweep.ts';
import { authFor, fixedNow, testApp } from '../support/app.ts';
import { useTestTable } from '../support/table.ts';

const officer = { id: 'officer-1', email: 'olive@officers.example', isOfficer: true };
const SMALL = 'Its turnover or budget is less than £36 million per year';

describe('accepting an out-of-scope declaration dismisses the year’s missing flag in the same write', () => {
  const table = useTestTable();
  let orgId = '';
  let members = 0;

  async function call(
    method: string,
    path: string,
    who: { email: string; officer?: boolean },
    body: unknown,
  ) {
    const { app } = testApp(table.store);
    return app.request(path, {
      method,
      headers: { ...(await authFor(who)), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  /** A store whose transactions go through `send` (the other reads and writes to the real table). */
  function storeWith(send: (input: TransactWriteCommandInput) => Promise<unknown>) {
    const real = DynamoDBDocumentClient.from(table.store.client);
    const doc = DynamoDBDocumentClient.from(table.store.client);
    const mock = mockClient(doc);
    mock.on(GetCommand).callsFake((input) => real.send(new GetCommand(input)));
    mock.on(TransactWriteCommand).callsFake((input: TransactWriteCommandInput) => send(input));
    const store: Store = { ...table.store, doc };
    return { store, real, restore: () => mock.restore() };
  }

  const missing = async () => getFlag(table.store, flagIds.missing(orgId, 2026), { consistent: true });
  const declaration = async () => getDeclaration(table.store, orgId, 2026);

  // An organisation (31 March year end, 2026 due) declared out of scope for 2026, challenged, swept:
  // its `missing` flag for 2026 is open.
  beforeEach(async () => {
    const officerWho = { email: officer.email, officer: true };
    members += 1;
    const member = { email: `mo-${members}@delta.example` };
    const created = (await (
      await call('POST', '/api/v1/organisations', officerWho, {
        name: 'Delta Foods Ltd',
        entityType: 'company',
        financialYearEnd: '03-31',
      })
    ).json()) as { id: string; enrolmentCode: string };
    orgId = created.id;
    await call('POST', '/api/v1/enrolments', member, { code: created.enrolmentCode });
    const path = `/api/v1/organisations/${orgId}/out-of-scope`;
    expect((await call('POST', path, member, { year: 2026, reason: SMALL })).status).toBe(201);
    expect((await call('POST', `${path}/2026/challenge`, officerWho, { note: '£80m' })).status).toBe(200);
    await runSweep({ store: table.store, clock: () => fixedNow, log: () => {} });
    expect(await missing()).toMatchObject({ status: 'open' });
  });

  it('leaves both the declaration and the flag as they were when the write fails', async () => {
    const attempted: TransactWriteCommandInput[] = [];
    const flaky = storeWith(async (input) => {
      attempted.push(input);
      throw new InternalServerError({ message: 'unavailable', $metadata: {} });
    });
    try {
      await expect(
        reviewOutOfScope(
          { store: flaky.store, clock: () => fixedNow },
          officer,
          orgId,
          2026,
          'accepted',
          'ok',
        ),
      ).rejects.toThrow('unavailable');
    } finally {
      flaky.restore();
    }
    // One transaction carried both the declaration's acceptance and the flag's dismissal.
    expect(attempted).toHaveLength(1);
    const written = (attempted[0]?.TransactItems ?? []).map((item) => item.Update?.Key ?? item.Put?.Item?.pk);
    expect(written).toEqual(
      expect.arrayContaining([keys.outOfScope(orgId, 2026), keys.flag(flagIds.missing(orgId, 2026))]),
    );
    expect(await declaration()).toMatchObject({ status: 'challenged' });
    expect(await missing()).toMatchObject({ status: 'open' });

    await reviewOutOfScope(
      { store: table.store, clock: () => fixedNow },
      officer,
      orgId,
      2026,
      'accepted',
      'ok',
    );
    expect(await declaration()).toMatchObject({ status: 'accepted' });
    expect(await missing()).toMatchObject({ status: 'dismissed' });
  });

  it('reads the flag again when it moved between the read and the write, and dismisses it then', async () => {
    let moved = false;
    const racing = storeWith(async (input) => {
      if (!moved) {
        // Another officer marks the flag contacted just before the acceptance is written.
        moved = true;
        const flag = await missing();
        if (!flag) throw new Error('no flag');
        await updateFlag(table.store, flag, flag.version, {
          status: 'contacted',
          assignee: null,
          entry: {
            at: fixedNow.toISOString(),
            by: 'cara@officers.example',
            action: 'status',
            to: 'contacted',
            note: 'Rang them',
          },
        });
      }
      return racing.real.send(new TransactWriteCommand(input));
    });
    try {
      await reviewOutOfScope(
        { store: racing.store, clock: () => fixedNow },
        officer,
        orgId,
        2026,
        'accepted',
        'Checked',
      );
    } finally {
      racing.restore();
    }
    expect(await declaration()).toMatchObject({ status: 'accepted' });
    const flag = await missing();
    expect(flag?.history.slice(-2).map((entry) => [entry.by, entry.to])).toEqual([
      ['cara@officers.example', 'contacted'],
      [officer.email, 'dismissed'],
    ]);
    expect(flag?.status).toBe('dismissed');
  });
});
