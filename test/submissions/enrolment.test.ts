import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  generateEnrolmentCode,
  hashEnrolmentCode,
  looksLikeEnrolmentCode,
  normaliseEnrolmentCode,
} from '../../functions/domain/enrolment-codes.ts';
import { DEFAULT_RATE_LIMITS } from '../../functions/domain/rate-limits.ts';
import { getEnrolmentCode } from '../../functions/store/enrolment/redeem-enrolment-code.ts';
import { authFor, fixedNow, testApp } from '../support/app.ts';
import { addOrganisation, json, officer } from '../support/submissions.ts';
import { useTestTable } from '../support/table.ts';

describe('enrolment codes', () => {
  const table = useTestTable();
  const limits = { limits: DEFAULT_RATE_LIMITS };
  const { app } = testApp(table.store, undefined, limits);
  const redeem = async (email: string, code: string, application = app, address = '192.0.2.1') =>
    json(
      application,
      'POST',
      '/api/v1/enrolments',
      { code },
      {
        ...(await authFor({ email })),
        'cloudfront-viewer-address': `${address}:443`,
      },
    );

  it('are 20 characters of Crockford base32, read forgivingly', () => {
    const codes = new Set(Array.from({ length: 200 }, () => generateEnrolmentCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
      expect(looksLikeEnrolmentCode(code.toLowerCase().replaceAll('-', ' '))).toBe(true);
      expect(hashEnrolmentCode(code.toLowerCase())).toBe(hashEnrolmentCode(code));
    }
    expect(normaliseEnrolmentCode('abio-l')).toBe('AB101');
  });

  it('are shown once and stored only as a hash', async () => {
    const { id, enrolmentCode } = await addOrganisation(app);
    const record = await getEnrolmentCode(table.store, hashEnrolmentCode(enrolmentCode));
    expect(record).toMatchObject({ organisationId: id });
    const { Items } = await table.store.doc.send(new ScanCommand({ TableName: table.store.tableName }));
    expect(JSON.stringify(Items)).not.toContain(normaliseEnrolmentCode(enrolmentCode));
    expect(JSON.stringify(Items)).not.toContain(enrolmentCode);
  });

  it('let several people act for one organisation, each with their own code, and say so in /me and the audit', async () => {
    const org = await addOrganisation(app);
    expect((await redeem('first@several.example', org.enrolmentCode)).status).toBe(201);
    const second = await json(
      app,
      'POST',
      `/api/v1/organisations/${org.id}/enrolment-codes`,
      {},
      await authFor(officer),
    );
    // A second person needs a second code: the first is used up.
    expect((await redeem('second@several.example', org.enrolmentCode)).status).toBe(422);
    expect(second.status).toBe(201);
    const { enrolmentCode } = (await second.json()) as { enrolmentCode: string };
    expect((await redeem('second@several.example', enrolmentCode)).status).toBe(201);
    for (const email of ['first@several.example', 'second@several.example']) {
      const me = await app.request('/api/v1/me', { headers: await authFor({ email }) });
      const body = (await me.json()) as { user: { email: string }; organisations: { id: string }[] };
      expect(body.user.email).toBe(email);
      expect(body.organisations.map((o) => o.id)).toEqual([org.id]);
    }
    const audit = await app.request(`/api/v1/audit?entity=organisation/${org.id}`, {
      headers: await authFor(officer),
    });
    const actions = ((await audit.json()) as { items: { action: string }[] }).items.map((e) => e.action);
    expect(actions.filter((a) => a === 'membership.created')).toHaveLength(2);
    expect(actions).toContain('organisation.created');
  });

  it('are single-use: a second redemption is refused with 422 naming /code', async () => {
    const { enrolmentCode } = await addOrganisation(app);
    expect((await redeem('once@single.example', enrolmentCode)).status).toBe(201);
    const again = await redeem('twice@single.example', enrolmentCode);
    expect(again.status).toBe(422);
    expect(((await again.json()) as { errors: { path: string }[] }).errors).toEqual([
      { path: '/code', message: expect.any(String) },
    ]);
  });

  it('expire after 90 days', async () => {
    const { enrolmentCode } = await addOrganisation(app);
    const later = testApp(table.store, () => new Date(fixedNow.getTime() + 91 * 86_400_000)).app;
    expect((await redeem('late@expiry.example', enrolmentCode, later)).status).toBe(422);
    const inTime = testApp(table.store, () => new Date(fixedNow.getTime() + 89 * 86_400_000)).app;
    expect((await redeem('late@expiry.example', enrolmentCode, inTime)).status).toBe(201);
  });

  it('throttle wrong guesses per user: the sixth attempt in 15 minutes is 429, even with the right code', async () => {
    const { enrolmentCode } = await addOrganisation(app);
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(
        (await redeem('guesser@throttle.example', `WRONG-CODE-${attempt}`, app, `192.0.2.${10 + attempt}`))
          .status,
      ).toBe(422);
    }
    expect((await redeem('guesser@throttle.example', enrolmentCode, app, '192.0.2.99')).status).toBe(429);
    // Another person (elsewhere) is not held back by someone else's guesses.
    expect((await redeem('honest@throttle.example', enrolmentCode, app, '198.51.100.1')).status).toBe(201);
    // The window passes.
    const later = testApp(table.store, () => new Date(fixedNow.getTime() + 16 * 60_000), limits).app;
    expect((await redeem('guesser@throttle.example', 'STILL-WRONG', later)).status).toBe(422);
  });
});
