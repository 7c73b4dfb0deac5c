import { describe, expect, it } from 'vitest';
import { authFor, sessionFor, testApp } from '../support/app.ts';
import { addOrganisation, json, officer, validDocument } from '../support/submissions.ts';
import { useTestTable } from '../support/table.ts';

const address = { addressLine1: '4 Mill Lane', town: 'Halifax', postcode: 'HX1 2AB' };
const own = (overrides: Record<string, unknown> = {}) => ({
  name: 'Calderdale Textiles Ltd',
  companyNumber: '07654321',
  entityType: 'company',
  financialYearEnd: '03-31',
  registeredAddress: address,
  ...overrides,
});

describe('a business adding its own organisation', () => {
  const table = useTestTable();
  const { app, letters } = testApp(table.store);
  const as = (email: string) => authFor({ email });

  async function add(email: string, body: Record<string, unknown>) {
    return json(app, 'POST', '/api/v1/me/organisations', body, await as(email));
  }

  it('drafts at once, cannot publish until it enters the code posted to its registered address', async () => {
    const email = 'ann@calderdale.example';
    const added = await add(email, own());
    expect(added.status).toBe(201);
    const { id, verification } = (await added.json()) as { id: string; verification: string };
    expect(verification).toBe('pending');

    const me = (await (await app.request('/api/v1/me', { headers: await as(email) })).json()) as {
      organisations: { id: string; verification?: string }[];
    };
    expect(me.organisations).toEqual([expect.objectContaining({ id, verification: 'pending' })]);

    const draft = await json(
      app,
      'POST',
      `/api/v1/organisations/${id}/statements`,
      validDocument(),
      await as(email),
    );
    expect(draft.status).toBe(201);
    const refused = await json(
      app,
      'POST',
      `/api/v1/organisations/${id}/statements`,
      { ...validDocument(), submit: true },
      await as(email),
    );
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { detail: string }).detail).toContain('enrolment code posted');

    const letter = letters.posted.at(-1);
    expect(letter?.address).toEqual(address);
    // On paper a link must be whole: the site's address, not a path.
    expect(letter?.text).toMatch(/ at https?:\/\/[^\s/]+\/account\/enrol: /);
    const code = letter?.text.match(/[0-9A-Z]{4}(?:-[0-9A-Z]{4}){4}/)?.[0];
    expect(code).toBeDefined();
    expect((await json(app, 'POST', '/api/v1/enrolments', { code }, await as(email))).status).toBe(201);

    const { id: statementId } = (await draft.json()) as { id: string };
    const submitted = await json(app, 'POST', `/api/v1/statements/${statementId}/submit`, undefined, {
      ...(await as(email)),
      'if-match': '"0"',
    });
    expect(submitted.status).toBe(200);
  });

  it('is verified by an officer from the list of organisations waiting', async () => {
    const added = await add(
      'bo@wharfe.example',
      own({ name: 'Wharfe Valley Foods Ltd', companyNumber: '08765432' }),
    );
    const { id } = (await added.json()) as { id: string };
    const pending = (await (
      await app.request('/api/v1/pending-organisations', { headers: await authFor(officer) })
    ).json()) as { items: { organisationId: string; addedBy: string }[] };
    expect(pending.items).toContainEqual(
      expect.objectContaining({ organisationId: id, addedBy: 'bo@wharfe.example' }),
    );
    expect(
      (
        await json(
          app,
          'POST',
          `/api/v1/organisations/${id}/verify`,
          undefined,
          await as('bo@wharfe.example'),
        )
      ).status,
    ).toBe(403);

    const verified = await json(
      app,
      'POST',
      `/api/v1/organisations/${id}/verify`,
      undefined,
      await authFor(officer),
    );
    expect(verified.status).toBe(200);
    expect(await verified.json()).toMatchObject({ id, verification: 'verified' });
    expect(
      (await json(app, 'POST', `/api/v1/organisations/${id}/verify`, undefined, await authFor(officer)))
        .status,
    ).toBe(409);
    const after = (await (
      await app.request('/api/v1/pending-organisations', { headers: await authFor(officer) })
    ).json()) as { items: { organisationId: string }[] };
    expect(after.items.map((p) => p.organisationId)).not.toContain(id);

    const submitted = await json(
      app,
      'POST',
      `/api/v1/organisations/${id}/statements`,
      { ...validDocument(), submit: true },
      await as('bo@wharfe.example'),
    );
    expect(submitted.status).toBe(201);
  });

  it('refuses an organisation already on the register (same company number) with the way to enrol instead', async () => {
    await addOrganisation(app, { companyNumber: '09123456' });
    const before = letters.posted.length;
    const duplicate = await add(
      'cy@example.com',
      own({ name: 'Someone Else Ltd', companyNumber: '09123456' }),
    );
    expect(duplicate.status).toBe(409);
    expect(duplicate.headers.get('content-type')).toContain('application/problem+json');
    expect(((await duplicate.json()) as { detail: string }).detail).toMatch(
      /already on the register.*\/account\/enrol/,
    );
    expect(letters.posted).toHaveLength(before);
    const me = (await (await app.request('/api/v1/me', { headers: await as('cy@example.com') })).json()) as {
      organisations: unknown[];
    };
    expect(me.organisations).toEqual([]);
  });

  it.each([
    ['no registered address', { registeredAddress: undefined }, '/registeredAddress'],
    [
      'no postcode',
      { registeredAddress: { addressLine1: '1 High St', town: 'Leeds', postcode: '' } },
      '/registeredAddress/postcode',
    ],
    ['a wrong company number', { companyNumber: '123' }, '/companyNumber'],
    ['a year end that is no day', { financialYearEnd: '02-30' }, '/financialYearEnd'],
  ])('answers 422 with the field for %s', async (_what, overrides, path) => {
    const answer = await add('dee@example.com', own(overrides));
    expect(answer.status).toBe(422);
    const body = (await answer.json()) as { errors: { path: string }[] };
    expect(body.errors.map((e) => e.path)).toContain(path);
  });

  describe('through the pages', () => {
    const origin = 'http://localhost';
    async function post(email: string, path: string, fields: Record<string, string>, officerToo = false) {
      const session = await sessionFor(table.store, { email, officer: officerToo });
      return app.request(path, {
        method: 'POST',
        headers: {
          cookie: session.cookie,
          origin,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ ...fields, csrfToken: session.csrfToken }).toString(),
      });
    }
    const form = {
      name: 'Ryburn Paper Ltd',
      registration: 'company',
      companyNumber: '06543210',
      entityType: 'company',
      yearEndDay: '31',
      yearEndMonth: '3',
      addressLine1: '1 Mill Yard',
      town: 'Sowerby Bridge',
      postcode: 'HX6 3AA',
    };

    it('adds the organisation, shows it not verified yet on the account page, and an officer verifies it', async () => {
      const email = 'eve@ryburn.example';
      const added = await post(email, '/account/organisations/new', form);
      expect(added.status).toBe(303);
      const account = await app.request(added.headers.get('location') ?? '/account', {
        headers: { cookie: (await sessionFor(table.store, { email })).cookie },
      });
      const html = await account.text();
      expect(html).toContain('Ryburn Paper Ltd');
      expect(html).toContain('Not verified yet');
      expect(html).toContain('Organisation added');

      const officerCookie = (await sessionFor(table.store, officer)).cookie;
      const list = await (
        await app.request('/officers/organisations-to-verify', { headers: { cookie: officerCookie } })
      ).text();
      expect(list).toContain('Ryburn Paper Ltd');
      const id = new URL(added.headers.get('location') ?? '', origin).searchParams.get('added');
      const verified = await post(officer.email, `/officers/organisations-to-verify/${id}`, {}, true);
      expect(verified.status).toBe(303);
      const after = await (
        await app.request('/account', {
          headers: { cookie: (await sessionFor(table.store, { email })).cookie },
        })
      ).text();
      expect(after).not.toContain('Not verified yet');
    });

    it('reports every missing answer at once, each linked to its field', async () => {
      const answer = await post('fay@example.com', '/account/organisations/new', {
        registration: 'company',
        companyNumber: '12',
        yearEndDay: '31',
        yearEndMonth: '2',
      });
      expect(answer.status).toBe(422);
      const html = await answer.text();
      for (const href of [
        '#name',
        '#companyNumber',
        '#entityType',
        '#yearEnd-day',
        '#addressLine1',
        '#town',
        '#postcode',
      ])
        expect(html).toContain(`href="${href}"`);
    });

    it('refuses a duplicate with the way to enrol instead (409)', async () => {
      await addOrganisation(app, { companyNumber: '05432109' });
      const answer = await post('gus@example.com', '/account/organisations/new', {
        ...form,
        companyNumber: '05432109',
      });
      expect(answer.status).toBe(409);
      const html = await answer.text();
      expect(html).toContain('already on the register');
      expect(html).toContain('href="/account/enrol"');
    });
  });
});
