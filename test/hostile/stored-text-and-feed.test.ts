import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { reindexStatement } from '../../functions/worker/index-statement.ts';
import { authFor, testApp } from '../support/app.ts';
import { enrolledOrganisation, json, officer, validDocument } from '../support/submissions.ts';
import { useTestTable } from '../support/table.ts';
import { elementsNamed, parseXmlStrictly } from '../support/xml.ts';

/** C0 (NUL, bell, escape), DEL, C1 (NEL, CSI) and a noncharacter… */
const CONTROLS = '\u0000\u0007\u001b\u007f\u0085\u009b\uffff';
/** …and the line separator, which becomes a line break (a space in a one-line answer such as a name). */
const HOSTILE = `${CONTROLS}\u2028`;
/** Any character free text may not hold once stored (a CR only inside a CRLF). */
const FORBIDDEN = /(?![\t\n\r])[\p{Cc}\uFFFE\uFFFF\u2028\u2029]|\r(?!\n)/u;

/** Every string in every item of the table, with where it is. */
async function everyStoredString(table: ReturnType<typeof useTestTable>) {
  const found: { where: string; value: string }[] = [];
  const walk = (value: unknown, where: string): void => {
    if (typeof value === 'string') found.push({ where, value });
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(v, `${where}.${k}`);
  };
  const { Items } = await table.store.doc.send(new ScanCommand({ TableName: table.store.tableName }));
  for (const item of Items ?? []) walk(item, `${item.pk}|${item.sk}`);
  return found;
}

/** Issue 13, findings 3 (control characters) and 8 (host trust) through the real app and table. */
describe('control characters in stored text, and the feed', () => {
  const table = useTestTable();
  const site = 'https://register.example.org';
  const { app } = testApp(table.store, undefined, { siteAddress: site });
  let statementId = '';

  it('strips control characters from an organisation name, form answers and a report before they are stored', async () => {
    const email = 'ann@hostile-text.example';
    const org = await enrolledOrganisation(app, email, { name: `Kestrel${HOSTILE}Mills Ltd` });
    const auth = await authFor({ email });
    const created = await json(
      app,
      'POST',
      `/api/v1/organisations/${org.id}/statements`,
      { periodStart: '2025-04-01', periodEnd: '2026-03-31' },
      auth,
    );
    expect(created.status).toBe(201);
    statementId = ((await created.json()) as { id: string }).id;
    const document = validDocument({
      signatory: { firstName: `A${CONTROLS}nn`, lastName: 'Smith', jobTitle: 'Director', role: 'director' },
      summary: { progress: `Audits rose.${HOSTILE}Line two.\r\nLine three.` },
      statementText: `We map our suppliers.\u0000 We train buyers.\u001b[2J`,
    });
    const edited = await json(app, 'PUT', `/api/v1/statements/${statementId}`, document, {
      ...auth,
      'if-match': '"0"',
    });
    expect(edited.status).toBe(200);
    const submitted = await json(app, 'POST', `/api/v1/statements/${statementId}/submit`, undefined, {
      ...auth,
      'if-match': '0.1',
    });
    expect(submitted.status).toBe(200);
    await reindexStatement(table.store, statementId, { now: () => '2026-11-29T12:00:00.000Z' });
    const report = await json(app, 'POST', '/api/v1/reports', {
      statementId,
      reason: 'other',
      details: `=HYPERLINK("x")${HOSTILE}`,
    });
    expect(report.status).toBe(202);

    const organisation = (await (await app.request(`/api/v1/organisations/${org.id}`)).json()) as {
      organisation: { name: string };
    };
    expect(organisation.organisation.name).toBe('Kestrel Mills Ltd');
    const statement = JSON.stringify(await (await app.request(`/api/v1/statements/${statementId}`)).json());
    expect(statement).toContain('"firstName":"Ann"');
    expect(statement).toContain('Audits rose.\\nLine two.\\r\\nLine three.');
    const flags = JSON.stringify(
      await (await app.request('/api/v1/flags?type=report', { headers: await authFor(officer) })).json(),
    );
    expect(flags).toContain('=HYPERLINK(\\"x\\")');

    const stored = await everyStoredString(table);
    expect(stored.some(({ value }) => value.includes('Kestrel Mills Ltd'))).toBe(true);
    expect(stored.filter(({ value }) => FORBIDDEN.test(value)).map(({ where }) => where)).toEqual([]);
  });

  it('writes every feed link on the configured address whatever Host and X-Forwarded-Host say', async () => {
    const response = await app.request('http://evil.example/statements.atom', {
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil2.example' },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain('evil');
    const feed = parseXmlStrictly(text);
    const addresses = [
      ...elementsNamed(feed, 'link').map((link) => link.attributes.href ?? ''),
      ...elementsNamed(feed, 'id').map((id) => id.text),
    ];
    expect(addresses.length).toBeGreaterThanOrEqual(5);
    for (const address of addresses) expect(address.startsWith(`${site}/`), address).toBe(true);
    expect(addresses).toContain(`${site}/statements/${statementId}`);
  });

  it('stays well-formed XML when a name stored before the boundary cleaning holds a control character', async () => {
    // What an older register may have stored: write it under the schema, straight into the items.
    const stored = await table.store.doc.send(new ScanCommand({ TableName: table.store.tableName }));
    const named = (stored.Items ?? []).filter((item) => item.organisationName === 'Kestrel Mills Ltd');
    expect(named.length).toBeGreaterThan(0);
    for (const item of named) {
      await table.store.doc.send(
        new UpdateCommand({
          TableName: table.store.tableName,
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: 'SET organisationName = :name',
          ExpressionAttributeValues: { ':name': `Kestrel\u0000 Mills\u001b Ltd` },
        }),
      );
    }
    const feed = parseXmlStrictly(await (await app.request('/statements.atom')).text());
    const titles = elementsNamed(feed, 'entry').map((entry) => elementsNamed(entry, 'title')[0]?.text);
    expect(titles).toEqual(['Kestrel Mills Ltd: statement for 2026']);
  });
});
