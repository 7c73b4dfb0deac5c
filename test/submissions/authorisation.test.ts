import { describe, expect, it } from 'vitest';
import { getStatement } from '../../functions/store/statements/get-statement.ts';
import { authFor, testApp } from '../support/app.ts';
import {
  addOrganisation,
  enrolledOrganisation,
  json,
  officer,
  validDocument,
} from '../support/submissions.ts';
import { useTestTable } from '../support/table.ts';

type Actor = 'anonymous' | 'other user' | 'enrolled user' | 'officer';

const ACTORS: Record<Actor, { email: string; officer?: boolean } | undefined> = {
  anonymous: undefined,
  'other user': { email: 'other@elsewhere.example' },
  'enrolled user': { email: 'owner@acme.example' },
  officer,
};

interface Request {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  raw?: Uint8Array;
  /** The statement the request would change, to prove a refused request changed nothing. */
  statementId?: string;
}

describe('who may change what: every mutating route × {anonymous, other user, enrolled user, officer}', () => {
  const table = useTestTable();
  const { app } = testApp(table.store);
  let counter = 0;
  /** The "other user" acts for an organisation of their own, just not this one. */
  let otherUsersOrganisation: Promise<unknown> | undefined;

  /** A fresh organisation the "enrolled user" acts for (the "other user" acts for a different one). */
  async function organisation() {
    counter += 1;
    const org = await enrolledOrganisation(app, ACTORS['enrolled user']?.email ?? '', {
      name: `Matrix ${counter} Ltd`,
    });
    otherUsersOrganisation ??= enrolledOrganisation(app, ACTORS['other user']?.email ?? '', {
      name: 'Elsewhere Ltd',
    });
    await otherUsersOrganisation;
    return org;
  }

  async function statement(options: { submit: boolean }) {
    const org = await organisation();
    const response = await json(
      app,
      'POST',
      `/api/v1/organisations/${org.id}/statements`,
      { ...validDocument(), submit: options.submit },
      await authFor(ACTORS['enrolled user'] ?? officer),
    );
    return ((await response.json()) as { id: string }).id;
  }

  const ROUTES: {
    route: string;
    request: () => Promise<Request>;
    expected: Record<Actor, number>;
  }[] = [
    {
      route: 'POST /api/v1/organisations',
      request: async () => ({
        method: 'POST',
        path: '/api/v1/organisations',
        body: { name: `Added ${++counter} Ltd`, entityType: 'company', financialYearEnd: '12-31' },
      }),
      expected: { anonymous: 401, 'other user': 403, 'enrolled user': 403, officer: 201 },
    },
    {
      route: 'POST /api/v1/organisations/{orgId}/enrolment-codes',
      request: async () => ({
        method: 'POST',
        path: `/api/v1/organisations/${(await organisation()).id}/enrolment-codes`,
      }),
      expected: { anonymous: 401, 'other user': 403, 'enrolled user': 403, officer: 201 },
    },
    {
      route: 'POST /api/v1/enrolments',
      request: async () => ({
        method: 'POST',
        path: '/api/v1/enrolments',
        body: { code: (await addOrganisation(app, { name: `Code ${++counter} Ltd` })).enrolmentCode },
      }),
      expected: { anonymous: 401, 'other user': 201, 'enrolled user': 201, officer: 201 },
    },
    {
      route: 'POST /api/v1/organisations/{orgId}/statements',
      request: async () => ({
        method: 'POST',
        path: `/api/v1/organisations/${(await organisation()).id}/statements`,
        body: { ...validDocument(), submit: true },
      }),
      expected: { anonymous: 401, 'other user': 403, 'enrolled user': 201, officer: 403 },
    },
    {
      route: 'PUT /api/v1/statements/{id}',
      request: async () => {
        const id = await statement({ submit: true });
        return {
          method: 'PUT',
          path: `/api/v1/statements/${id}`,
          body: validDocument({ turnover: 'Not provided' }),
          headers: { 'if-match': '1' },
          statementId: id,
        };
      },
      expected: { anonymous: 401, 'other user': 403, 'enrolled user': 200, officer: 403 },
    },
    {
      route: 'POST /api/v1/statements/{id}/submit',
      request: async () => {
        const id = await statement({ submit: false });
        return { method: 'POST', path: `/api/v1/statements/${id}/submit`, statementId: id };
      },
      expected: { anonymous: 401, 'other user': 403, 'enrolled user': 200, officer: 403 },
    },
    {
      route: 'POST /api/v1/statements/{id}/withdraw',
      request: async () => {
        const id = await statement({ submit: true });
        return {
          method: 'POST',
          path: `/api/v1/statements/${id}/withdraw`,
          body: { reason: 'Wrong company' },
          statementId: id,
        };
      },
      expected: { anonymous: 401, 'other user': 403, 'enrolled user': 200, officer: 403 },
    },
    {
      route: 'PUT /api/v1/statements/{id}/document',
      request: async () => {
        const id = await statement({ submit: true });
        return {
          method: 'PUT',
          path: `/api/v1/statements/${id}/document`,
          raw: new TextEncoder().encode('<!doctype html><html><body><p>Our statement</p></body></html>'),
          headers: { 'content-type': 'text/html' },
          statementId: id,
        };
      },
      expected: { anonymous: 401, 'other user': 403, 'enrolled user': 200, officer: 403 },
    },
  ];

  const cases = ROUTES.flatMap(({ route, request, expected }) =>
    (Object.keys(ACTORS) as Actor[]).map((actor) => ({ route, actor, request, status: expected[actor] })),
  );

  it.each(cases)('$route as $actor answers $status', async ({ actor, request, status }) => {
    const req = await request();
    const identity = ACTORS[actor];
    const headers = { ...(req.headers ?? {}), ...(identity ? await authFor(identity) : {}) };
    const before = req.statementId ? await getStatement(table.store, req.statementId) : undefined;
    const response = req.raw
      ? await app.request(req.path, { method: req.method, headers, body: Buffer.from(req.raw) })
      : await json(app, req.method, req.path, req.body, headers);
    expect(response.status).toBe(status);
    if (status >= 400) {
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      if (req.statementId) expect(await getStatement(table.store, req.statementId)).toEqual(before);
    }
  });

  it.each([
    [
      'GET /api/v1/audit',
      '/api/v1/audit',
      { anonymous: 401, 'other user': 403, 'enrolled user': 403, officer: 200 },
    ],
    [
      'GET /api/v1/me',
      '/api/v1/me',
      { anonymous: 401, 'other user': 200, 'enrolled user': 200, officer: 200 },
    ],
  ] as const)('%s is answered by role', async (_route, path, expected) => {
    for (const actor of Object.keys(ACTORS) as Actor[]) {
      const identity = ACTORS[actor];
      const response = await app.request(path, { headers: identity ? await authFor(identity) : {} });
      expect([actor, response.status]).toEqual([actor, expected[actor]]);
    }
  });

  it('lets only enrolled users read a statement’s draft', async () => {
    const id = await statement({ submit: false });
    for (const [actor, status] of [
      ['anonymous', 401],
      ['other user', 403],
      ['enrolled user', 200],
      ['officer', 403],
    ] as const) {
      const identity = ACTORS[actor];
      const response = await app.request(`/api/v1/statements/${id}/draft`, {
        headers: identity ? await authFor(identity) : {},
      });
      expect([actor, response.status]).toEqual([actor, status]);
    }
  });
});
