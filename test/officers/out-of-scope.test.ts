import { beforeAll, describe, expect, it } from 'vitest';
import { flagIds } from '../../functions/domain/compliance/flag-ids.ts';
import { getFlag } from '../../functions/store/flags/get-flag.ts';
import { runSweep } from '../../functions/worker/sweep.ts';
import { flagSchema } from '../../schemas/flag.ts';
import { outOfScopeDeclarationSchema } from '../../schemas/out-of-scope.ts';
import { authFor, fixedNow, testApp } from '../support/app.ts';
import { useTestTable } from '../support/table.ts';

const officer = { email: 'olive@officers.example', officer: true };
const member = { email: 'mo@delta.example' };
const stranger = { email: 'sam@elsewhere.example' };
const origin = 'http://localhost';
const SMALL = 'Its turnover or budget is less than £36 million per year';

describe('out-of-scope declarations', () => {
  const table = useTestTable();
  let orgId = '';

  async function call(
    method: string,
    path: string,
    who?: { email: string; officer?: boolean },
    body?: unknown,
  ) {
    const { app } = testApp(table.store);
    return app.request(path, {
      method,
      headers: {
        ...(who ? await authFor(who) : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  async function page(
    method: string,
    path: string,
    who?: { email: string; officer?: boolean },
    fields?: Record<string, string>,
  ) {
    const { app } = testApp(table.store);
    return app.request(`${origin}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...(who ? await authFor(who) : {}), ...(method === 'POST' ? { origin } : {}) },
      ...(fields ? { body: new URLSearchParams(fields) } : {}),
    });
  }

  const sweep = () => runSweep({ store: table.store, clock: () => fixedNow, log: () => {} });
  const missing = async (year: number) =>
    getFlag(table.store, flagIds.missing(orgId, year), { consistent: true });

  beforeAll(async () => {
    const created = (await (
      await call('POST', '/api/v1/organisations', officer, {
        name: 'Delta Foods Ltd',
        entityType: 'company',
        financialYearEnd: '03-31',
      })
    ).json()) as { id: string; enrolmentCode: string };
    orgId = created.id;
    expect((await call('POST', '/api/v1/enrolments', member, { code: created.enrolmentCode })).status).toBe(
      201,
    );
  });

  it('keeps every declaration, challenge and acceptance in its history, and the sweep expects the year only while it is challenged', async () => {
    // Added on 29 November 2026 with a 31 March year end: 2026 (deadline 30 September 2026) is due.
    const path = `/api/v1/organisations/${orgId}/out-of-scope`;
    expect((await call('POST', path, member, { year: 2026, reason: SMALL })).status).toBe(201);
    await sweep();
    expect(await missing(2026)).toBeUndefined();

    const challenged = await call('POST', `${path}/2026/challenge`, officer, { note: 'Accounts show £80m' });
    expect(challenged.status).toBe(200);
    expect(
      (await call('POST', path, member, { year: 2026, reason: 'Other', otherReason: 'Dormant' })).status,
    ).toBe(409);
    await sweep();
    expect(await missing(2026)).toMatchObject({ type: 'missing', year: 2026, status: 'open' });

    const accepted = outOfScopeDeclarationSchema.parse(
      await (
        await call('POST', `${path}/2026/accept`, officer, { note: 'Group accounts checked: £20m' })
      ).json(),
    );
    expect(accepted.status).toBe('accepted');
    expect(await missing(2026)).toMatchObject({ status: 'dismissed' });
    expect((await missing(2026))?.history.at(-1)).toMatchObject({
      by: officer.email,
      to: 'dismissed',
      note: 'Declared out of scope for 2026, accepted: Group accounts checked: £20m',
    });
    expect((await call('POST', `${path}/2026/accept`, officer, { note: 'Again' })).status).toBe(409);

    const redeclared = await call('POST', path, member, {
      year: 2026,
      reason: 'Other',
      otherReason: 'Dormant since 2025',
    });
    expect(redeclared.status).toBe(201);
    const history = outOfScopeDeclarationSchema.parse(
      await (await call('GET', `${path}/2026`, officer)).json(),
    ).history;
    expect(
      history.map((entry) => [entry.action, entry.by, entry.note ?? entry.otherReason ?? entry.reason]),
    ).toEqual([
      ['declared', member.email, SMALL],
      ['challenged', officer.email, 'Accounts show £80m'],
      ['accepted', officer.email, 'Group accounts checked: £20m'],
      ['declared', member.email, 'Dormant since 2025'],
    ]);
  });

  it('lets only officers accept a declaration (401 anonymous, 403 to its own members and others)', async () => {
    const path = `/api/v1/organisations/${orgId}/out-of-scope/2026/accept`;
    expect((await call('POST', path, undefined, { note: 'x' })).status).toBe(401);
    expect((await call('POST', path, member, { note: 'x' })).status).toBe(403);
    expect((await call('POST', path, stranger, { note: 'x' })).status).toBe(403);
    expect((await call('POST', path, officer, { note: 'Reviewed' })).status).toBe(200);
    expect(
      (await call('POST', `/api/v1/organisations/${orgId}/out-of-scope/2019/accept`, officer, { note: 'x' }))
        .status,
    ).toBe(404);
    expect((await call('POST', path, officer, {})).status).toBe(422);
  });

  it('lets an enrolled user declare a year from the page, and shows the declaration to officers on the organisation’s flags', async () => {
    const path = `/account/organisations/${orgId}/out-of-scope`;
    expect((await page('GET', path)).status).toBe(303);
    expect((await page('GET', path, stranger)).status).toBe(403);
    const form = await page('GET', path, member);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('Declare the organisation out of scope for a year');
    expect(html).toContain('It does not have a business presence in the UK');

    const noText = await page('POST', path, member, { year: '2025', reason: 'Other', otherReason: '' });
    expect(noText.status).toBe(422);
    expect(await noText.text()).toContain('Say why the organisation is out of scope');
    const badYear = await page('POST', path, member, { year: 'last year', reason: SMALL });
    expect(badYear.status).toBe(422);
    expect(await badYear.text()).toContain('Enter the reporting year as four digits');
    expect((await page('POST', path, stranger, { year: '2025', reason: SMALL })).status).toBe(403);

    const declared = await page('POST', path, member, {
      year: '2025',
      reason: 'Other',
      otherReason: 'Not trading <in the UK>',
    });
    expect(declared.status).toBe(303);
    expect(declared.headers.get('location')).toBe(`${path}?declared=2025`);
    const after = await (await page('GET', `${path}?declared=2025`, member)).text();
    expect(after).toContain('Your declaration for 2025 is recorded');
    expect(after).toContain('Not trading &lt;in the UK&gt;');

    const flag = flagSchema.parse(
      await (
        await call('POST', '/api/v1/flags', officer, { organisationId: orgId, note: 'Looking into it' })
      ).json(),
    );
    const flagPage = await (await page('GET', `/officers/flags/${flag.id}`, officer)).text();
    expect(flagPage).toContain('declared itself out of scope for 2026, 2025');
    expect(flagPage).toContain('Not trading &lt;in the UK&gt;');

    const accept = await page('POST', `/officers/out-of-scope/${orgId}/2025/accept`, officer, {
      note: 'Fine',
    });
    expect(accept.status).toBe(303);
    const review = await (await page('GET', '/officers/out-of-scope?year=2025', officer)).text();
    expect(review).toContain('data-declaration-status="accepted"');
    expect(review).toContain('Challenge this declaration');
    expect(
      (await page('POST', `/officers/out-of-scope/${orgId}/2025/accept`, member, { note: 'x' })).status,
    ).toBe(403);
  });
});
